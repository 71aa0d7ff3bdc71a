/**
 * The terminal step of the pipeline: runs `ctx.route` (primary model, then fallbacks) with
 * retries, breakers and timeouts, streams deltas into `ctx.sink`, and returns the result with
 * normalised usage and cost. Falls back only before the first token reached the sink.
 */
import { countTokens } from "../tokenizer";
import { ErrorCode } from "../../../shared/src/errors";
import type { Usage } from "../../../shared/src/events";
import { formatModelRef, type ModelRef } from "../../../shared/src/settings";
import { PipelineError } from "../errors";
import type { Next, PipelineResult, RequestContext } from "../pipeline/context";
import { abortableSleep, systemClock, type Clock, type Sleep } from "./backoff";
import { BreakerRegistry } from "./breaker";
import type { Failure } from "./failure";
import { costOf } from "./pricing";
import type { ProviderResponse } from "./provider";
import { createProviderSource, type KeyLookup, type ProviderSource } from "./registry";
import { tryProvider, type ChainEnv, type RunState } from "./retryLoop";
import { estimateTokens } from "./tokens";

export type ProviderChainDeps = {
  /** Returns the API key for a provider, or null when none is set. Keys are never logged. */
  getKey: KeyLookup;
  /** Breakers shared across requests (one per provider); created if omitted. */
  breakers?: BreakerRegistry;
  clock?: Clock;
  sleep?: Sleep;
  /** Uniform [0, 1) for the backoff jitter. */
  random?: () => number;
  /** Where providers come from; defaults to the SDK-backed registry. */
  source?: ProviderSource;
};

function fallbackReason(failure: Failure | "breaker-open"): string {
  if (failure === "breaker-open") return "breaker open";
  return `retries exhausted (last: ${failure.status === "bad-response" ? "bad response" : failure.status})`;
}

/** The error when no provider of the route could answer. */
function exhaustedError(run: RunState, failures: (Failure | "breaker-open")[], route: ModelRef[]): PipelineError {
  const details = { attempts: run.attempts, route: route.map(formatModelRef) };
  const real = failures.filter((f): f is Failure => f !== "breaker-open");
  const names = route.map(formatModelRef).join(", ");
  if (real.length > 0 && real.length === failures.length && real.every((f) => f.status === 429)) {
    return new PipelineError(ErrorCode.RateLimited, `Rate limited by ${names} after ${run.attempts.length} attempts. Wait a minute, or add a fallback model in preflight.fallbacks.`, details);
  }
  if (real.length > 0 && real.length === failures.length && real.every((f) => f.status === "bad-response")) {
    return new PipelineError(ErrorCode.BadProviderResponse, `${names} did not answer in its wire protocol: ${real[0]!.message}. Check the endpoint URL.`, details);
  }
  const last = real[real.length - 1];
  const status = last ? String(last.status === "bad-response" ? "bad response" : last.status) : "";
  const lastText = last ? (last.message.startsWith(status) ? last.message : `${status}: ${last.message}`) : "";
  const why = last ? `last error: ${lastText}` : "every breaker is open after repeated failures";
  return new PipelineError(ErrorCode.ProviderUnavailable, `No provider answered (${names}; ${why}). Check your connection or the provider's status page, then send again.`, details);
}

/** Providers that report no usage (some compatible servers) get an estimate instead of zeros. */
function usageOf(ctx: RequestContext, response: ProviderResponse): Usage {
  const u = response.usage;
  if (u.inputTokens > 0 || u.outputTokens > 0 || response.text === "") return u;
  return { ...u, inputTokens: estimateTokens(ctx.prompt!), outputTokens: countTokens(response.text) };
}

function finish(run: RunState, ref: ModelRef, response: ProviderResponse): PipelineResult {
  const { ctx } = run;
  if (response.finishReason === "length") ctx.emit({ type: "truncated", reason: response.rawFinishReason });
  const usage = usageOf(ctx, response);
  const costUsd = costOf(ref.provider, response.model, usage) ?? costOf(ref.provider, ref.model, usage);
  ctx.emit({
    type: "usage",
    inputTokens: usage.inputTokens,
    cachedInputTokens: usage.cachedInputTokens,
    outputTokens: usage.outputTokens,
    reasoningTokens: usage.reasoningTokens,
    costUsd,
  });
  ctx.sink.end();
  return {
    text: response.text,
    complete: true,
    finishReason: response.finishReason,
    provider: ref.provider,
    model: response.model || ref.model,
    usage,
    costUsd,
    cache: "miss",
    ttftMs: run.firstTokenAt === null ? null : Math.max(0, run.firstTokenAt - ctx.startedAt),
  };
}

async function runChain(ctx: RequestContext, env: ChainEnv): Promise<PipelineResult> {
  if (!ctx.prompt) throw new PipelineError(ErrorCode.Internal, "Internal error: the prompt was not rendered before the provider call. See the Preflight log.");
  if (ctx.route.length === 0) throw new PipelineError(ErrorCode.InvalidSettings, "No model is configured: set preflight.model (e.g. openai:gpt-4o-mini).");
  const run: RunState = { ctx, env, deadlineAt: env.clock.now() + ctx.settings.timeouts.totalMs, text: "", firstTokenAt: null, attempts: [] };
  const failures: (Failure | "breaker-open")[] = [];
  for (let i = 0; i < ctx.route.length; i++) {
    const ref = ctx.route[i]!;
    const outcome = await tryProvider(run, ref);
    if (outcome.kind === "done") return finish(run, ref, outcome.response);
    failures.push(outcome.failure);
    const next = ctx.route[i + 1];
    if (next) ctx.emit({ type: "fallback", from: formatModelRef(ref), to: formatModelRef(next), reason: fallbackReason(outcome.failure) });
  }
  throw exhaustedError(run, failures, ctx.route);
}

/** Builds the terminal step. Keep one per server: its breakers remember failing providers. */
export function createProviderChain(deps: ProviderChainDeps): Next {
  const clock = deps.clock ?? systemClock;
  const env: ChainEnv = {
    clock,
    sleep: deps.sleep ?? abortableSleep,
    random: deps.random ?? Math.random,
    breakers: deps.breakers ?? new BreakerRegistry({ clock }),
    source: deps.source ?? createProviderSource(deps.getKey),
  };
  return (ctx) => runChain(ctx, env);
}
