/**
 * Copy and Insert buttons on rendered code blocks. Insert goes through the host (it owns the
 * editor); copy uses the webview clipboard.
 */
import { request } from "./api";
import { button, el } from "./view";

export function decorateCodeBlocks(container: HTMLElement): void {
  for (const pre of Array.from(container.querySelectorAll("pre"))) {
    const code = pre.querySelector("code");
    if (!code) continue;
    const bar = el("div", { class: "code-actions" });
    const copy = button("Copy", { class: "copy", title: "Copy the code" });
    const insert = button("Insert", { class: "insert", title: "Insert the code at the cursor" });
    copy.addEventListener("click", () => {
      void navigator.clipboard.writeText(code.textContent ?? "").then(() => { copy.textContent = "Copied"; });
    });
    insert.addEventListener("click", () => void request("editor/insert", { code: code.textContent ?? "" }));
    bar.append(copy, insert);
    pre.before(bar);
  }
}
