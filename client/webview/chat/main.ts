/**
 * The chat webview: send, stream, stop, retry/edit the last message, pickers, attachments,
 * redaction preview, per-message events, thumbs up/down and guard "send anyway".
 */
import type { HostEvent } from "../../../shared/src/webview";
import type { PipelineEvent } from "../../../shared/src/events";
import { ErrorCode } from "../../../shared/src/errors";
import { abort, listen, loadState, newId, onEvent, request, RequestFailed, saveState } from "./api";
import { renderMarkdown } from "./markdown";
import { button, buildLayout, el, messageView, type MessageView } from "./view";
import { setOptions } from "../common/elements";
import { summarizeEvents } from "./eventsLine";
import { decorateCodeBlocks } from "./codeBlocks";

/** Turns sent with a message (the server also trims by tokens) and turns kept across reloads. */
const MAX_HISTORY_TURNS = 20;
const MAX_SAVED_TURNS = 100;
const ui = buildLayout(document.body);
const conversationId = newId("conv");
const history: { role: "user" | "assistant"; content: string }[] = [];
type Stream = { id: string; requestId: string; text: string; view: MessageView; events: PipelineEvent[]; frame: number };
let current: Stream | undefined;
const reviews = new Map<string, Stream>();
let lastUserText = "";

function setBusy(busy: boolean): void {
  ui.send.disabled = busy;
  ui.stop.hidden = !busy;
  ui.prompt.readonly = busy;
}

function scheduleRender(s: Stream): void {
  if (s.frame !== 0) return;
  s.frame = requestAnimationFrame(() => {
    s.frame = 0;
    s.view.content.innerHTML = renderMarkdown(s.text);
    decorateCodeBlocks(s.view.content);
    ui.messages.scrollTop = ui.messages.scrollHeight;
  });
}

function showEvents(s: Stream, latencyMs?: number): void {
  const { parts, details } = summarizeEvents(s.events, latencyMs);
  s.view.status.textContent = parts.join(" · ");
  s.view.details.replaceChildren(el("summary", {}, "details"), ...details.map((d) => el("div", {}, d)));
  s.view.details.hidden = details.length === 0;
}

function addUser(text: string): void {
  const v = messageView("user");
  v.content.textContent = text;
  ui.messages.append(v.root);
}

async function send(text: string, opts: { sendAnyway?: boolean } = {}): Promise<void> {
  if (text.trim() === "" || current) return;
  lastUserText = text;
  if (!opts.sendAnyway) addUser(text);
  const view = messageView("assistant");
  ui.messages.append(view.root);
  const stream: Stream = { id: newId("stream"), requestId: newId("req"), text: "", view, events: [], frame: 0 };
  current = stream;
  setBusy(true);
  const attach = ui.attach.value === "selection" || ui.attach.value === "file" ? ui.attach.value : undefined;
  try {
    const result = await request("chat/send", {
      streamId: stream.id, text, history: history.slice(-MAX_HISTORY_TURNS), conversationId,
      model: ui.model.value || undefined, templateId: ui.template.value || undefined,
      noCache: ui.noCache.checked || undefined, sendAnyway: opts.sendAnyway || undefined, attach,
    } as Parameters<typeof request<"chat/send">>[1], stream.requestId);
    stream.text = result.text;
    stream.events = result.events;
    scheduleRender(stream);
    showEvents(stream, result.latencyMs);
    if (!result.complete) view.root.classList.add("incomplete");
    history.push({ role: "user", content: text }, { role: "assistant", content: result.text });
    if (history.length > MAX_SAVED_TURNS) history.splice(0, history.length - MAX_SAVED_TURNS);
    saveState({ history });
    addActions(view, result.requestId, result.templateId, result.templateVersion);
  } catch (err) {
    const data = err instanceof RequestFailed ? err.data : { code: ErrorCode.Internal, message: String(err) };
    if (data.partialText) stream.text = data.partialText;
    scheduleRender(stream);
    showEvents(stream);
    showError(view, data.code, data.message, text);
  } finally {
    current = undefined;
    setBusy(false);
  }
}

function showError(view: MessageView, code: number, message: string, text: string): void {
  view.root.classList.add(code === ErrorCode.RequestCancelled ? "cancelled" : "error");
  const box = el("div", { class: code === ErrorCode.GuardrailBlocked ? "guard-block" : "error-text", role: "alert" }, code === ErrorCode.RequestCancelled ? "Stopped." : message);
  view.actions.replaceChildren(box);
  if (code === ErrorCode.GuardrailBlocked) {
    const anyway = button("Send anyway", { class: "send-anyway" });
    anyway.addEventListener("click", () => void send(text, { sendAnyway: true }));
    view.actions.append(anyway);
  } else {
    const retry = button("Retry", { class: "retry" });
    retry.addEventListener("click", () => { view.root.remove(); void send(text, { sendAnyway: true }); });
    view.actions.append(retry);
  }
}

