/**
 * One line of the request log, built from the request context, its events and its outcome.
 * It carries ids, numbers and a sha256 of the prompt; the prompt itself only when the user
 * opted in with the application-scoped `preflight.logging.logRawPrompts`. Event fields that
 * hold text (a cached question, guard evidence) are never copied.
 */
import { createHash } from "node:crypto";
import { errorCodeName } from "../../../shared/src/errors";
import { ZERO_USAGE, type PipelineEvent, type Usage } from "../../../shared/src/events";
import { toPipelineError } from "../errors";
import type { PromptMessage, RenderedPrompt } from "../pipeline/brands";
import type { PipelineResult, RequestContext } from "../pipeline/context";

export type LogAttempt = { provider: string; model: string; status: number | string; error?: string; waitMs?: number };

export type LogRecord = {
  v: 1;
  ts: string;
  requestId: string;
  kind: "chat" | "review";
  template: { id: string; version: string } | null;
  provider: string;
  model: string;
  outcome: "ok" | "truncated" | "error" | "cancelled";
  finishReason: string | null;
  attempts: LogAttempt[];
  retries: number;
  fallbacks: { from: string; to: string; reason: string }[];
  latencyMs: number;
  ttftMs: number | null;
  tokensPerSecond: number | null;
  usage: Usage;
  costUsd: number | null;
  cache: { status: "hit" | "miss" | "skip"; kind?: string; similarity?: number };
  redactions: { total: number; byType: Record<string, number> };
  guard: { channel: string; verdict: string; action: string; score: number }[];
  promptSha256: string | null;
  error?: { code: number; name: string; message: string };
  /** Only with logRawPrompts: the prompt as sent (already redacted). */
  prompt?: readonly PromptMessage[];
};

/** The sha256 of a prompt's messages (roles and contents), hex. */
export function promptSha256(prompt: RenderedPrompt): string {
  const hash = createHash("sha256");
  for (const message of prompt.messages) hash.update(`${message.role}\u0000${message.content}\u0000`);
  return hash.digest("hex");
}

/** Output tokens per second of streaming (after the first token when TTFT is known). */
export function tokensPerSecond(outputTokens: number, latencyMs: number, ttftMs: number | null): number | null {
  const streamingMs = ttftMs !== null && latencyMs > ttftMs ? latencyMs - ttftMs : latencyMs;
  if (outputTokens <= 0 || streamingMs <= 0) return null;
  return Math.round((outputTokens / (streamingMs / 1000)) * 10) / 10;
}

function fromEvents(events: readonly PipelineEvent[]) {
  const attempts: LogAttempt[] = [];
  const fallbacks: LogRecord["fallbacks"] = [];
  const guard: LogRecord["guard"] = [];
  const byType: Record<string, number> = {};
  let retries = 0;
  let cache: LogRecord["cache"] | undefined;
  let ttft: number | null = null;
  let usage: Usage | undefined;
  let cost: number | null | undefined;
  for (const e of events) {
    if (e.type === "attempt") {
      attempts.push({ provider: e.provider, model: e.model, status: e.status, ...(e.error !== undefined ? { error: e.error } : {}), ...(e.waitMs !== undefined ? { waitMs: e.waitMs } : {}) });
    } else if (e.type === "retry") {
      retries += 1;
      // The wait follows the failed attempt that the retry event comes after.
      const failed = attempts[attempts.length - 1];
      if (failed && failed.waitMs === undefined) failed.waitMs = e.waitMs;
    }
    else if (e.type === "fallback") fallbacks.push({ from: e.from, to: e.to, reason: e.reason });
    else if (e.type === "guard") guard.push({ channel: e.channel, verdict: e.verdict, action: e.action, score: e.score });
    else if (e.type === "redacted") for (const [type, n] of Object.entries(e.counts)) byType[type] = (byType[type] ?? 0) + n;
    else if (e.type === "cache") cache = { status: e.status, ...(e.kind ? { kind: e.kind } : {}), ...(e.similarity !== undefined ? { similarity: e.similarity } : {}) };
    else if (e.type === "firstToken") ttft = e.ttftMs;
    else if (e.type === "usage") {
      usage = { ...ZERO_USAGE, inputTokens: e.inputTokens, cachedInputTokens: e.cachedInputTokens, outputTokens: e.outputTokens, reasoningTokens: e.reasoningTokens };
      cost = e.costUsd;
    }
  }
  const total = Object.values(byType).reduce((sum, n) => sum + n, 0);
  return { attempts, fallbacks, guard, retries, cache, ttft, usage, cost, redactions: { total, byType } };
}

