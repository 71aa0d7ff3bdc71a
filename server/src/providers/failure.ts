import * as anthropicSdk from "@anthropic-ai/sdk";
import * as openaiSdk from "openai";

/**
 * Classifies what went wrong in one provider attempt, so the chain can decide between retry,
 * fallback and a clear error. Works on the errors of both SDKs (duck-typed: `status` and
 * `headers`), on Node's network errors, and on the chain's own timeout and stream errors.
 */

/** Why an attempt failed, as the `attempt`/`retry` events report it. */
export type FailureStatus = number | "network" | "timeout" | "bad-response";

export type Failure = {
  status: FailureStatus;
  retryable: boolean;
  /** True for 401/403: the key is missing or wrong. */
  auth: boolean;
  /** The wait the provider asked for (Retry-After / retry-after-ms), in ms, or null. */
  retryAfterMs: number | null;
  /** One scrubbed sentence for events and errors. */
  message: string;
};

/** Thrown by the chain when one of its timers ended the attempt. */
export class AttemptTimeoutError extends Error {
  constructor(readonly which: "attempt" | "firstToken" | "deadline", readonly ms: number) {
    const label = which === "firstToken" ? "first token" : which === "deadline" ? "total deadline" : "attempt";
    super(`no ${which === "firstToken" ? "token" : "answer"} within the ${label} timeout of ${ms} ms`);
    this.name = "AttemptTimeoutError";
  }
}

/** Thrown by a provider when its stream ended without the protocol's end marker. */
export class IncompleteStreamError extends Error {
  /** `empty`: not one event of the protocol arrived, so the server probably does not speak it. */
  constructor(readonly empty = false) {
    super(
      empty
        ? "the server answered without a single event of the provider's streaming protocol (is the base URL right?)"
        : "the stream ended before the provider said it had finished",
    );
    this.name = "IncompleteStreamError";
  }
}

/** Statuses worth another try: timeouts, conflicts, rate limits and server errors (incl. 529). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

type HeaderBag = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function header(headers: HeaderBag | undefined, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as { get?: unknown }).get === "function") return (headers as { get(n: string): string | null }).get(name);
  const v = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

/** Reads retry-after-ms (milliseconds) or Retry-After (seconds or an HTTP date) into ms. */
export function parseRetryAfter(headers: HeaderBag | undefined, nowMs: number): number | null {
  const ms = header(headers, "retry-after-ms");
  if (ms !== null && ms.trim() !== "") {
    const n = Number(ms);
    if (Number.isFinite(n) && n >= 0) return n;
  }
  const ra = header(headers, "retry-after");
  if (ra === null || ra.trim() === "") return null;
  const seconds = Number(ra);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : null;
  const date = Date.parse(ra);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}

const KEY_PATTERN = /\b(sk-[A-Za-z0-9_*\-]{6,}|sk-ant-[A-Za-z0-9_*\-]{6,}|Bearer\s+[A-Za-z0-9._\-]{8,})/g;

/** Removes the given secrets and anything that looks like an API key from a message. */
export function scrub(message: string, secrets: readonly string[] = []): string {
  let out = message;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join("[key]");
  return out.replace(KEY_PATTERN, "[key]");
}

function errorCodeOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  if (typeof e.code === "string") return e.code;
  if (e.cause && typeof e.cause.code === "string") return e.cause.code;
  return undefined;
}

/** Turns any error of an attempt into a Failure. Abort errors must be handled before this. */
export function classify(err: unknown, nowMs: number, secrets: readonly string[] = []): Failure {
  const raw = err instanceof Error ? err.message : String(err);
  const message = scrub(raw.length > 300 ? `${raw.slice(0, 300)}…` : raw, secrets);
  if (err instanceof AttemptTimeoutError) return { status: "timeout", retryable: true, auth: false, retryAfterMs: null, message };
  if (err instanceof IncompleteStreamError) return { status: err.empty ? "bad-response" : "network", retryable: true, auth: false, retryAfterMs: null, message };
  if (err instanceof SyntaxError) {
    return { status: "bad-response", retryable: true, auth: false, retryAfterMs: null, message: `the provider answered something that is not JSON (${message})` };
  }
  const e = err as { status?: unknown; headers?: HeaderBag };
  const isTimeout = err instanceof openaiSdk.APIConnectionTimeoutError || err instanceof anthropicSdk.APIConnectionTimeoutError;
  const isConnection = err instanceof openaiSdk.APIConnectionError || err instanceof anthropicSdk.APIConnectionError;
  const isApiError = err instanceof openaiSdk.APIError || err instanceof anthropicSdk.APIError;
  if (typeof e.status === "number") {
    const status = e.status;
    const auth = status === 401 || status === 403;
    return { status, retryable: isRetryableStatus(status), auth, retryAfterMs: parseRetryAfter(e.headers, nowMs), message };
  }
  if (isTimeout) return { status: "timeout", retryable: true, auth: false, retryAfterMs: null, message };
  const code = errorCodeOf(err);
  const isNetwork =
    isConnection ||
    (err instanceof TypeError && /fetch failed|terminated|network|socket/i.test(raw)) ||
    (code !== undefined && /^(ECONN|EPIPE|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|UND_ERR)/.test(code));
  // An APIError without a status is an error event inside an open stream: treat it like a
  // dropped connection, which is worth another try.
  const streamErrorEvent = isApiError;
  if (isNetwork || streamErrorEvent) return { status: "network", retryable: true, auth: false, retryAfterMs: null, message };
  return { status: "bad-response", retryable: false, auth: false, retryAfterMs: null, message };
}
