/**
 * The OpenAI chat-completions wire format as the fake provider writes it: JSON bodies,
 * SSE chunks (with the final usage chunk when `stream_options.include_usage` is set) and errors.
 */
import type { FakeUsage } from "./types";

const CREATED = 1_700_000_000;

function usageJson(u: FakeUsage) {
  return {
    prompt_tokens: u.inputTokens,
    completion_tokens: u.outputTokens,
    total_tokens: u.inputTokens + u.outputTokens,
    prompt_tokens_details: { cached_tokens: u.cachedInputTokens, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: u.reasoningTokens, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

export function openaiFinish(finish: "stop" | "length"): string {
  return finish;
}

export function openaiCompletion(id: string, model: string, text: string, finish: "stop" | "length", usage: FakeUsage): string {
  return JSON.stringify({
    id,
    object: "chat.completion",
    created: CREATED,
    model,
    choices: [{ index: 0, message: { role: "assistant", content: text, refusal: null }, logprobs: null, finish_reason: finish }],
    usage: usageJson(usage),
  });
}

function chunk(id: string, model: string, delta: Record<string, unknown>, finish: string | null): string {
  const body = { id, object: "chat.completion.chunk", created: CREATED, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] };
  return `data: ${JSON.stringify(body)}\n\n`;
}

/** The SSE events of a streamed answer, split into head, one event per content chunk, and tail. */
export function openaiStream(id: string, model: string, chunks: string[], finish: "stop" | "length", usage: FakeUsage, includeUsage: boolean) {
  const head = [chunk(id, model, { role: "assistant", content: "" }, null)];
  const content = chunks.map((c) => chunk(id, model, { content: c }, null));
  const tail = [chunk(id, model, {}, finish)];
  if (includeUsage) {
    const body = { id, object: "chat.completion.chunk", created: CREATED, model, choices: [], usage: usageJson(usage) };
    tail.push(`data: ${JSON.stringify(body)}\n\n`);
  }
  tail.push("data: [DONE]\n\n");
  return { head, content, tail };
}

export function openaiError(status: number, message: string): string {
  const type = status === 429 ? "rate_limit_error" : status === 401 ? "invalid_request_error" : status >= 500 ? "server_error" : "invalid_request_error";
  const code = status === 401 ? "invalid_api_key" : null;
  return JSON.stringify({ error: { message, type, param: null, code } });
}

/** A deterministic embedding: 16 numbers derived from the text's characters. */
export function fakeEmbedding(text: string): number[] {
  const v = new Array<number>(16).fill(0);
  for (let i = 0; i < text.length; i++) v[i % 16]! += (text.charCodeAt(i) % 31) / 31;
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}
