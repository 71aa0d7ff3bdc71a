import { strict as assert } from "node:assert";
import { DEFAULT_SETTINGS, fromRaw, parseModelRef } from "../../../shared/src/settings";

describe("settings.fromRaw", () => {
  it("returns the defaults (demo model) for an empty section", () => {
    const { settings, problems } = fromRaw({});
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.deepEqual(problems, []);
  });

  it("parses model, fallbacks, endpoints and seconds-based timeouts", () => {
    const { settings, problems } = fromRaw({
      model: "openai:gpt-4o-mini",
      fallbacks: ["anthropic:claude-3-5-haiku-latest", "compatible:llama3.1"],
      endpoints: { compatible: "http://localhost:11434/v1/" },
      timeouts: { attemptSeconds: 30 },
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(settings.model, { provider: "openai", model: "gpt-4o-mini" });
    assert.equal(settings.fallbacks.length, 2);
    assert.equal(settings.endpoints.compatible, "http://localhost:11434/v1");
    assert.equal(settings.timeouts.attemptMs, 30_000);
  });

  it("keeps defaults and names the setting and the fix for malformed values", () => {
    const { settings, problems } = fromRaw({ model: "gpt4", maxTokens: -3, endpoints: { openai: "ftp://x" }, fallbacks: "nope" });
    assert.equal(settings.model.provider, "demo");
    assert.equal(settings.maxTokens, DEFAULT_SETTINGS.maxTokens);
    assert.equal(settings.endpoints.openai, "");
    assert.equal(problems.length, 4);
    assert.match(problems.join("\n"), /preflight\.model.*provider:model/);
    assert.match(problems.join("\n"), /preflight\.maxTokens must be a number from 1/);
    assert.match(problems.join("\n"), /preflight\.endpoints\.openai must be an http\(s\) URL/);
  });

  it("never throws on garbage", () => {
    for (const raw of [null, 42, "x", [], { timeouts: "fast" }, { retry: { maxAttempts: "3" } }]) {
      const { settings } = fromRaw(raw);
      assert.equal(typeof settings.maxTokens, "number");
    }
  });

  it("parseModelRef accepts provider:model and rejects the rest", () => {
    assert.deepEqual(parseModelRef("compatible:qwen2.5:7b"), { provider: "compatible", model: "qwen2.5:7b" });
    assert.equal(typeof parseModelRef("mistral:large"), "string");
    assert.equal(typeof parseModelRef("openai:"), "string");
  });
});
