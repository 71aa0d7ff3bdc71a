/**
 * Usage and cost through the whole chain, read from the real wire formats: cached, cache-write
 * and reasoning tokens reach the result and the usage event, and an unknown price stays null.
 */
import assert from "node:assert/strict";
import { createProviderChain, disposeProviders } from "../../../server/src/providers";
import { startFakeProvider, type FakeProvider } from "../../fake-provider";
import { ANTHROPIC, COMPATIBLE, OPENAI, getKey, makeCtx, ofType, settingsFor } from "./helpers";

describe("provider chain usage and cost", () => {
  let fake: FakeProvider;
  beforeEach(async () => {
    fake = await startFakeProvider();
  });
  afterEach(async () => {
    await fake.close();
    await disposeProviders();
  });

  it("OpenAI wire: cached and reasoning tokens are normalised and priced by hand", async () => {
    fake.script([{ kind: "ok", usage: { inputTokens: 10_000, cachedInputTokens: 4_000, outputTokens: 3_000, reasoningTokens: 1_200 } }]);
    const t = makeCtx(settingsFor(fake), [OPENAI]);
    const result = await createProviderChain({ getKey })(t.ctx);
    assert.deepEqual(result.usage, { inputTokens: 10_000, cachedInputTokens: 4_000, cacheWriteTokens: 0, outputTokens: 3_000, reasoningTokens: 1_200 });
    // gpt-4o-mini: 6,000 × $0.15 + 4,000 × $0.075 + 3,000 × $0.60 per million = $0.003.
    assert.ok(Math.abs(result.costUsd! - 0.003) < 1e-12);
    const usage = ofType(t.events, "usage");
    assert.equal(usage.length, 1);
    assert.equal(usage[0]!.reasoningTokens, 1_200);
    assert.equal(usage[0]!.costUsd, result.costUsd);
  });

  it("Anthropic wire: cache reads and writes are normalised and priced by hand", async () => {
    fake.script([{ kind: "ok", usage: { inputTokens: 10_500, cachedInputTokens: 8_000, cacheWriteTokens: 2_000, outputTokens: 700 } }]);
    const t = makeCtx(settingsFor(fake), [ANTHROPIC]);
    const result = await createProviderChain({ getKey })(t.ctx);
    assert.deepEqual(result.usage, { inputTokens: 10_500, cachedInputTokens: 8_000, cacheWriteTokens: 2_000, outputTokens: 700, reasoningTokens: 0 });
    // claude-haiku-4-5: 500 × $1 + 8,000 × $0.10 + 2,000 × $1.25 + 700 × $5 per million.
    assert.ok(Math.abs(result.costUsd! - (500 + 800 + 2_500 + 3_500) / 1e6) < 1e-12);
  });

  it("an unknown model's price is null (shown as unknown), not $0", async () => {
    const t = makeCtx(settingsFor(fake), [COMPATIBLE]);
    const result = await createProviderChain({ getKey })(t.ctx);
    assert.equal(result.costUsd, null);
    assert.equal(ofType(t.events, "usage")[0]!.costUsd, null);
    assert.ok(result.usage.outputTokens > 0);
  });

  it("sends the API key only in the provider's auth header", async () => {
    await createProviderChain({ getKey })(makeCtx(settingsFor(fake), [OPENAI]).ctx);
    await createProviderChain({ getKey })(makeCtx(settingsFor(fake), [ANTHROPIC]).ctx);
    const [o, a] = fake.chatRequests();
    assert.match(String(o!.headers.authorization), /^Bearer sk-test-/);
    // This @anthropic-ai/sdk version sends the key as a bearer token too.
    assert.match(String(a!.headers.authorization ?? a!.headers["x-api-key"]), /sk-test-/);
    assert.ok(!JSON.stringify(o!.body).includes("sk-test"));
  });
});
