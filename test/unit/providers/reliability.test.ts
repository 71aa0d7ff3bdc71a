/**
 * Reliability run: 1,000 requests through the real chain (openai → anthropic → compatible, all
 * on the fake provider) with 30% of upstream attempts failing before the first token. At least
 * 99.9% must complete through retry and fallback, no request may be billed twice, and no
 * request may be shown complete when its stream was cut. Waits are injected (no real sleeps).
 */
import assert from "node:assert/strict";
import { ErrorCode } from "../../../shared/src/errors";
import { PipelineError } from "../../../server/src/errors";
import { BreakerRegistry, createProviderChain, disposeProviders } from "../../../server/src/providers";
import { startFakeProvider, splitChunks, type Fault, type FakeProvider } from "../../fake-provider";
import { ANTHROPIC, COMPATIBLE, OPENAI, getKey, makeCtx, ofType, recordingSleep, settingsFor, type TestCtx } from "./helpers";

const TEXT = "Hello from the fake provider. It answers every question the same way.";

/** A small seeded PRNG so the fault sequence is the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRE_TOKEN_FAULTS: Fault[] = [
  { kind: "status", status: 429, retryAfter: "1" },
  { kind: "status", status: 429, retryAfterMs: "20" },
  { kind: "status", status: 500 },
  { kind: "status", status: 503 },
  { kind: "status", status: 529 },
  { kind: "status", status: 408 },
  { kind: "reset", afterChunks: 0 },
  { kind: "malformed", afterChunks: 0 },
];

async function pool<T>(n: number, width: number, job: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await job(i);
      }
    }),
  );
  return out;
}

type Outcome = { t: TestCtx; ok: boolean; complete: boolean; text: string; error?: PipelineError };

describe("reliability: 1,000 requests with 30% injected faults", function () {
  this.timeout(120_000);
  let fake: FakeProvider;
  before(async () => {
    fake = await startFakeProvider();
  });
  after(async () => {
    await fake.close();
    await disposeProviders();
  });

  it("completes ≥ 99.9% via retry/fallback, bills each request once, never shows a cut answer as complete", async () => {
    const random = mulberry32(42);
    let injected = 0;
    fake.script(() => {
      if (random() >= 0.3) return { kind: "ok" };
      injected++;
      return PRE_TOKEN_FAULTS[Math.floor(random() * PRE_TOKEN_FAULTS.length)]!;
    });
    const next = createProviderChain({ getKey, sleep: recordingSleep().sleep, random, breakers: new BreakerRegistry({ threshold: 10 }) });
    const settings = settingsFor(fake);
    const outcomes = await pool<Outcome>(1000, 25, async () => {
      const t = makeCtx(settings, [OPENAI, ANTHROPIC, COMPATIBLE]);
      try {
        const r = await next(t.ctx);
        return { t, ok: true, complete: r.complete, text: r.text };
      } catch (err) {
        return { t, ok: false, complete: false, text: t.deltas.join(""), error: err as PipelineError };
      }
    });
    const completed = outcomes.filter((o) => o.ok && o.complete);
    const attempts = fake.chatRequests().length;
    const finishedUpstream = fake.chatRequests().filter((r) => r.finished && r.fault?.kind === "ok").length;
    process.stdout.write(
      `      ${completed.length}/1000 complete; ${attempts} upstream attempts, ${injected} injected faults (${((100 * injected) / attempts).toFixed(1)}%), ` +
        `${outcomes.filter((o) => ofType(o.t.events, "fallback").length > 0).length} requests fell back\n`,
    );
    assert.ok(injected / attempts > 0.25 && injected / attempts < 0.35, "about 30% of attempts were faulted");
    assert.ok(completed.length >= 999, `${completed.length} of 1000 completed`);
    for (const o of outcomes) {
      const usage = ofType(o.t.events, "usage");
      assert.ok(usage.length <= 1, "never billed twice");
      if (o.complete) {
        assert.equal(usage.length, 1, "a complete answer is billed once");
        assert.equal(o.text, TEXT, "a complete answer is the whole answer");
        assert.equal(o.t.deltas.join(""), TEXT, "the user saw exactly one whole answer");
      }
    }
    assert.equal(finishedUpstream, completed.length, "every finished upstream answer belongs to exactly one complete request");
  });

  it("streams cut after tokens end incomplete with their partial text, never billed or completed elsewhere", async () => {
    const cut = new Set<number>();
    fake.script((n) => {
      if (n % 2 === 0) return { kind: "ok" };
      cut.add(n);
      return { kind: "reset", afterChunks: 1 + (n % 5) };
    });
    const next = createProviderChain({ getKey, sleep: recordingSleep().sleep });
    const before = fake.chatRequests().length;
    const outcomes = await pool<Outcome>(100, 10, async () => {
      const t = makeCtx(settingsFor(fake), [OPENAI, ANTHROPIC]);
      try {
        const r = await next(t.ctx);
        return { t, ok: true, complete: r.complete, text: r.text };
      } catch (err) {
        return { t, ok: false, complete: false, text: t.deltas.join(""), error: err as PipelineError };
      }
    });
    assert.equal(fake.chatRequests().length - before, 100, "one upstream request each: no retry or fallback after tokens");
    const interrupted = outcomes.filter((o) => !o.ok);
    assert.ok(interrupted.length >= 40, `${interrupted.length} streams were cut`);
    for (const o of interrupted) {
      assert.equal(o.error?.code, ErrorCode.StreamInterrupted);
      assert.equal(o.error?.partialText, o.text);
      assert.ok(TEXT.startsWith(o.text) && o.text.length < TEXT.length && o.text.length > 0);
      assert.ok(splitChunks(TEXT).length > o.t.deltas.length);
      assert.equal(ofType(o.t.events, "usage").length, 0);
      assert.equal(ofType(o.t.events, "fallback").length, 0);
    }
    for (const o of outcomes.filter((x) => x.ok)) assert.equal(o.text, TEXT);
  });
});
