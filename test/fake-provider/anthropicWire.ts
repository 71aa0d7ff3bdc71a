/**
 * The Anthropic messages wire format as the fake provider writes it: JSON bodies, the SSE event
 * sequence (message_start, content_block_start/delta/stop, message_delta, message_stop) and errors.
 */
import type { FakeUsage } from "./types";

function stopReason(finish: "stop" | "length"): string {
  return finish === "length" ? "max_tokens" : "end_turn";
}

/** Anthropic counts input without cache reads and writes; the fake's inputTokens is the total. */
function uncachedInput(u: FakeUsage): number {
  return Math.max(0, u.inputTokens - u.cachedInputTokens - u.cacheWriteTokens);
}

export function anthropicMessage(id: string, model: string, text: string, finish: "stop" | "length", usage: FakeUsage): string {
  return JSON.stringify({
    id,
    type: "message",
    role: "assistant",
    model,
    content: [{ type: "text", text }],
    stop_reason: stopReason(finish),
    stop_sequence: null,
    usage: {
      input_tokens: uncachedInput(usage),
      cache_read_input_tokens: usage.cachedInputTokens,
      cache_creation_input_tokens: usage.cacheWriteTokens,
      output_tokens: usage.outputTokens,
    },
  });
}

function event(type: string, data: Record<string, unknown>): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
}

export function anthropicStream(id: string, model: string, chunks: string[], finish: "stop" | "length", usage: FakeUsage) {
  const head = [
    event("message_start", {
      message: {
        id,
        type: "message",
        role: "assistant",
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: {
          input_tokens: uncachedInput(usage),
          cache_read_input_tokens: usage.cachedInputTokens,
          cache_creation_input_tokens: usage.cacheWriteTokens,
          output_tokens: 1,
        },
      },
    }),
    event("content_block_start", { index: 0, content_block: { type: "text", text: "" } }),
    event("ping", {}),
  ];
  const content = chunks.map((text) => event("content_block_delta", { index: 0, delta: { type: "text_delta", text } }));
  const tail = [
    event("content_block_stop", { index: 0 }),
    event("message_delta", { delta: { stop_reason: stopReason(finish), stop_sequence: null }, usage: { output_tokens: usage.outputTokens } }),
    event("message_stop", {}),
  ];
  return { head, content, tail };
}

export function anthropicError(status: number, message: string): string {
  const type =
    status === 429 ? "rate_limit_error" : status === 401 ? "authentication_error" : status === 529 ? "overloaded_error" : status >= 500 ? "api_error" : "invalid_request_error";
  return JSON.stringify({ type: "error", error: { type, message } });
}
