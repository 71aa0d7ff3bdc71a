/**
 * Small runtime guards used at every trust boundary (webview ↔ host, LSP params).
 * They check shape only; the handler then validates values.
 */
import type { WebviewMethod, WebviewToHost } from "./webview";

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isString(value: unknown): value is string {
  return typeof value === "string";
}

const METHODS: readonly WebviewMethod[] = ["chat/send", "chat/options", "chat/preview", "chat/feedback", "editor/insert", "chat/export"];

function isHistory(value: unknown): boolean {
  return Array.isArray(value) && value.every((t) => isRecord(t) && (t.role === "user" || t.role === "assistant") && isString(t.content));
}

function paramsOk(method: WebviewMethod, p: unknown): boolean {
  if (!isRecord(p)) return false;
  switch (method) {
    case "chat/send":
      return (
        isString(p.streamId) && isString(p.text) && isHistory(p.history) && isString(p.conversationId) &&
        (p.model === undefined || isString(p.model)) && (p.templateId === undefined || isString(p.templateId)) &&
        (p.noCache === undefined || typeof p.noCache === "boolean") && (p.sendAnyway === undefined || typeof p.sendAnyway === "boolean") &&
        (p.attach === undefined || p.attach === "selection" || p.attach === "file")
      );
    case "chat/options":
      return true;
    case "chat/preview":
      return isString(p.text) && isString(p.conversationId) && (p.attach === undefined || p.attach === "selection" || p.attach === "file");
    case "chat/feedback":
      return isString(p.requestId) && isString(p.templateId) && isString(p.templateVersion) && (p.rating === "up" || p.rating === "down");
    case "editor/insert":
      return isString(p.code);
    case "chat/export":
      return isString(p.markdown) && p.markdown.length <= 10_000_000;
  }
}

/** True when `value` is a well-formed message from the webview. */
export function isWebviewToHost(value: unknown): value is WebviewToHost {
  if (!isRecord(value)) return false;
  if (value.kind === "ready") return true;
  if (value.kind === "abort") return isString(value.id);
  if (value.kind !== "request" || !isString(value.id) || !isString(value.method)) return false;
  const method = value.method as WebviewMethod;
  return METHODS.includes(method) && paramsOk(method, value.params);
}