export type RequestEnd = { result: PipelineResult; latencyMs: number } | { error: unknown; latencyMs: number };

/** What the latency tracker and the template outcomes need, without building the whole line. */
export type RequestSummary = { outcome: LogRecord["outcome"]; ttftMs: number | null; cacheStatus: "hit" | "miss" | "skip"; error?: LogRecord["error"] };

export function summarize(events: readonly PipelineEvent[], end: RequestEnd): RequestSummary {
  const result = "result" in end ? end.result : undefined;
  let outcome: LogRecord["outcome"] = "ok";
  let error: LogRecord["error"];
  if (!result) {
    const err = toPipelineError("error" in end ? end.error : undefined);
    outcome = err.code === -32800 ? "cancelled" : "error";
    error = { code: err.code, name: errorCodeName(err.code), message: err.message };
  } else if (!result.complete || result.finishReason === "length") outcome = "truncated";
  // As in fromEvents: the last firstToken and cache events count.
  let eventTtft: number | null = null;
  let eventCache: "hit" | "miss" | "skip" | undefined;
  for (const e of events) {
    if (e.type === "firstToken") eventTtft = e.ttftMs;
    else if (e.type === "cache") eventCache = e.status;
  }
  const ttftMs = result?.ttftMs ?? eventTtft;
  const cacheStatus = result ? result.cache : (eventCache ?? "skip");
  return { outcome, ttftMs, cacheStatus, ...(error ? { error } : {}) };
}

export function buildLogRecord(ctx: RequestContext, end: RequestEnd, now: Date = new Date(), events: readonly PipelineEvent[] = ctx.events): LogRecord {
  const seen = fromEvents(events);
  const result = "result" in end ? end.result : undefined;
  const first = ctx.route[0];
  const lastAttempt = seen.attempts[seen.attempts.length - 1];
  const usage = result?.usage ?? seen.usage ?? { ...ZERO_USAGE };
  const { outcome, ttftMs, error } = summarize(events, end);
  const record: LogRecord = {
    v: 1,
    ts: now.toISOString(),
    requestId: ctx.requestId,
    kind: ctx.input.kind,
    template: ctx.prompt ? { id: ctx.prompt.templateId, version: ctx.prompt.templateVersion } : null,
    provider: result?.provider ?? lastAttempt?.provider ?? first?.provider ?? "",
    model: result?.model ?? lastAttempt?.model ?? first?.model ?? "",
    outcome,
    finishReason: result?.finishReason ?? null,
    attempts: seen.attempts,
    retries: seen.retries,
    fallbacks: seen.fallbacks,
    latencyMs: Math.round(end.latencyMs * 10) / 10,
    ttftMs,
    tokensPerSecond: tokensPerSecond(usage.outputTokens, end.latencyMs, ttftMs),
    usage,
    costUsd: result ? result.costUsd : (seen.cost ?? null),
    cache: result ? { ...seen.cache, status: result.cache } : (seen.cache ?? { status: "skip" }),
    redactions: seen.redactions,
    guard: seen.guard,
    promptSha256: ctx.prompt ? promptSha256(ctx.prompt) : null,
    ...(error ? { error } : {}),
  };
  if (ctx.settings.logging.logRawPrompts && ctx.prompt) record.prompt = ctx.prompt.messages;
  return record;
}
