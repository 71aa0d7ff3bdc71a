/**
 * Copy and Insert buttons on rendered code blocks. Insert goes through the host (it owns the
 * editor); copy uses the webview clipboard.
 */
import { request } from "./api";
import { el } from "./view";

export function decorateCodeBlocks(container: HTMLElement): void {
  for (const pre of Array.from(container.querySelectorAll("pre"))) {
    const code = pre.querySelector("code");
    if (!code) continue;
    const bar = el("div", { class: "code-actions" });
    const copy = el("button", { type: "button", class: "copy secondary" }, "Copy");
    const insert = el("button", { type: "button", class: "insert secondary" }, "Insert");
    copy.addEventListener("click", () => {
      void navigator.clipboard.writeText(code.textContent ?? "").then(() => { copy.textContent = "Copied"; });
    });
    insert.addEventListener("click", () => void request("editor/insert", { code: code.textContent ?? "" }));
    bar.append(copy, insert);
    pre.before(bar);
  }
}
