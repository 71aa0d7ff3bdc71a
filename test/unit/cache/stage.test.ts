import { strict as assert } from "node:assert";
import { DEFAULT_SETTINGS } from "../../../shared/src/settings";
import { ZERO_USAGE, type PipelineEvent } from "../../../shared/src/events";
import { mintRedacted, mintRendered } from "../../../server/src/pipeline/brands";
import type { PipelineResult, RequestContext } from "../../../server/src/pipeline/context";
import { semanticCache } from "../../../server/src/pipeline/stages/cache";
import type { SemanticCache } from "../../../server/src/cache/semanticCache";
import { open, settings, tempDir } from "./helpers/fixtures";

function context(question: string, over: { temperature?: number; noCache?: boolean; model?: string; version?: string; variant?: string } = {}) {
  const events: PipelineEvent[] = [];
  // What renderTemplate emits before this stage runs (only when a test says which version).
  if (over.version !== undefined) events.push({ type: "template", id: "chat", version: over.version, ...(over.variant ? { variant: over.variant } : {}) });
  const written: string[] = [];
  let ended = 0;
  const ctx: RequestContext = {
    requestId: "r1",
    signal: new AbortController().signal,
    settings: DEFAULT_SETTINGS,
    options: { noCache: over.noCache === true, sendAnyway: false, conversationId: "c1" },
    startedAt: Date.now(),
    input: { kind: "chat", text: question, history: [], attachments: [] },
    prompt: mintRendered([{ role: "system", content: mintRedacted("Be brief.") }, { role: "user", content: mintRedacted(question) }], "chat", over.version ?? "1"),
    route: [{ provider: "openai", model: over.model ?? "gpt-4o-mini" }],
    maxTokens: 512,
    temperature: over.temperature ?? 0,
    sink: { write: (d) => written.push(d), end: () => void ended++ },
    emit: (e) => events.push(e),
    events,
    state: new Map(),
  };
  return { ctx, events, written, ended: () => ended };
}

function provider(text: string, over: Partial<PipelineResult> = {}) {
  let calls = 0;
  const next = async (ctx: RequestContext): Promise<PipelineResult> => {
    calls++;
    ctx.sink.write(text);
    ctx.sink.end();
    return { text, complete: true, finishReason: "stop", provider: "openai", model: "gpt-4o-mini", usage: { ...ZERO_USAGE, inputTokens: 30, outputTokens: 20 }, costUsd: 0.001, cache: "miss", ttftMs: 5, ...over };
  };
  return { next, calls: () => calls };
}

