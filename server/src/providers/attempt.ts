/**
 * One attempt against one provider, bounded by three timers: the per-attempt timeout, the
 * first-token timeout (cleared by the first delta) and the request's total deadline. The user's
 * cancel, a timer, or a failing sink aborts the provider's HTTP request through one controller,
 * and the attempt then throws the reason, never a success.
 */
import type { Clock } from "./backoff";
import { AttemptTimeoutError } from "./failure";
import type { LlmProvider, ProviderRequest, ProviderResponse } from "./provider";

/** Wraps an error thrown by the sink (e.g. an output guard) so the chain rethrows it unchanged. */
export class SinkFailure extends Error {
  constructor(readonly inner: unknown) {
    super("the delta sink failed");
    this.name = "SinkFailure";
  }
}

export function userAbortError(): Error {
  const err = new Error("The request was cancelled.");
  err.name = "AbortError";
  return err;
}

export type AttemptInput = {
  provider: LlmProvider;
  request: ProviderRequest;
  /** The user's cancel signal. */
  signal: AbortSignal;
  attemptMs: number;
  firstTokenMs: number;
  deadlineAt: number;
  clock: Clock;
  onDelta(delta: string): void;
};

export async function runAttempt(a: AttemptInput): Promise<ProviderResponse> {
  if (a.signal.aborted) throw userAbortError();
  const ctl = new AbortController();
  let reason: Error | null = null;
  const stop = (err: Error) => {
    if (reason) return;
    reason = err;
    ctl.abort(err);
  };
  const onUserAbort = () => stop(userAbortError());
  a.signal.addEventListener("abort", onUserAbort, { once: true });
  const remaining = Math.max(0, a.deadlineAt - a.clock.now());
  const byDeadline = remaining < a.attemptMs;
  const attemptTimer = setTimeout(
    () => stop(new AttemptTimeoutError(byDeadline ? "deadline" : "attempt", byDeadline ? remaining : a.attemptMs)),
    byDeadline ? remaining : a.attemptMs,
  );
  let firstTimer: ReturnType<typeof setTimeout> | undefined = setTimeout(() => stop(new AttemptTimeoutError("firstToken", a.firstTokenMs)), a.firstTokenMs);
  try {
    const response = await a.provider.stream(a.request, {
      signal: ctl.signal,
      onDelta(delta) {
        if (reason) return;
        if (firstTimer !== undefined) {
          clearTimeout(firstTimer);
          firstTimer = undefined;
        }
        try {
          a.onDelta(delta);
        } catch (err) {
          stop(new SinkFailure(err));
          throw reason;
        }
      },
    });
    if (reason) throw reason;
    return response;
  } catch (err) {
    throw reason ?? err;
  } finally {
    clearTimeout(attemptTimer);
    if (firstTimer !== undefined) clearTimeout(firstTimer);
    a.signal.removeEventListener("abort", onUserAbort);
  }
}
