/**
 * DOM building for the chat: the static layout and one message element. Only textContent and
 * sanitised markdown go into the DOM; no inline handlers.
 */
import { el } from "../common/dom";
import "@vscode-elements/elements/dist/vscode-checkbox/index.js";
import "@vscode-elements/elements/dist/vscode-textarea/index.js";
import { button, picker, type VscodeButton, type VscodeCheckbox, type VscodeSingleSelect, type VscodeTextarea } from "../common/elements";

export { el, button };

export type Layout = {
  model: VscodeSingleSelect;
  template: VscodeSingleSelect;
  state: HTMLElement;
  messages: HTMLElement;
  prompt: VscodeTextarea;
  send: VscodeButton;
  stop: VscodeButton;
  attach: VscodeSingleSelect;
  noCache: VscodeCheckbox;
  preview: VscodeButton;
  previewBox: HTMLElement;
};

/**
 * The chat's layout, built from @vscode-elements components: pickers on top, the conversation,
 * the redaction preview, and the composer. Tab order follows the DOM order.
 */
export function buildLayout(root: HTMLElement): Layout {
  const header = el("header", { class: "toolbar" });
  const model = picker("model", "Model", []);
  const template = picker("template", "Prompt template", []);
  const state = el("span", { id: "server-state", role: "status", "aria-live": "polite" }, "starting…");
  header.append(model, template, state);

  const messages = el("main", { id: "messages", "aria-live": "polite", "aria-label": "Conversation" });
  const previewBox = el("section", { id: "preview-box", class: "preview", hidden: "", "aria-label": "What will be sent" });

  const footer = el("footer", { class: "composer" });
  const prompt = el("vscode-textarea", { id: "prompt", placeholder: "Ask about your code… (Enter to send, Shift+Enter for a new line)", resize: "vertical" });
  prompt.rows = 3;
  prompt.label = "Message";
  const row = el("div", { class: "row" });
  const attach = picker("attach", "Attach context", [["", "No context"], ["selection", "Attach selection"], ["file", "Attach file"]], { position: "above" });
  const noCache = el("vscode-checkbox", { id: "no-cache", label: "skip cache", title: "Ask the model even when a cached answer exists" });
  const preview = button("Preview", { id: "preview", title: "Show exactly what will be sent" });
  const stop = button("Stop", { id: "stop", hidden: "", title: "Stop the answer (Escape)" });
  const send = button("Send", { id: "send", title: "Send (Enter)" }, false);
  row.append(attach, noCache, preview, stop, send);
  footer.append(prompt, row);
  root.append(header, messages, previewBox, footer);
  return { model, template, state, messages, prompt, send, stop, attach, noCache, preview, previewBox };
}

export type MessageView = { root: HTMLElement; content: HTMLElement; status: HTMLElement; details: HTMLElement; actions: HTMLElement };

export function messageView(role: "user" | "assistant"): MessageView {
  const root = el("article", { class: `message ${role}` });
  const label = el("div", { class: "role" }, role === "user" ? "You" : "Preflight");
  const content = el("div", { class: "content" });
  const status = el("div", { class: "status-line" });
  // Shown once the pipeline reports something worth detailing (see showEvents).
  const details = el("details", { class: "event-details", hidden: "" });
  const actions = el("div", { class: "actions" });
  root.append(label, content, status, details, actions);
  return { root, content, status, details, actions };
}
