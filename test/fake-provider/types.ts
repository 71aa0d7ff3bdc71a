/**
 * Types of the fake provider: what a test can script for each request and what the server
 * records about every request it saw.
 */

/** Token counts the fake reports; anything left out is derived from the request and reply. */
export type FakeUsage = {
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number;
};

/**
 * What the fake does with one chat request (OpenAI or Anthropic wire).
 * - ok: a normal answer (optionally cut by length, optionally paced one chunk per `release()`).
 * - status: an HTTP error with optional Retry-After / retry-after-ms headers.
 * - reset: the socket is destroyed after N content chunks (0 = before any byte of the body).
 * - slowFirstByte: nothing is sent for `delayMs`, then a normal answer.
 * - malformed: a non-JSON SSE data line after N chunks, or a non-JSON body when not streaming.
 */
export type Fault =
  | { kind: "ok"; text?: string; chunks?: string[]; finish?: "stop" | "length"; usage?: Partial<FakeUsage>; paced?: boolean; model?: string }
  | { kind: "status"; status: number; retryAfter?: string; retryAfterMs?: string; message?: string }
  | { kind: "reset"; afterChunks: number }
  | { kind: "slowFirstByte"; delayMs: number; text?: string }
  | { kind: "malformed"; afterChunks?: number }
  /** A 200 HTML page instead of the wire protocol (a wrong base URL), streaming or not. */
  | { kind: "notJson" };

/** Picks the fault for the n-th chat request (0-based); used when a fixed list is not enough. */
export type FaultPicker = (n: number, request: RecordedRequest) => Fault;

export type Protocol = "openai" | "anthropic" | "embeddings" | "models" | "unknown";

export type RecordedRequest = {
  /** 0-based order of arrival over all routes. */
  index: number;
  /** 0-based order among chat requests (the ones that consume faults). */
  chatIndex: number | null;
  method: string;
  path: string;
  protocol: Protocol;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  stream: boolean;
  fault: Fault | null;
  /** Content chunks written to the client. */
  chunksSent: number;
  /** True when the response was written to the end. */
  finished: boolean;
  /** True when the client closed the connection before the response ended. */
  clientClosed: boolean;
  /** performance.now() when the client's close was seen, or null. */
  closedAt: number | null;
};

export type FakeProviderOptions = {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Reply used by `ok` faults without text. */
  defaultText?: string;
  /** Cached input tokens reported by default (tests of cached pricing). */
  cachedInputTokens?: number;
  /** Real delay between streamed content chunks (a naturally slow stream for demos); 0 by default. */
  chunkDelayMs?: number;
  /** Model id reported when the request names none. */
  model?: string;
};

export type FakeProvider = {
  /** Base URL of the server, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Base URL for the openai SDK (`${url}/v1`). */
  openaiBaseUrl: string;
  /** Base URL for @anthropic-ai/sdk (it appends /v1/messages itself). */
  anthropicBaseUrl: string;
  /** Every request seen, in order of arrival. */
  requests: RecordedRequest[];
  /** Chat requests only, in order of arrival. */
  chatRequests(): RecordedRequest[];
  /** Queues faults for the next chat requests, or sets a picker for all of them. */
  script(faults: Fault[] | FaultPicker): void;
  /** Drops queued faults and the picker, so one failed test's script cannot spill into the next. */
  clearScript(): void;
  /** Releases `n` chunks of paced streams (one chunk per call by default). */
  release(n?: number): void;
  /** Resolves with the request once the n-th chat request (0-based) has arrived. */
  waitForChat(chatIndex: number): Promise<RecordedRequest>;
  /** Resolves with performance.now() of the moment the client closed that request's connection. */
  waitForClientClose(request: RecordedRequest): Promise<number>;
  close(): Promise<void>;
};