function addActions(view: MessageView, requestId: string, templateId: string, templateVersion: string): void {
  const up = button("👍", { class: "thumb up", "aria-label": "Good answer", title: "Good answer" });
  const down = button("👎", { class: "thumb down", "aria-label": "Bad answer", title: "Bad answer" });
  const rate = (rating: "up" | "down") => {
    up.disabled = down.disabled = true;
    const chosen = rating === "up" ? up : down;
    chosen.classList.add("chosen");
    chosen.setAttribute("aria-pressed", "true");
    void request("chat/feedback", { requestId, templateId, templateVersion, rating }).catch(() => undefined);
  };
  up.addEventListener("click", () => rate("up"));
  down.addEventListener("click", () => rate("down"));
  const edit = button("Edit", { class: "edit", title: "Edit the last message" });
  edit.addEventListener("click", () => {
    ui.prompt.value = lastUserText;
    ui.prompt.focus();
  });
  view.actions.replaceChildren(up, down, edit);
}

function onReviewEvent(e: Extract<HostEvent, { type: "review/start" | "review/done" }>): void {
  if (e.type === "review/start") {
    const view = messageView("assistant");
    view.root.classList.add("review");
    view.root.prepend(el("div", { class: "review-title" }, e.title));
    ui.messages.append(view.root);
    reviews.set(e.streamId, { id: e.streamId, requestId: "", text: "", view, events: [], frame: 0 });
    return;
  }
  const s = reviews.get(e.streamId);
  if (!s) return;
  reviews.delete(e.streamId);
  s.events = e.events;
  showEvents(s);
  s.view.actions.replaceChildren(el("div", { class: e.error ? "error-text" : "review-summary" }, e.error ?? e.summary));
}

function onHostEvent(e: HostEvent): void {
  if (e.type === "review/start" || e.type === "review/done") return onReviewEvent(e);
  if (e.type === "chat/chunk" && reviews.has(e.streamId)) {
    const s = reviews.get(e.streamId);
    if (s) { s.text += e.delta; scheduleRender(s); }
  } else if (e.type === "chat/chunk" && current?.id === e.streamId) {
    current.text += e.delta;
    scheduleRender(current);
  } else if (e.type === "chat/event" && current?.id === e.streamId) {
    current.events.push(e.event);
    showEvents(current);
  } else if (e.type === "server/state") {
    ui.state.textContent = e.state === "ready" ? (e.demoModel ? "ready · demo model" : `ready · ${e.model}`) : e.state;
    ui.state.title = e.message ?? "";
    ui.state.className = `state-${e.state}`;
    if (e.state === "ready") void loadOptions();
  } else if (e.type === "chat/clear") {
    history.length = 0;
    saveState({ history });
    ui.messages.replaceChildren();
  } else if (e.type === "chat/export") {
    const markdown = history.map((t) => `## ${t.role === "user" ? "You" : "Preflight"}\n\n${t.content}\n`).join("\n");
    void request("chat/export", { markdown: `# Preflight chat\n\n${markdown}` }).catch(() => undefined);
  }
}

async function loadOptions(): Promise<void> {
  try {
    const o = await request("chat/options", {});
    setOptions(ui.model, o.models.map((m) => [m.id, m.label]));
    setOptions(ui.template, o.templates.map((t) => [t.id, t.label]));
  } catch {
    // The server is not ready yet; the next server/state event reloads the choices.
  }
}

async function preview(): Promise<void> {
  const attach = ui.attach.value === "selection" || ui.attach.value === "file" ? ui.attach.value : undefined;
  try {
    const r = await request("chat/preview", { text: ui.prompt.value, conversationId, ...(attach ? { attach } : {}) });
    const list = r.findings.map((f) => `${f.placeholder} ← ${f.type}`);
    ui.previewBox.replaceChildren(
      el("div", { class: "preview-title" }, r.findings.length ? `Will be sent with ${r.findings.length} value(s) redacted:` : "Will be sent as is (nothing to redact):"),
      el("pre", { class: "preview-text" }, r.sent),
      ...list.map((l) => el("div", { class: "preview-finding" }, l)),
    );
  } catch (err) {
    ui.previewBox.replaceChildren(el("div", { class: "error-text" }, err instanceof Error ? err.message : String(err)));
  }
  ui.previewBox.hidden = false;
}

ui.send.addEventListener("click", () => {
  // A disabled vscode-button still receives programmatic clicks (Enter in the prompt).
  if (ui.send.disabled || current) return;
  const text = ui.prompt.value;
  ui.prompt.value = "";
  ui.previewBox.hidden = true;
  void send(text);
});
ui.stop.addEventListener("click", () => { if (current) abort(current.requestId); });
ui.preview.addEventListener("click", () => void preview());
ui.prompt.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    ui.send.click();
  } else if (e.key === "Escape" && current) {
    abort(current.requestId);
  }
});
/** Restores the conversation kept by VS Code for this workspace (bounded to MAX_SAVED_TURNS). */
function restore(): void {
  const saved = loadState() as { history?: unknown } | undefined;
  if (!saved || !Array.isArray(saved.history)) return;
  for (const t of saved.history.slice(-MAX_SAVED_TURNS)) {
    if (typeof t !== "object" || t === null) continue;
    const { role, content } = t as { role?: unknown; content?: unknown };
    if ((role !== "user" && role !== "assistant") || typeof content !== "string") continue;
    history.push({ role, content });
    const v = messageView(role);
    if (role === "user") v.content.textContent = content;
    else {
      v.content.innerHTML = renderMarkdown(content);
      decorateCodeBlocks(v.content);
    }
    ui.messages.append(v.root);
  }
}

restore();
onEvent(onHostEvent);
listen();
ui.prompt.focus();
