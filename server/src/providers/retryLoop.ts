/**
 * Retries one provider of the route: breaker check, attempt, classification, abortable
 * backoff. It returns the response, or "exhausted" when the chain may fall back (retries spent,
 * breaker open, or no time left for the wait). Everything that must not fall back is thrown:
 * cancel, auth, a non-retryable request error, and any failure after the first token.
 */
import { ErrorCode } from "../../../shared/src/errors";
import { formatModelRef, type ModelRef } from "../../../shared/src/settings";
import { PipelineError } from "../errors";
import type { RequestContext } from "../pipeline/context";
import { runAttempt, SinkFailure } from "./attempt";
import { backoffMs, type Clock, type Sleep } from "./backoff";
import type { BreakerRegistry } from "./breaker";
import { classify, type Failure } from "./failure";
import type { ProviderResponse } from "./provider";
import { providerLabel, setKeyMessage, type ProviderSource } from "./registry";

export type ChainEnv = { clock: Clock; sleep: Sleep; random: () => number; breakers: BreakerRegistry; source: ProviderSource };

export type AttemptRecord = { provider: string; model: string; status: number | "ok" | "network" | "timeout" | "cancelled" | "breaker-open"; error?: string; waitMs?: number };

/** What one request has seen so far, shared by every provider of its route. */
export type RunState = { ctx: RequestContext; env: ChainEnv; deadlineAt: number; text: string; firstTokenAt: number | null; attempts: AttemptRecord[] };

export type ProviderOutcome = { kind: "done"; response: ProviderResponse } | { kind: "exhausted"; failure: Failure | "breaker-open" };

function eventStatus(f: Failure): number | "network" | "timeout" {
  return f.status === "bad-response" ? "network" : f.status;
}

function record(run: RunState, ref: ModelRef, status: AttemptRecord["status"], error?: string): void {
  const rec: AttemptRecord = { provider: ref.provider, model: ref.model, status, ...(error !== undefined ? { error } : {}) };
  run.attempts.push(rec);
  run.ctx.emit({ type: "attempt", ...rec });
}

function cancelled(run: RunState, ref: ModelRef): PipelineError {
  return new PipelineError(ErrorCode.RequestCancelled, "The request was cancelled.", { provider: ref.provider, model: ref.model, attempts: run.attempts }, run.text === "" ? undefined : run.text);
}

/** The error for a provider answer that must not be retried nor fall back. */
function finalRequestError(ref: ModelRef, f: Failure, run: RunState): PipelineError {
  const name = providerLabel(ref.provider);
  const details = { provider: ref.provider, model: ref.model, status: f.status, attempts: run.attempts };
  if (f.auth) return new PipelineError(ErrorCode.AuthFailed, setKeyMessage(ref.provider, true), details);
  if (f.status === 404) {
    return new PipelineError(ErrorCode.InvalidSettings, `${name} does not know the model "${ref.model}" (404): check preflight.model and preflight.fallbacks. ${f.message}`, details);
  }
  if (f.status === 400 || f.status === 413 || f.status === 422) {
    return new PipelineError(ErrorCode.InvalidInput, `${name} rejected the request (${f.status}): ${f.message}`, details);
  }
  if (f.status === "bad-response") {
    return new PipelineError(ErrorCode.BadProviderResponse, `${formatModelRef(ref)} answered something Preflight cannot read: ${f.message}. Check the endpoint URL.`, details);
  }
  return new PipelineError(ErrorCode.ProviderUnavailable, `${name} refused the request (${f.status}): ${f.message}`, details);
}

function interrupted(ref: ModelRef, f: Failure, run: RunState): PipelineError {
  return new PipelineError(
    ErrorCode.StreamInterrupted,
    `The answer from ${formatModelRef(ref)} broke off after ${run.text.length} characters (${f.message}). The partial answer is marked incomplete; send again to retry.`,
    { provider: ref.provider, model: ref.model, status: f.status, attempts: run.attempts },
    run.text,
  );
}

export async function tryProvider(run: RunState, ref: ModelRef): Promise<ProviderOutcome> {
  const { ctx, env } = run;
  const { retry, timeouts } = ctx.settings;
  const breaker = env.breakers.get(ref.provider);
  let last: Failure | "breaker-open" = "breaker-open";
  for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
    if (ctx.signal.aborted) throw cancelled(run, ref);
    if (env.clock.now() >= run.deadlineAt) {
      throw new PipelineError(ErrorCode.ProviderUnavailable, `No answer within the total deadline of ${timeouts.totalMs / 1000} s (preflight.timeouts.totalSeconds).`, { attempts: run.attempts });
    }
    if (!breaker.tryAcquire()) {
      record(run, ref, "breaker-open", `${providerLabel(ref.provider)} failed repeatedly; skipped for a while`);
      return { kind: "exhausted", failure: last };
    }
    const { provider, secrets } = await env.source(ref, ctx.settings).catch((err: unknown) => {
      breaker.release();
      throw err;
    });
    try {
      const response = await runAttempt({
        provider,
        request: { model: ref.model, prompt: ctx.prompt!, maxTokens: ctx.maxTokens, temperature: ctx.temperature },
        signal: ctx.signal,
        attemptMs: timeouts.attemptMs,
        firstTokenMs: timeouts.firstTokenMs,
        deadlineAt: run.deadlineAt,
        clock: env.clock,
        onDelta: (delta) => {
          if (run.firstTokenAt === null) {
            run.firstTokenAt = env.clock.now();
            ctx.emit({ type: "firstToken", ttftMs: Math.max(0, run.firstTokenAt - ctx.startedAt) });
          }
          run.text += delta;
          ctx.sink.write(delta);
        },
      });
      breaker.onSuccess();
      record(run, ref, "ok");
      return { kind: "done", response };
    } catch (err) {
      if (err instanceof SinkFailure) {
        breaker.release();
        throw err.inner;
      }
      if (ctx.signal.aborted) {
        breaker.release();
        record(run, ref, "cancelled");
        throw cancelled(run, ref);
      }
      const f = classify(err, env.clock.now(), secrets);
      record(run, ref, eventStatus(f), f.message);
      if (!f.retryable) {
        breaker.release();
        throw finalRequestError(ref, f, run);
      }
      breaker.onFailure();
      if (run.firstTokenAt !== null) throw interrupted(ref, f, run);
      last = f;
      if (attempt === retry.maxAttempts || breaker.state !== "closed") break;
      const waitMs = backoffMs(attempt, f.retryAfterMs, retry, env.random);
      if (env.clock.now() + waitMs >= run.deadlineAt) break;
      ctx.emit({ type: "retry", provider: ref.provider, attempt, afterStatus: eventStatus(f), waitMs });
      run.attempts[run.attempts.length - 1]!.waitMs = waitMs;
      try {
        await env.sleep(waitMs, ctx.signal);
      } catch {
        throw cancelled(run, ref);
      }
    }
  }
  return { kind: "exhausted", failure: last };
}
