/**
 * Every scripted fault of the fake provider, on both wire protocols, through the real SDKs and
 * the provider chain: what is retried (counted exactly), what is not, Retry-After, timeouts,
 * truncation and interrupted streams.
 */
import assert from "node:assert/strict";
import { ErrorCode } from "../../../shared/src/errors";
import type { ModelRef } from "../../../shared/src/settings";
import { PipelineError } from "../../../server/src/errors";
import { createProviderChain, disposeProviders } from "../../../server/src/providers";
import { startFakeProvider, splitChunks, type FakeProvider } from "../../fake-provider";
import { ANTHROPIC, OPENAI, getKey, makeCtx, ofType, recordingSleep, rejects, settingsFor, TEST_KEY } from "./helpers";

const TEXT = "Hello from the fake provider. It answers every question the same way.";
const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

for (const ref of [OPENAI, ANTHROPIC] as ModelRef[]) {
  describe(`provider chain faults over the ${ref.provider} wire`, () => {
    let fake: FakeProvider;
    beforeEach(async () => {
      fake = await startFakeProvider();
    });
    afterEach(async () => {
      await fake.close();
      await disposeProviders();
    });

    function chain() {
      const rec = recordingSleep();
      const next = createProviderChain({ getKey, sleep: rec.sleep, clock: { now: () => NOW }, random: () => 0.5 });
      return { next, waits: rec.waits };
    }

    it("streams a normal answer with usage, cost and a firstToken event", async () => {
      const { next } = chain();
      const t = makeCtx(settingsFor(fake), [ref]);
      const result = await next(t.ctx);
      assert.equal(result.text, TEXT);
      assert.equal(t.deltas.join(""), TEXT);
      assert.equal(result.complete, true);
      assert.equal(result.finishReason, "stop");
      assert.equal(result.provider, ref.provider);
      assert.equal(result.usage.outputTokens, splitChunks(TEXT).length);
      assert.ok(result.usage.inputTokens > 0);
      assert.ok(result.costUsd !== null && result.costUsd > 0);
      assert.equal(ofType(t.events, "firstToken").length, 1);
      assert.equal(ofType(t.events, "usage").length, 1);
      assert.equal(t.ended(), true);
      const body = fake.chatRequests()[0]!.body as Record<string, unknown>;
      assert.equal(body.stream, true);
      if (ref.provider === "openai") assert.deepEqual(body.stream_options, { include_usage: true });
    });

    for (const status of [408, 409, 429, 500, 503, 529]) {
      it(`retries ${status} and counts attempts exactly`, async () => {
        fake.script([{ kind: "status", status }, { kind: "status", status }]);
        const { next, waits } = chain();
        const t = makeCtx(settingsFor(fake), [ref]);
        const result = await next(t.ctx);
        assert.equal(result.text, TEXT);
        assert.equal(fake.chatRequests().length, 3);
        assert.deepEqual(ofType(t.events, "attempt").map((e) => e.status), [status, status, "ok"]);
        assert.deepEqual(ofType(t.events, "retry").map((e) => [e.attempt, e.afterStatus]), [[1, status], [2, status]]);
        // Full jitter with random() = 0.5: half of base * 2^(attempt-1).
        assert.deepEqual(waits, [50, 100]);
      });
    }

    it("honours Retry-After in seconds", async () => {
      fake.script([{ kind: "status", status: 429, retryAfter: "2" }]);
      const { next, waits } = chain();
      await next(makeCtx(settingsFor(fake), [ref]).ctx);
      assert.deepEqual(waits, [2000]);
    });

    it("honours Retry-After as an HTTP date", async () => {
      fake.script([{ kind: "status", status: 503, retryAfter: new Date(NOW + 7000).toUTCString() }]);
      const { next, waits } = chain();
      await next(makeCtx(settingsFor(fake), [ref]).ctx);
      assert.deepEqual(waits, [7000]);
    });

    it("honours retry-after-ms and caps every wait at retry.maxWaitMs", async () => {
      fake.script([{ kind: "status", status: 429, retryAfterMs: "1500" }, { kind: "status", status: 429, retryAfter: "3600" }]);
      const { next, waits } = chain();
      await next(makeCtx(settingsFor(fake, { retry: { maxAttempts: 3, baseMs: 100, maxWaitMs: 4000 } }), [ref]).ctx);
      assert.deepEqual(waits, [1500, 4000]);
    });

    it("gives up after maxAttempts with ProviderUnavailable (RateLimited when every answer was 429)", async () => {
      fake.script([{ kind: "status", status: 503 }, { kind: "status", status: 503 }, { kind: "status", status: 503 }]);
      const { next } = chain();
      const err = await rejects(next(makeCtx(settingsFor(fake), [ref]).ctx));
      assert.ok(err instanceof PipelineError);
      assert.equal(err.code, ErrorCode.ProviderUnavailable);
      assert.equal(fake.chatRequests().length, 3);
      fake.script([{ kind: "status", status: 429 }, { kind: "status", status: 429 }, { kind: "status", status: 429 }]);
      // A fresh chain: the first one's breaker has counted three failures already.
      const err2 = await rejects(chain().next(makeCtx(settingsFor(fake), [ref]).ctx));
      assert.equal((err2 as PipelineError).code, ErrorCode.RateLimited);
      assert.equal(fake.chatRequests().length, 6);
    });

    for (const [status, code] of [[400, ErrorCode.InvalidInput], [404, ErrorCode.InvalidSettings], [422, ErrorCode.InvalidInput]] as const) {
      it(`never retries ${status}`, async () => {
        fake.script([{ kind: "status", status, message: "bad request" }]);
        const { next, waits } = chain();
        const err = await rejects(next(makeCtx(settingsFor(fake), [ref, OPENAI.provider === ref.provider ? ANTHROPIC : OPENAI]).ctx));
        assert.ok(err instanceof PipelineError);
        assert.equal(err.code, code);
        assert.equal(fake.chatRequests().length, 1, "one request: no retry and no fallback");
        assert.deepEqual(waits, []);
      });
    }

    for (const status of [401, 403]) {
      it(`answers ${status} with "set your key", not retried, no fallback, key never shown`, async () => {
        fake.script([{ kind: "status", status, message: `Incorrect API key provided: ${TEST_KEY}` }]);
        const { next } = chain();
        const t = makeCtx(settingsFor(fake), [ref, ref.provider === "openai" ? ANTHROPIC : OPENAI]);
        const err = await rejects(next(t.ctx));
        assert.ok(err instanceof PipelineError);
        assert.equal(err.code, ErrorCode.AuthFailed);
        assert.match(err.message, /Set your (OpenAI|Anthropic) key with "Preflight: Set API Key"/);
        assert.equal(fake.chatRequests().length, 1);
        assert.equal(ofType(t.events, "fallback").length, 0);
        const everything = JSON.stringify({ message: err.message, details: err.details, events: t.events });
        assert.ok(!everything.includes(TEST_KEY), "the key must not appear in errors or events");
        assert.ok(!everything.includes("SECRETKEY"), "no part of the key either");
      });
    }

    it("retries a connection reset before the first byte", async () => {
      fake.script([{ kind: "reset", afterChunks: 0 }]);
      const { next } = chain();
      const t = makeCtx(settingsFor(fake), [ref]);
      const result = await next(t.ctx);
      assert.equal(result.text, TEXT);
      assert.deepEqual(ofType(t.events, "attempt").map((e) => e.status), ["network", "ok"]);
    });

    it("retries a malformed chunk that arrives before any token", async () => {
      fake.script([{ kind: "malformed", afterChunks: 0 }]);
      const { next } = chain();
      const t = makeCtx(settingsFor(fake), [ref]);
      const result = await next(t.ctx);
      assert.equal(result.text, TEXT);
      assert.equal(t.deltas.join(""), TEXT, "nothing of the failed attempt reached the sink");
      assert.equal(fake.chatRequests().length, 2);
    });

    for (const fault of [{ kind: "reset", afterChunks: 2 }, { kind: "malformed", afterChunks: 2 }] as const) {
      it(`ends a stream cut after tokens (${fault.kind}) as StreamInterrupted, never continued`, async () => {
        fake.script([fault]);
        const { next } = chain();
        const t = makeCtx(settingsFor(fake), [ref, ref.provider === "openai" ? ANTHROPIC : OPENAI]);
        const err = await rejects(next(t.ctx));
        assert.ok(err instanceof PipelineError);
        assert.equal(err.code, ErrorCode.StreamInterrupted);
        const partial = splitChunks(TEXT).slice(0, 2).join("");
        assert.equal(err.partialText, partial);
        assert.equal(t.deltas.join(""), partial);
        assert.equal(fake.chatRequests().length, 1, "no retry and no fallback after the first token");
        assert.equal(ofType(t.events, "fallback").length, 0);
        assert.equal(ofType(t.events, "usage").length, 0);
        assert.equal(t.ended(), false);
      });
    }

    it("times out a slow first byte, closes that socket, and retries", async () => {
      fake.script([{ kind: "slowFirstByte", delayMs: 30_000 }]);
      const { next } = chain();
      const s = settingsFor(fake, { timeouts: { attemptMs: 60_000, firstTokenMs: 200, totalMs: 120_000 } });
      const t = makeCtx(s, [ref]);
      const result = await next(t.ctx);
      assert.equal(result.text, TEXT);
      assert.deepEqual(ofType(t.events, "attempt").map((e) => e.status), ["timeout", "ok"]);
      await fake.waitForClientClose(fake.chatRequests()[0]!);
    });

    it("a 200 HTML page instead of the protocol (wrong base URL) ends as BadProviderResponse", async () => {
      fake.script([{ kind: "notJson" }, { kind: "notJson" }, { kind: "notJson" }]);
      const { next } = chain();
      const t = makeCtx(settingsFor(fake), [ref]);
      const err = await rejects(next(t.ctx));
      assert.ok(err instanceof PipelineError);
      assert.equal(err.code, ErrorCode.BadProviderResponse);
      assert.match(err.message, /base URL|endpoint URL/);
      assert.equal(fake.chatRequests().length, 3);
      assert.deepEqual(t.deltas, []);
    });

    it("reports a length finish as truncated", async () => {
      fake.script([{ kind: "ok", text: "Cut short", finish: "length" }]);
      const { next } = chain();
      const t = makeCtx(settingsFor(fake), [ref]);
      const result = await next(t.ctx);
      assert.equal(result.finishReason, "length");
      assert.equal(ofType(t.events, "truncated").length, 1);
      assert.equal(ofType(t.events, "truncated")[0]!.reason, ref.provider === "openai" ? "length" : "max_tokens");
    });
  });
}
