/**
 * The one interface every model provider implements (OpenAI, Anthropic, OpenAI-compatible,
 * the offline demo model). Providers do one attempt: no retries of their own (SDKs are built
 * with maxRetries: 0); the chain (retry, breaker, fallback) lives above them.
 */
import type { Usage } from "../../../shared/src/events";
import type { ProviderKind } from "../../../shared/src/settings";
import type { RenderedPrompt } from "../pipeline/brands";

export type ProviderRequest = {
  model: string;
  /** Only a RenderedPrompt can be sent: raw strings do not type-check. */
  prompt: RenderedPrompt;
  maxTokens: number;
  temperature: number;
};

export type StreamOptions = {
  signal: AbortSignal;
  /** Called for each text delta, in order. */
  onDelta(delta: string): void;
};

export type FinishReason = "stop" | "length" | "content_filter" | "tool_calls" | "other";

export type ProviderResponse = {
  text: string;
  finishReason: FinishReason;
  /** The provider's own finish/stop reason string, for the log. */
  rawFinishReason: string;
  usage: Usage;
  /** The model id the provider reports (may differ from the requested alias). */
  model: string;
};

export interface LlmProvider {
  readonly kind: ProviderKind;
  /**
   * Streams one completion. Throws the SDK's errors (with `status` and `headers`), network
   * errors, or IncompleteStreamError (failure.ts) when the stream ends without its end marker;
   * on `signal` it stops and throws an abort error, never a partial success.
   */
  stream(req: ProviderRequest, opts: StreamOptions): Promise<ProviderResponse>;
}
