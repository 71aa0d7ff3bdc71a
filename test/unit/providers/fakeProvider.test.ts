/**
 * The fake provider itself, driven by the real SDKs without the chain: non-streaming JSON
 * answers and faults on both wires, embeddings, /models, and request recording.
 */
import assert from "node:assert/strict";
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { startFakeProvider, type FakeProvider } from "../../fake-provider";

describe("fake provider (non-streaming, real SDKs)", () => {
  let fake: FakeProvider;
  let openai: OpenAI;
  let anthropic: Anthropic;
  const messages = [{ role: "user" as const, content: "Hi there" }];
  beforeEach(async () => {
    fake = await startFakeProvider({ cachedInputTokens: 2 });
    openai = new OpenAI({ apiKey: "k", baseURL: fake.openaiBaseUrl, maxRetries: 0, timeout: 5000, logLevel: "off" });
    anthropic = new Anthropic({ apiKey: "k", baseURL: fake.anthropicBaseUrl, maxRetries: 0, timeout: 5000, logLevel: "off" });
  });
  afterEach(() => fake.close());

  it("answers OpenAI JSON with usage details", async () => {
    fake.script([{ kind: "ok", text: "Plain answer", usage: { reasoningTokens: 3 } }]);
    const r = await openai.chat.completions.create({ model: "gpt-x", messages });
    assert.equal(r.choices[0]!.message.content, "Plain answer");
    assert.equal(r.choices[0]!.finish_reason, "stop");
    assert.equal(r.usage?.prompt_tokens_details?.cached_tokens, 2);
    assert.equal(r.usage?.completion_tokens_details?.reasoning_tokens, 3);
    assert.deepEqual((fake.requests[0]!.body as { messages: unknown }).messages, messages);
  });

  it("answers Anthropic JSON with stop_reason and cache usage", async () => {
    fake.script([{ kind: "ok", text: "Plain answer", finish: "length", usage: { inputTokens: 10, cacheWriteTokens: 3 } }]);
    const r = await anthropic.messages.create({ model: "claude-haiku-4-5", max_tokens: 10, messages });
    assert.deepEqual(r.content, [{ type: "text", text: "Plain answer" }]);
    assert.equal(r.stop_reason, "max_tokens");
    assert.equal(r.usage.input_tokens, 5);
    assert.equal(r.usage.cache_read_input_tokens, 2);
    assert.equal(r.usage.cache_creation_input_tokens, 3);
  });

  for (const wire of ["openai", "anthropic"] as const) {
    const call = () =>
      wire === "openai" ? openai.chat.completions.create({ model: "m", messages }) : anthropic.messages.create({ model: "claude-haiku-4-5", max_tokens: 5, messages });

    it(`${wire}: status faults carry Retry-After / retry-after-ms headers and the wire's error body`, async () => {
      fake.script([{ kind: "status", status: 429, retryAfter: "7", retryAfterMs: "6500" }, { kind: "status", status: 529 }, { kind: "status", status: 401 }]);
      const e1 = (await call().catch((e: unknown) => e)) as { status: number; headers: Headers };
      assert.equal(e1.status, 429);
      assert.equal(e1.headers.get("retry-after"), "7");
      assert.equal(e1.headers.get("retry-after-ms"), "6500");
      assert.equal(((await call().catch((e: unknown) => e)) as { status: number }).status, 529);
      assert.equal(((await call().catch((e: unknown) => e)) as { status: number }).status, 401);
    });

    it(`${wire}: reset, malformed body and slow first byte`, async () => {
      fake.script([{ kind: "reset", afterChunks: 0 }, { kind: "reset", afterChunks: 1 }, { kind: "malformed" }]);
      assert.ok((await call().catch((e: unknown) => e)) instanceof Error);
      assert.ok((await call().catch((e: unknown) => e)) instanceof Error);
      assert.ok((await call().catch((e: unknown) => e)) instanceof Error, "a non-JSON body is an error");
      fake.script([{ kind: "slowFirstByte", delayMs: 30_000 }]);
      const slow = wire === "openai" ? openai.chat.completions.create({ model: "m", messages }, { timeout: 100 }) : anthropic.messages.create({ model: "claude-haiku-4-5", max_tokens: 5, messages }, { timeout: 100 });
      const err = (await slow.catch((e: unknown) => e)) as Error;
      assert.match(err.constructor.name, /Timeout/);
      const rec = fake.chatRequests()[3]!;
      await fake.waitForClientClose(rec);
      assert.equal(rec.clientClosed, true);
    });
  }

  it("serves embeddings and /models", async () => {
    const e = await openai.embeddings.create({ model: "embed", input: ["one", "two"] });
    assert.equal(e.data.length, 2);
    assert.equal(e.data[0]!.embedding.length, 16);
    assert.notDeepEqual(e.data[0]!.embedding, e.data[1]!.embedding);
    const models = await openai.models.list();
    assert.equal(models.data[0]!.id, "fake-model");
    assert.deepEqual(fake.requests.map((r) => r.protocol), ["embeddings", "models"]);
  });
});
