import { strict as assert } from "node:assert";
import { summarizeEvents } from "../../../client/webview/chat/eventsLine";

describe("summarizeEvents", () => {
  it("builds the compact line in pipeline order", () => {
    const { parts, details } = summarizeEvents(
      [
        { type: "redacted", counts: { EMAIL: 1, OPENAI_KEY: 1 } },
        { type: "cache", status: "miss" },
        { type: "retry", provider: "openai", attempt: 1, afterStatus: 429, waitMs: 800 },
        { type: "fallback", from: "openai", to: "anthropic", reason: "retries exhausted" },
        { type: "usage", inputTokens: 700, cachedInputTokens: 0, outputTokens: 112, reasoningTokens: 0, costUsd: 0.0031 },
      ],
      1400,
    );
    assert.equal(parts.join(" · "), "redacted 2 · retry 1 after 429 · cache miss · fell back to anthropic · 812 tokens · $0.0031 · 1.4 s");
    assert.ok(details.some((d) => d.includes("EMAIL ×1")));
  });

  it("says price unknown rather than $0, and shows cache hits with similarity", () => {
    const { parts, details } = summarizeEvents([
      { type: "cache", status: "hit", kind: "semantic", similarity: 0.93, originalQuestion: "how do I sort a list?" },
      { type: "usage", inputTokens: 1, cachedInputTokens: 0, outputTokens: 1, reasoningTokens: 0, costUsd: null },
    ]);
    assert.ok(parts.includes("from cache (93% similar)"));
    assert.ok(parts.includes("price unknown"));
    assert.ok(details.some((d) => d.includes("how do I sort a list?")));
  });
});
