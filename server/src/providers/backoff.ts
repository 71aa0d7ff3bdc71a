/**
 * Waiting between attempts: exponential backoff with full jitter, the provider's Retry-After
 * when it sent one, both capped; and an abortable sleep. The clock and sleep are injectable so
 * tests never wait for real time.
 */

export type Clock = { now(): number };
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const systemClock: Clock = { now: () => Date.now() };

export type BackoffPolicy = { baseMs: number; maxWaitMs: number };

/**
 * The wait before attempt `attempt + 1` after attempt `attempt` (1-based) failed.
 * Full jitter: a uniform draw in [0, min(cap, base * 2^(attempt-1))]. A Retry-After from the
 * provider replaces the draw (the provider knows when it will have capacity), still capped.
 */
export function backoffMs(attempt: number, retryAfterMs: number | null, policy: BackoffPolicy, random: () => number = Math.random): number {
  if (retryAfterMs !== null) return Math.min(Math.max(0, retryAfterMs), policy.maxWaitMs);
  const ceiling = Math.min(policy.maxWaitMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === "AbortError") return reason;
  const err = new Error("The operation was aborted.");
  err.name = "AbortError";
  return err;
}

/** Sleeps `ms`, or rejects with an AbortError as soon as `signal` aborts (checked first). */
export const abortableSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(abortError(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
