/**
 * Messages between the chat webview and the extension host. Types only, so the browser bundle
 * can import this file. The webview sends requests and aborts; the host answers each request
 * exactly once and pushes events. Every message is validated on arrival (see is.ts).
 */
import type { ErrorData } from "./errors";
import type { PipelineEvent } from "./events";

export type ChatSendParams = {
  streamId: string;
  text: string;
  history: { role: "user" | "assistant"; content: string }[];
  model?: string;
  templateId?: string;
  noCache?: boolean;
  sendAnyway?: boolean;
  conversationId: string;
  /** Attach the active editor's selection or whole file (redacted and guarded like the text). */
  attach?: "selection" | "file";
};

export type ChatSendResult = {
  requestId: string;
  text: string;
  complete: boolean;
  finishReason: string;
  provider: string;
  model: string;
  costUsd: number | null;
  cache: "hit" | "miss" | "skip";
  latencyMs: number;
  templateId: string;
  templateVersion: string;
  events: PipelineEvent[];
};

export type ModelChoice = { id: string; label: string; demo: boolean };
export type TemplateChoice = { id: string; label: string };
export type PreviewFinding = { type: string; start: number; end: number; placeholder: string };

/** Request map: method → [params, result]. */
export type WebviewRequests = {
  "chat/send": [ChatSendParams, ChatSendResult];
  "chat/options": [Record<string, never>, { models: ModelChoice[]; templates: TemplateChoice[]; defaultModel: string }];
  "chat/preview": [{ text: string; conversationId: string; attach?: "selection" | "file" }, { sent: string; findings: PreviewFinding[] }];
  "chat/feedback": [{ requestId: string; templateId: string; templateVersion: string; rating: "up" | "down" }, { ok: true }];
  "editor/insert": [{ code: string }, { ok: boolean }];
  /** Saves the conversation as Markdown through a save dialog (Preflight: Export Chat). */
  "chat/export": [{ markdown: string }, { saved: boolean }];
};
export type WebviewMethod = keyof WebviewRequests;

export type WebviewToHost =
  | { kind: "ready" }
  | { [M in WebviewMethod]: { kind: "request"; id: string; method: M; params: WebviewRequests[M][0] } }[WebviewMethod]
  | { kind: "abort"; id: string };

export type HostEvent =
  | { type: "chat/chunk"; streamId: string; delta: string }
  | { type: "chat/event"; streamId: string; event: PipelineEvent }
  | { type: "server/state"; state: "starting" | "ready" | "error"; model: string; demoModel: boolean; message?: string }
  | { type: "chat/clear" }
  | { type: "chat/export" }
  | { type: "review/start"; streamId: string; title: string }
  | { type: "review/done"; streamId: string; summary: string; events: PipelineEvent[]; error?: string };

export type HostToWebview =
  | { kind: "response"; id: string; ok: true; result: unknown }
  | { kind: "response"; id: string; ok: false; error: ErrorData }
  | { kind: "event"; event: HostEvent };
