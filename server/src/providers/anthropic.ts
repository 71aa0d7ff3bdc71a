/**
 * The Anthropic messages provider: one streamed attempt, text deltas out, usage normalised
 * (cache reads and writes included in the input total). No retries here.
 */
import type Anthropic from "@anthropic-ai/sdk";
import type { Usage } from "../../../shared/src/events";
import { IncompleteStreamError } from "./failure";
import type { FinishReason, LlmProvider, ProviderRequest, ProviderResponse, StreamOptions } from "./provider";

type AnthropicUsage = {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
};

/** Anthropic's input_tokens exclude cache reads and writes; Usage.inputTokens is the total. */
export function normaliseAnthropicUsage(u: AnthropicUsage): Usage {
  const read = u.cache_read_input_tokens ?? 0;
  const write = u.cache_creation_input_tokens ?? 0;
  return {
    inputTokens: (u.input_tokens ?? 0) + read + write,
    cachedInputTokens: read,
    cacheWriteTokens: write,
    outputTokens: u.output_tokens ?? 0,
    reasoningTokens: 0,
  };
}

export function mapAnthropicStop(raw: string): FinishReason {
  if (raw === "end_turn" || raw === "stop_sequence") return "stop";
  if (raw === "max_tokens" || raw === "model_context_window_exceeded") return "length";
  if (raw === "tool_use") return "tool_calls";
  if (raw === "refusal") return "content_filter";
  return "other";
}

/** System messages go to `system`; consecutive turns of one role are merged (the API alternates). */
function toMessages(req: ProviderRequest) {
  const system: string[] = [];
  const messages: { role: "user" | "assistant"; content: string }[] = [];
  for (const m of req.prompt.messages) {
    if (m.role === "system") system.push(m.content);
    else if (messages.length > 0 && messages[messages.length - 1]!.role === m.role) messages[messages.length - 1]!.content += `\n\n${m.content}`;
    else messages.push({ role: m.role, content: m.content });
  }
  return { system: system.join("\n\n"), messages };
}

/**
 * The messages API of this SDK version has no temperature parameter, so req.temperature is
 * not sent; the model's default applies.
 */
export function createAnthropicProvider(client: Anthropic): LlmProvider {
  return {
    kind: "anthropic",
    async stream(req: ProviderRequest, opts: StreamOptions): Promise<ProviderResponse> {
      const { system, messages } = toMessages(req);
      const stream = await client.messages.create(
        { model: req.model, max_tokens: req.maxTokens, messages, ...(system !== "" ? { system } : {}), stream: true },
        { signal: opts.signal },
      );
      let text = "";
      let rawStop: string | null = null;
      let stopped = false;
      let model = req.model;
      const raw: AnthropicUsage = {};
      let events = 0;
      for await (const event of stream) {
        events++;
        if (event.type === "message_start") {
          model = event.message.model || model;
          Object.assign(raw, event.message.usage);
        } else if (event.type === "content_block_delta" && event.delta.type === "text_delta") {
          text += event.delta.text;
          opts.onDelta(event.delta.text);
        } else if (event.type === "message_delta") {
          rawStop = event.delta.stop_reason ?? rawStop;
          for (const [k, v] of Object.entries(event.usage)) if (typeof v === "number") (raw as Record<string, number>)[k] = v;
        } else if (event.type === "message_stop") {
          stopped = true;
        }
      }
      opts.signal.throwIfAborted();
      if (!stopped || rawStop === null) throw new IncompleteStreamError(events === 0);
      return { text, finishReason: mapAnthropicStop(rawStop), rawFinishReason: rawStop, usage: normaliseAnthropicUsage(raw), model };
    },
  };
}
