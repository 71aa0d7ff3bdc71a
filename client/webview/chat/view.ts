/**
 * DOM building for the chat: the static layout and one message element. Only textContent and
 * sanitised markdown go into the DOM; no inline handlers.
 */
import { el } from "../common/dom";

export { el };

export type Layout = {
  model: HTMLSelectElement;
  template: HTMLSelectElement;
  state: HTMLElement;
  messages: HTMLElement;
  prompt: HTMLTextAreaElement;
  send: HTMLButtonElement;
  stop: HTMLButtonElement;
  attach: HTMLSelectElement;
  noCache: HTMLInputElement;
  preview: HTMLButtonElement;
  previewBox: HTMLElement;
};

export function buildLayout(root: HTMLElement): Layout {
  const header = el("header", { class: "toolbar" });
  const model = el("select", { id: "model", "aria-label": "Model" });
  const template = el("select", { id: "template", "aria-label": "Prompt template" });
  const state = el("span", { id: "server-state", role: "status", "aria-live": "polite" }, "starting…");
  header.append(model, template, state);

  const messages = el("main", { id: "messages", "aria-live": "polite", "aria-label": "Conversation" });
  const previewBox = el("section", { id: "preview-box", class: "preview", hidden: "" });

  const footer = el("footer", { class: "composer" });
  const prompt = el("textarea", { id: "prompt", rows: "3", placeholder: "Ask about your code… (Enter to send, Shift+Enter for a new line)", "aria-label": "Message" });
  const row = el("div", { class: "row" });
  const attach = el("select", { id: "attach", "aria-label": "Attach context" });
  attach.append(el("option", { value: "" }, "No context"), el("option", { value: "selection" }, "Attach selection"), el("option", { value: "file" }, "Attach file"));
  const noCacheLabel = el("label", { class: "check" });
  const noCache = el("input", { id: "no-cache", type: "checkbox" });
  noCacheLabel.append(noCache, document.createTextNode(" skip cache"));
  const preview = el("button", { id: "preview", type: "button", class: "secondary", title: "Show exactly what will be sent" }, "Preview");
  const stop = el("button", { id: "stop", type: "button", class: "secondary", hidden: "" }, "Stop");
  const send = el("button", { id: "send", type: "button" }, "Send");
  row.append(attach, noCacheLabel, preview, stop, send);
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
  const details = el("details", { class: "event-details" });
  const actions = el("div", { class: "actions" });
  root.append(label, content, status, details, actions);
  return { root, content, status, details, actions };
}
