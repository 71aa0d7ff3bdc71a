/**
 * The OpenAI chat-completions provider, used for `openai:`, `compatible:` and the offline demo
 * model (all speak the same wire protocol). One streamed attempt with usage; no retries here.
 */
import type OpenAI from "openai";
import type { Usage } from "../../../shared/src/events";
import type { ProviderKind } from "../../../shared/src/settings";
import { IncompleteStreamError } from "./failure";
import type { FinishReason, LlmProvider, ProviderRequest, ProviderResponse, StreamOptions } from "./provider";

type OpenAiUsage = {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number | null } | null;
  completion_tokens_details?: { reasoning_tokens?: number | null } | null;
};

/** OpenAI's prompt_tokens already include cached tokens; completion_tokens include reasoning. */
export function normaliseOpenAiUsage(u: OpenAiUsage | null | undefined): Usage {
  return {
    inputTokens: u?.prompt_tokens ?? 0,
    cachedInputTokens: u?.prompt_tokens_details?.cached_tokens ?? 0,
    cacheWriteTokens: 0,
    outputTokens: u?.completion_tokens ?? 0,
    reasoningTokens: u?.completion_tokens_details?.reasoning_tokens ?? 0,
  };
}

export function mapOpenAiFinish(raw: string): FinishReason {
  if (raw === "stop") return "stop";
  if (raw === "length") return "length";
  if (raw === "content_filter") return "content_filter";
  if (raw === "tool_calls" || raw === "function_call") return "tool_calls";
  return "other";
}

/** Reasoning models take max_completion_tokens and only the default temperature. */
function isReasoningModel(model: string): boolean {
  return /^(o\d|gpt-5)/.test(model);
}

function buildBody(kind: ProviderKind, req: ProviderRequest) {
  const messages = req.prompt.messages.map((m) => ({ role: m.role, content: m.content as string }));
  const reasoning = kind === "openai" && isReasoningModel(req.model);
  return {
    model: req.model,
    messages,
    stream: true as const,
    stream_options: { include_usage: true },
    ...(kind === "openai" ? { max_completion_tokens: req.maxTokens } : { max_tokens: req.maxTokens }),
    ...(reasoning ? {} : { temperature: req.temperature }),
  };
}

export function createOpenAiProvider(kind: ProviderKind, client: OpenAI): LlmProvider {
  return {
    kind,
    async stream(req: ProviderRequest, opts: StreamOptions): Promise<ProviderResponse> {
      const stream = await client.chat.completions.create(buildBody(kind, req), { signal: opts.signal });
      let text = "";
      let rawFinish: string | null = null;
      let usage: Usage | null = null;
      let model = req.model;
      let events = 0;
      for await (const chunk of stream) {
        events++;
        if (chunk.model) model = chunk.model;
        const choice = chunk.choices[0];
        const delta = choice?.delta?.content;
        if (typeof delta === "string" && delta !== "") {
          text += delta;
          opts.onDelta(delta);
        }
        if (choice?.finish_reason) rawFinish = choice.finish_reason;
        if (chunk.usage) usage = normaliseOpenAiUsage(chunk.usage);
      }
      // The SDK ends the iteration quietly on abort; the caller must still see an abort.
      opts.signal.throwIfAborted();
      if (rawFinish === null) throw new IncompleteStreamError(events === 0);
      return { text, finishReason: mapOpenAiFinish(rawFinish), rawFinishReason: rawFinish, usage: usage ?? normaliseOpenAiUsage(null), model };
    },
  };
}
