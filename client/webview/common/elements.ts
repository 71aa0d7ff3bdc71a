/**
 * The @vscode-elements/elements components both webviews use (button, picker), registered once
 * per bundle; a webview imports any others it needs itself (chat: textarea, checkbox;
 * dashboard: textfield). Each is imported by its own module so a bundle carries only those it
 * uses (and lit). They style themselves from VS Code's theme variables in constructable
 * stylesheets, so the strict CSP (no 'unsafe-inline' styles) holds.
 */
import "@vscode-elements/elements/dist/vscode-button/index.js";
import "@vscode-elements/elements/dist/vscode-option/index.js";
import "@vscode-elements/elements/dist/vscode-single-select/index.js";
import type { VscodeButton } from "@vscode-elements/elements/dist/vscode-button/vscode-button.js";
import type { VscodeSingleSelect } from "@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js";
import { el } from "./dom";

export type { VscodeButton, VscodeSingleSelect };
export type { VscodeCheckbox } from "@vscode-elements/elements/dist/vscode-checkbox/vscode-checkbox.js";
export type { VscodeTextarea } from "@vscode-elements/elements/dist/vscode-textarea/vscode-textarea.js";
export type { VscodeTextfield } from "@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js";

/** A button; `secondary` for the less prominent style. */
export function button(text: string, attrs: Record<string, string> = {}, secondary = true): VscodeButton {
  const b = el("vscode-button", attrs, text);
  if (secondary) b.setAttribute("secondary", "");
  return b;
}

/** A single-choice picker with an accessible name and [value, label] options. */
export function picker(id: string, label: string, options: [string, string][], attrs: Record<string, string> = {}): VscodeSingleSelect {
  const s = el("vscode-single-select", { id, label, ...attrs });
  setOptions(s, options);
  return s;
}

/** Replaces a picker's options; the value stays when still offered, else the first option is chosen. */
export function setOptions(select: VscodeSingleSelect, options: [string, string][], keep = select.value): void {
  const next = options.some(([v]) => v === keep) ? keep : (options[0]?.[0] ?? "");
  // The picker rebuilds its state from the options when they are slotted (later), so the chosen
  // one is marked `selected`; setting the value covers reads before that.
  select.replaceChildren(...options.map(([value, text]) => el("vscode-option", value === next ? { value, selected: "" } : { value }, text)));
  select.value = next;
}
