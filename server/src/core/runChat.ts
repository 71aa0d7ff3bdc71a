/**
 * Turns one chat request (from the LSP adapter or the CLI) into a RequestContext, runs it
 * through the pipeline and shapes the result. It knows nothing about LSP or the terminal.
 */
import { randomUUID } from "node:crypto";
import type { ChatParams, ChatResult } from "../../../shared/src/lsp";
import type { PipelineEvent } from "../../../shared/src/events";
import { parseModelRef, type ModelRef, type Settings } from "../../../shared/src/settings";
import { ErrorCode } from "../../../shared/src/errors";
import { PipelineError } from "../errors";
import type { Next, RequestContext } from "../pipeline/context";

export type ChatHooks = {
  onDelta(delta: string): void;
  onEvent(event: PipelineEvent): void;
};

/** The model chain for a request: the chosen (or configured) model first, then the fallbacks. */
export function routeFor(settings: Settings, model: string | undefined, extraFallbacks: ModelRef[] = []): ModelRef[] {
  let primary = settings.model;
  if (model !== undefined && model !== "") {
    const parsed = parseModelRef(model);
    if (typeof parsed === "string") throw new PipelineError(ErrorCode.InvalidInput, parsed);
    primary = parsed;
  }
  const chain = [primary, ...extraFallbacks, ...settings.fallbacks];
  const seen = new Set<string>();
  return chain.filter((ref) => {
    const key = `${ref.provider}:${ref.model}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export type RunChatOptions = {
  pipeline: Next;
  settings: Settings;
  params: ChatParams;
  signal: AbortSignal;
  hooks: ChatHooks;
  kind?: "chat" | "review";
  fallbacks?: ModelRef[];
  maxTokens?: number;
  temperature?: number;
  variables?: Record<string, string>;
};

export async function runChat(opts: RunChatOptions): Promise<ChatResult> {
  const { settings, params, hooks } = opts;
  const events: PipelineEvent[] = [];
  const startedAt = performance.now();
  const input = {
    kind: opts.kind ?? "chat",
    text: params.text,
    history: params.history.map((t) => ({ role: t.role, content: t.content })),
    attachments: (params.attachments ?? []).map((a) => ({ ...a })),
    variables: opts.variables ?? {},
    ...(params.templateId !== undefined ? { templateId: params.templateId } : {}),
  };
  const ctx: RequestContext = {
    requestId: randomUUID(),
    signal: opts.signal,
    settings,
    options: {
      noCache: params.noCache === true,
      sendAnyway: params.sendAnyway === true,
      conversationId: params.conversationId ?? params.streamId,
    },
    startedAt: Date.now(),
    input,
    route: routeFor(settings, params.model, opts.fallbacks),
    maxTokens: opts.maxTokens ?? settings.maxTokens,
    temperature: opts.temperature ?? settings.temperature,
    sink: { write: (delta) => hooks.onDelta(delta), end: () => undefined },
    emit(event) {
      events.push(event);
      hooks.onEvent(event);
    },
    events,
    state: new Map(),
  };
  const result = await opts.pipeline(ctx);
  return {
    requestId: ctx.requestId,
    text: result.text,
    complete: result.complete,
    finishReason: result.finishReason,
    provider: result.provider,
    model: result.model,
    usage: result.usage,
    costUsd: result.costUsd,
    cache: result.cache,
    latencyMs: Math.round(performance.now() - startedAt),
    ttftMs: result.ttftMs,
    events,
    templateId: ctx.prompt?.templateId ?? "",
    templateVersion: ctx.prompt?.templateVersion ?? "",
  };
}
