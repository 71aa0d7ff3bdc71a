/**
 * Cost from the price table: hand-computed prices for responses with cached and reasoning
 * tokens, cache writes, dated model ids, unknown models (null, never 0), the reservation
 * ceiling, and the token estimate.
 */
import assert from "node:assert/strict";
import type { Usage } from "../../../shared/src/events";
import { mintRedacted, mintRendered } from "../../../server/src/pipeline/brands";
import { costOf, estimateTokens, maxCostOf, PRICES_CHECKED, priceOf } from "../../../server/src/providers";
import { normaliseAnthropicUsage } from "../../../server/src/providers/anthropic";
import { normaliseOpenAiUsage } from "../../../server/src/providers/openai";
import { countTokens } from "../../../server/src/tokenizer";

const close = (a: number | null, b: number) => assert.ok(a !== null && Math.abs(a - b) < 1e-12, `${a} != ${b}`);

describe("pricing", () => {
  it("has a checked date", () => {
    assert.match(PRICES_CHECKED, /^\d{4}-\d{2}-\d{2}$/);
  });

  it("prices an OpenAI response with cached and reasoning tokens by hand", () => {
    // gpt-4o-mini: $0.15 input, $0.075 cached input, $0.60 output per million tokens.
    const usage = normaliseOpenAiUsage({
      prompt_tokens: 10_000,
      completion_tokens: 3_000,
      prompt_tokens_details: { cached_tokens: 4_000 },
      completion_tokens_details: { reasoning_tokens: 1_200 },
    });
    assert.deepEqual(usage, { inputTokens: 10_000, cachedInputTokens: 4_000, cacheWriteTokens: 0, outputTokens: 3_000, reasoningTokens: 1_200 });
    // 6,000 × 0.15 + 4,000 × 0.075 + 3,000 × 0.60 (the 1,200 reasoning tokens are inside the 3,000 output) = 3,000 µ$.
    close(costOf("openai", "gpt-4o-mini", usage), (6_000 * 0.15 + 4_000 * 0.075 + 3_000 * 0.6) / 1e6);
    close(costOf("openai", "gpt-4o-mini", usage), 0.003);
  });

  it("prices an Anthropic response with cache reads and writes by hand", () => {
    // claude-haiku-4-5: $1 input, $0.10 cache read, $1.25 cache write, $5 output per million.
    const usage = normaliseAnthropicUsage({ input_tokens: 500, cache_read_input_tokens: 8_000, cache_creation_input_tokens: 2_000, output_tokens: 700 });
    assert.deepEqual(usage, { inputTokens: 10_500, cachedInputTokens: 8_000, cacheWriteTokens: 2_000, outputTokens: 700, reasoningTokens: 0 });
    close(costOf("anthropic", "claude-haiku-4-5", usage), (500 * 1 + 8_000 * 0.1 + 2_000 * 1.25 + 700 * 5) / 1e6);
  });

  it("maps dated and -latest ids to the base model's price", () => {
    assert.deepEqual(priceOf("anthropic", "claude-haiku-4-5-20251001"), priceOf("anthropic", "claude-haiku-4-5"));
    assert.deepEqual(priceOf("openai", "gpt-4o-mini-2024-07-18"), priceOf("openai", "gpt-4o-mini"));
    assert.deepEqual(priceOf("anthropic", "claude-3-5-haiku-latest"), priceOf("anthropic", "claude-3-5-haiku"));
  });

  it("returns null, never 0, for unknown models and providers", () => {
    const usage: Usage = { inputTokens: 100, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 100, reasoningTokens: 0 };
    assert.equal(costOf("openai", "gpt-unknown-9", usage), null);
    assert.equal(costOf("compatible", "llama3", usage), null);
    assert.equal(maxCostOf("compatible", "llama3", 100, 100), null);
    assert.equal(costOf("demo", "preflight-demo", usage), 0, "the offline demo model is known to be free");
  });

  it("reserves the worst case: every input token uncached plus the whole output allowance", () => {
    close(maxCostOf("openai", "gpt-4o-mini", 2_000, 1_000), (2_000 * 0.15 + 1_000 * 0.6) / 1e6);
  });

  it("estimates tokens of a rendered prompt with the chat overhead", () => {
    const prompt = mintRendered(
      [
        { role: "system", content: mintRedacted("You are helpful.") },
        { role: "user", content: mintRedacted("hello world") },
      ],
      "chat",
      "1",
    );
    const n = estimateTokens(prompt);
    assert.ok(n >= 10 && n <= 20, `estimate ${n}`);
    const long = mintRendered([{ role: "user", content: mintRedacted("word ".repeat(1000)) }], "chat", "1");
    const m = estimateTokens(long);
    assert.ok(m >= 1000 && m <= 1100, `estimate ${m}`);
  });

  it("counts a long message the same when it comes back in a later turn's history", () => {
    // The per-text cache must give exactly the tokenizer's count, message by message.
    const earlier = "Explain the retry loop and its jitter. ".repeat(40);
    const reply = "The loop waits a random time up to the cap. ".repeat(30);
    const turn1 = mintRendered([{ role: "user", content: mintRedacted(earlier) }], "chat", "1");
    const turn2 = mintRendered(
      [
        { role: "user", content: mintRedacted(earlier) },
        { role: "assistant", content: mintRedacted(reply) },
        { role: "user", content: mintRedacted("And the breaker?") },
      ],
      "chat",
      "1",
    );
    const perMessage = (text: string) => 4 + countTokens(text);
    assert.equal(estimateTokens(turn1), 3 + perMessage(earlier));
    assert.equal(estimateTokens(turn2), 3 + perMessage(earlier) + perMessage(reply) + perMessage("And the breaker?"));
    // A text that differs by one character is counted afresh, not taken from the cache.
    const edited = mintRendered([{ role: "user", content: mintRedacted(earlier.slice(0, -1) + "?") }], "chat", "1");
    assert.equal(estimateTokens(edited), 3 + perMessage(earlier.slice(0, -1) + "?"));
  });
});