describe("cache stage", () => {
  let t: ReturnType<typeof tempDir>;
  let cache: SemanticCache;
  beforeEach(async () => {
    t = tempDir();
    cache = await open(t.dir);
  });
  afterEach(async () => {
    await cache.close();
    t.remove();
  });

  it("stores a complete answer on a miss and serves a paraphrase through the sink for free", async () => {
    const stage = semanticCache({ cache, settings: () => settings() });
    const p = provider("Use git branch -d [NAME_1].");
    const first = context("How do I delete a local git branch?");
    const r1 = await stage.run(first.ctx, p.next);
    assert.equal(r1.cache, "miss");
    assert.deepEqual(first.events, [{ type: "cache", status: "miss" }]);
    const second = context("How can I remove a local branch in git?");
    const r2 = await stage.run(second.ctx, p.next);
    assert.equal(p.calls(), 1, "the provider is not called on a hit");
    assert.equal(r2.cache, "hit");
    assert.equal(r2.text, "Use git branch -d [NAME_1].");
    assert.equal(r2.costUsd, 0);
    assert.deepEqual(r2.usage, ZERO_USAGE);
    assert.deepEqual(second.written, ["Use git branch -d [NAME_1]."]);
    assert.equal(second.ended(), 1);
    const ev = second.events[0] as Extract<PipelineEvent, { type: "cache" }>;
    assert.equal(ev.status, "hit");
    assert.equal(ev.kind, "semantic");
    assert.equal(ev.originalQuestion, "How do I delete a local git branch?");
    assert.ok(ev.similarity! > 0.5 && ev.similarity! < 1);
  });

  it("skips temperature > 0 by default, and a message sent with noCache", async () => {
    const stage = semanticCache({ cache, settings: () => settings() });
    const p = provider("answer");
    await stage.run(context("How do I delete a local git branch?").ctx, p.next);
    for (const over of [{ temperature: 0.7 }, { noCache: true }]) {
      const c = context("How do I delete a local git branch?", over);
      const r = await stage.run(c.ctx, p.next);
      assert.equal(r.cache, "skip");
      assert.equal((c.events[0] as { status: string }).status, "skip");
    }
    assert.equal(p.calls(), 3);
    const warm = semanticCache({ cache, settings: () => settings({ onlyTemperatureZero: false }) });
    await warm.run(context("How do I rebase onto main?", { temperature: 0.7 }).ctx, p.next);
    assert.equal((await warm.run(context("How do I rebase onto main?", { temperature: 0.7 }).ctx, p.next)).cache, "hit");
    assert.equal((await warm.run(context("How do I rebase onto main?", { temperature: 0 }).ctx, p.next)).cache, "miss", "temperature is part of the key");
  });

  it("does not store truncated, incomplete or fallback answers", async () => {
    const stage = semanticCache({ cache, settings: () => settings() });
    await stage.run(context("question about length").ctx, provider("cut", { finishReason: "length" }).next);
    await stage.run(context("question about streams").ctx, provider("part", { complete: false }).next);
    await stage.run(context("question about fallbacks").ctx, provider("other", { provider: "anthropic" }).next);
    assert.equal(cache.stats().entries, 0);
    assert.equal(cache.stats().misses, 3);
  });

  it("drops a template's answers of other versions when a new version is rendered, but not during an A/B test", async () => {
    const stage = semanticCache({ cache, settings: () => settings() });
    const p = provider("answer");
    const q = "How do I delete a local git branch?";
    await stage.run(context(q, { version: "1" }).ctx, p.next);
    assert.equal((await stage.run(context(q, { version: "1" }).ctx, p.next)).cache, "hit");
    // A/B between 1 and 2: both versions stay.
    await stage.run(context(q, { version: "2", variant: "A/B 2 of 2" }).ctx, p.next);
    assert.equal(cache.stats().entries, 2);
    assert.equal((await stage.run(context(q, { version: "1", variant: "A/B 1 of 2" }).ctx, p.next)).cache, "hit");
    // Version 3 alone: the answers of 1 and 2 can never be served again and are dropped.
    const r = await stage.run(context(q, { version: "3" }).ctx, p.next);
    assert.equal(r.cache, "miss");
    assert.equal(cache.stats().entries, 1);
    assert.equal(p.calls(), 3);
  });

  it("keeps every version the registry reports live (liveTemplateVersions)", async () => {
    let live = ["1", "2"];
    const stage = semanticCache({ cache, settings: () => settings(), liveTemplateVersions: () => live });
    const p = provider("answer");
    const q = "How do I delete a local git branch?";
    await stage.run(context(q, { version: "1" }).ctx, p.next);
    await stage.run(context(q, { version: "2" }).ctx, p.next);
    assert.equal(cache.stats().entries, 2);
    live = ["2"];
    assert.equal((await stage.run(context(q, { version: "2" }).ctx, p.next)).cache, "hit");
    assert.equal(cache.stats().entries, 1, "version 1 left the pool: its answer is dropped");
  });

  it("does nothing when the cache is turned off", async () => {
    const stage = semanticCache({ cache, settings: () => settings({ enabled: false }) });
    const p = provider("answer");
    await stage.run(context("How do I delete a local git branch?").ctx, p.next);
    const r = await stage.run(context("How do I delete a local git branch?").ctx, p.next);
    assert.equal(r.cache, "skip");
    assert.equal(cache.stats().entries, 0);
  });
});
