/** Builds a RequestContext for stage tests, with the events list wired to emit. */
import { ZERO_USAGE, type PipelineEvent } from "../../../shared/src/events";
import { DEFAULT_SETTINGS, type Settings } from "../../../shared/src/settings";
import type { PipelineResult, RequestContext, UserInput } from "../../../server/src/pipeline/context";

export function makeContext(opts: { text?: string; settings?: Settings; input?: Partial<UserInput>; conversationId?: string } = {}): RequestContext {
  const events: PipelineEvent[] = [];
  return {
    requestId: "req-1",
    signal: new AbortController().signal,
    settings: opts.settings ?? DEFAULT_SETTINGS,
    options: { noCache: false, sendAnyway: false, conversationId: opts.conversationId ?? "conv-1" },
    startedAt: Date.now(),
    input: { kind: "chat", text: opts.text ?? "hello", history: [], attachments: [], ...opts.input },
    route: [{ provider: "openai", model: "gpt-4o-mini" }, { provider: "anthropic", model: "claude-3-5-haiku-latest" }],
    maxTokens: 1024,
    temperature: 0,
    sink: { write: () => undefined, end: () => undefined },
    emit(event) {
      events.push(event);
    },
    events,
    state: new Map(),
  };
}

export function okResult(overrides: Partial<PipelineResult> = {}): PipelineResult {
  return {
    text: "answer",
    complete: true,
    finishReason: "stop",
    provider: "openai",
    model: "gpt-4o-mini",
    usage: { ...ZERO_USAGE, inputTokens: 100, outputTokens: 50 },
    costUsd: 0.0001,
    cache: "miss",
    ttftMs: 100,
    ...overrides,
  };
}
