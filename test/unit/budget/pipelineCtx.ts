/** A minimal RequestContext and terminal for driving the budget stage in tests. */
import { randomUUID } from "node:crypto";
import type { PipelineEvent } from "../../../shared/src/events";
import { ZERO_USAGE } from "../../../shared/src/events";
import { DEFAULT_SETTINGS, type ModelRef } from "../../../shared/src/settings";
import type { PipelineResult, RequestContext } from "../../../server/src/pipeline/context";

export function makeCtx(route: ModelRef[], requestId: string = randomUUID()): RequestContext {
  const events: PipelineEvent[] = [];
  return {
    requestId,
    signal: new AbortController().signal,
    settings: DEFAULT_SETTINGS,
    options: { noCache: false, sendAnyway: false, conversationId: "c" },
    startedAt: Date.now(),
    input: { kind: "chat", text: "hello", history: [], attachments: [] },
    route,
    maxTokens: 100,
    temperature: 0,
    sink: { write: () => undefined, end: () => undefined },
    emit: (event) => events.push(event),
    events,
    state: new Map(),
  };
}

export function result(ref: ModelRef, costUsd: number | null, cache: PipelineResult["cache"] = "miss"): PipelineResult {
  return {
    text: "answer", complete: true, finishReason: "stop", provider: ref.provider, model: ref.model,
    usage: { ...ZERO_USAGE, inputTokens: 10, outputTokens: 20 }, costUsd, cache, ttftMs: 5,
  };
}
