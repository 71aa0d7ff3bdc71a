/**
 * Preflight's custom LSP messages: one constant per message, each with a line saying its
 * direction, its trigger and whether it can be cancelled. Only client/ and server/ import this
 * file; the webview bundle imports the type-only webview.ts.
 */
import { NotificationType, RequestType } from "vscode-languageserver-protocol";
import type { ErrorData } from "./errors";
import type { PipelineEvent, Usage } from "./events";

// ---------------------------------------------------------------- server state

export type ServerState = "starting" | "ready" | "error";
export type ServerStatusParams = {
  state: ServerState;
  /** One sentence for the status bar tooltip (e.g. a settings problem and its fix). */
  message?: string;
  /** True while the offline demo model is the configured model. */
  demoModel: boolean;
  model: string;
};
/** Server → client. Sent after initialize and whenever settings change the server's state. */
export const ServerStatusNotification = new NotificationType<ServerStatusParams>("preflight/status");

// ---------------------------------------------------------------- chat

export type ChatTurn = { role: "user" | "assistant"; content: string };
export type ChatAttachment = { name: string; text: string; channel: "code" | "document"; languageId?: string };
export type ChatParams = {
  /** Chosen by the client; chunks and events for this request carry it. */
  streamId: string;
  text: string;
  history: ChatTurn[];
  attachments?: ChatAttachment[];
  /** `provider:model`; the configured model when absent. */
  model?: string;
  templateId?: string;
  /** Skip the cache for this one message. */
  noCache?: boolean;
  /** The user chose "send anyway" after a chat-channel guard block. */
  sendAnyway?: boolean;
  /** Stable conversation id (A/B assignment, placeholder scope). */
  conversationId?: string;
};
export type ChatResult = {
  requestId: string;
  text: string;
  complete: boolean;
  finishReason: string;
  provider: string;
  model: string;
  usage: Usage;
  costUsd: number | null;
  cache: "hit" | "miss" | "skip";
  latencyMs: number;
  ttftMs: number | null;
  events: PipelineEvent[];
  templateId: string;
  templateVersion: string;
};
/** Client → server. Runs one chat message through the pipeline; cancellable ($/cancelRequest aborts the provider call). */
export const ChatRequest = new RequestType<ChatParams, ChatResult, ErrorData>("preflight/chat");

export type ChatChunkParams = { streamId: string; delta: string };
/** Server → client. One streamed piece of model output (already guarded and un-redacted) for `streamId`. */
export const ChatChunkNotification = new NotificationType<ChatChunkParams>("preflight/chatChunk");

export type ChatEventParams = { streamId: string; event: PipelineEvent };
/** Server → client. A pipeline event (redaction, cache, retry, fallback, usage) for `streamId`, as it happens. */
export const ChatEventNotification = new NotificationType<ChatEventParams>("preflight/chatEvent");

// ---------------------------------------------------------------- secrets

export type GetSecretParams = { provider: "openai" | "anthropic" | "compatible" };
/** Server → client. Asks for an API key held in SecretStorage; null if none is set. Not cancellable. */
export const GetSecretRequest = new RequestType<GetSecretParams, string | null, void>("preflight/getSecret");

/** Client → server. A key was set or deleted; the server drops its provider clients. */
export const SecretsChangedNotification = new NotificationType<{ provider: string }>("preflight/secretsChanged");

// ---------------------------------------------------------------- chat extras

export type PreviewParams = { text: string; conversationId: string; attachments?: ChatAttachment[] };
export type PreviewResult = { sent: string; findings: { type: string; start: number; end: number; placeholder: string }[] };
/** Client → server. Shows exactly what would be sent after redaction (nothing is sent). Not cancellable. */
export const PreviewRedactionRequest = new RequestType<PreviewParams, PreviewResult, ErrorData>("preflight/previewRedaction");

export type FeedbackParams = { requestId: string; templateId: string; templateVersion: string; rating: "up" | "down" };
/** Client → server. Thumbs up/down on an answer; recorded in the template outcome log. */
export const FeedbackRequest = new RequestType<FeedbackParams, { ok: true }, ErrorData>("preflight/feedback");

export type TemplateInfo = { id: string; version: string; description: string; source: "built-in" | "workspace" };
/** Client → server. Lists built-in and workspace templates for the chat's template picker. */
export const ListTemplatesRequest = new RequestType<Record<string, never>, TemplateInfo[], ErrorData>("preflight/listTemplates");

// ---------------------------------------------------------------- code review

export type ReviewParams = {
  streamId: string;
  uri: string;
  /** The code under review (the selection or the whole file) and where it starts (0-based line). */
  text: string;
  startLine: number;
  languageId: string;
  model?: string;
  noCache?: boolean;
};
export type ReviewFinding = { line: number; endLine: number; severity: "error" | "warning" | "info"; message: string; replacement?: string };
export type ReviewResult = { findings: ReviewFinding[]; problems: string[]; chat: ChatResult };
/** Client → server. Reviews code through the review template; explanation streams as ChatChunk; cancellable. */
export const ReviewRequest = new RequestType<ReviewParams, ReviewResult, ErrorData>("preflight/review");

// ---------------------------------------------------------------- budgets and spend

export type BudgetStatusParams = {
  /** `$0.42 / $5.00 · p95 1.8 s` */
  text: string;
  tooltip: string;
  /** `warning` from 80 % of a budget, `error` from 100 %. */
  level: "normal" | "warning" | "error";
};
/** Server → client. The spend/latency line for the status bar; sent at start and after every request. */
export const BudgetStatusNotification = new NotificationType<BudgetStatusParams>("preflight/budgetStatus");

export type SetBudgetParams = { dailyUsd?: number | null; monthlyUsd?: number | null; onExceed?: "block" | "warn" | "downgrade" };
/** Client → server. Sets this workspace's budget (user-level state, never a file in the workspace). Not cancellable. */
export const SetBudgetRequest = new RequestType<SetBudgetParams, { dailyUsd: number | null; monthlyUsd: number | null; onExceed: string }, ErrorData>("preflight/setBudget");

/** Client → server. Data for the spend dashboard (per day, model, template, cache savings, latency, requests); filters optional. */
export const DashboardDataRequest = new RequestType<Record<string, unknown>, Record<string, unknown>, ErrorData>("preflight/dashboardData");

// ---------------------------------------------------------------- cache

export type CacheStats = { entries: number; hits: number; misses: number; tokensSaved: number; usdSaved: number; bytes: number };
/** Client → server. Cache statistics of this workspace. Not cancellable. */
export const CacheStatsRequest = new RequestType<Record<string, never>, CacheStats, ErrorData>("preflight/cacheStats");
/** Client → server. Empties this workspace's cache (Preflight: Clear Cache). Not cancellable. */
export const ClearCacheRequest = new RequestType<Record<string, never>, { removed: number }, ErrorData>("preflight/clearCache");
