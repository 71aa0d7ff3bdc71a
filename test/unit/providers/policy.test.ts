/**
 * The pure parts of the retry policy: Retry-After parsing, error classification, key scrubbing,
 * full-jitter backoff, the abortable sleep (driven by fake timers) and the circuit breaker.
 */
import assert from "node:assert/strict";
import FakeTimers from "@sinonjs/fake-timers";
import { abortableSleep, backoffMs } from "../../../server/src/providers/backoff";
import { CircuitBreaker } from "../../../server/src/providers/breaker";
import { AttemptTimeoutError, classify, isRetryableStatus, parseRetryAfter, scrub } from "../../../server/src/providers/failure";

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

describe("retry policy", () => {
  describe("parseRetryAfter", () => {
    it("reads seconds, fractional seconds, HTTP dates and retry-after-ms (which wins)", () => {
      assert.equal(parseRetryAfter({ "retry-after": "3" }, NOW), 3000);
      assert.equal(parseRetryAfter({ "retry-after": "0.5" }, NOW), 500);
      assert.equal(parseRetryAfter({ "retry-after": new Date(NOW + 12_000).toUTCString() }, NOW), 12_000);
      assert.equal(parseRetryAfter({ "retry-after": new Date(NOW - 5000).toUTCString() }, NOW), 0);
      assert.equal(parseRetryAfter({ "retry-after-ms": "250", "retry-after": "9" }, NOW), 250);
      assert.equal(parseRetryAfter(new Headers({ "retry-after": "4" }), NOW), 4000);
    });
    it("ignores missing and garbage values", () => {
      assert.equal(parseRetryAfter({}, NOW), null);
      assert.equal(parseRetryAfter(undefined, NOW), null);
      assert.equal(parseRetryAfter({ "retry-after": "soon" }, NOW), null);
      assert.equal(parseRetryAfter({ "retry-after-ms": "-4" }, NOW), null);
    });
  });

  describe("classify", () => {
    it("retries 408/409/429/5xx/529 and never 400/401/403/404/422", () => {
      for (const s of [408, 409, 429, 500, 502, 503, 504, 529]) assert.equal(isRetryableStatus(s), true, String(s));
      for (const s of [400, 401, 403, 404, 413, 422]) assert.equal(isRetryableStatus(s), false, String(s));
    });
    it("marks 401/403 as auth failures and reads Retry-After from the error's headers", () => {
      const err = Object.assign(new Error("rate limited"), { status: 429, headers: new Headers({ "retry-after": "2" }) });
      assert.deepEqual(classify(err, NOW), { status: 429, retryable: true, auth: false, retryAfterMs: 2000, message: "rate limited" });
      assert.equal(classify(Object.assign(new Error("no"), { status: 401 }), NOW).auth, true);
      assert.equal(classify(Object.assign(new Error("no"), { status: 403 }), NOW).retryable, false);
    });
    it("treats network errors and timeouts as retryable, a JSON syntax error as a bad response", () => {
      const reset = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } });
      assert.equal(classify(reset, NOW).status, "network");
      assert.equal(classify(new TypeError("terminated"), NOW).retryable, true);
      assert.equal(classify(new AttemptTimeoutError("firstToken", 100), NOW).status, "timeout");
      const bad = classify(new SyntaxError("Unexpected token"), NOW);
      assert.equal(bad.status, "bad-response");
      assert.equal(bad.retryable, true);
    });
    it("scrubs the key from every message", () => {
      const key = "sk-live-abcdef1234567890";
      assert.equal(classify(Object.assign(new Error(`Incorrect API key provided: ${key}`), { status: 401 }), NOW, [key]).message, "Incorrect API key provided: [key]");
      assert.equal(scrub("Bearer abcdefghijklmnop failed"), "[key] failed");
      assert.equal(scrub("key sk-ant-api03-XYZxyz123456 rejected"), "key [key] rejected");
      assert.equal(scrub("my-custom-key-1234 bad", ["my-custom-key-1234"]), "[key] bad");
    });
  });

  describe("backoff", () => {
    const policy = { baseMs: 100, maxWaitMs: 1000 };
    it("draws uniformly in [0, base * 2^(attempt-1)] (full jitter), capped", () => {
      assert.equal(backoffMs(1, null, policy, () => 0), 0);
      assert.equal(backoffMs(1, null, policy, () => 0.999), 99);
      assert.equal(backoffMs(3, null, policy, () => 0.5), 200);
      assert.equal(backoffMs(10, null, policy, () => 0.999), 999);
    });
    it("uses the provider's Retry-After instead of the draw, still capped", () => {
      assert.equal(backoffMs(1, 700, policy, () => 0), 700);
      assert.equal(backoffMs(1, 60_000, policy, () => 0), 1000);
    });
    it("spreads draws over the whole range", () => {
      const draws = Array.from({ length: 2000 }, () => backoffMs(4, null, policy));
      assert.ok(Math.min(...draws) < 80 && Math.max(...draws) > 720, "full jitter covers [0, 800)");
    });
  });

  describe("abortableSleep (fake timers)", () => {
    let clock: ReturnType<typeof FakeTimers.install>;
    beforeEach(() => {
      clock = FakeTimers.install({ toFake: ["setTimeout", "clearTimeout"] });
    });
    afterEach(() => clock.uninstall());

    it("resolves after the wait and not before", async () => {
      let done = false;
      const p = abortableSleep(5000, new AbortController().signal).then(() => (done = true));
      await clock.tickAsync(4999);
      assert.equal(done, false);
      await clock.tickAsync(1);
      await p;
      assert.equal(done, true);
    });
    it("rejects with AbortError as soon as the signal aborts, and at once if it already has", async () => {
      const c = new AbortController();
      const p = abortableSleep(60_000, c.signal);
      await clock.tickAsync(10);
      c.abort();
      await assert.rejects(p, { name: "AbortError" });
      assert.equal(clock.countTimers(), 0, "the timer was cleared");
      await assert.rejects(abortableSleep(10, c.signal), { name: "AbortError" });
    });
  });

  describe("circuit breaker", () => {
    it("opens after N consecutive failures, lets one probe through after the cool-down, and closes on success", () => {
      let now = 0;
      const b = new CircuitBreaker({ threshold: 3, cooldownMs: 1000, clock: { now: () => now } });
      b.onFailure();
      b.onFailure();
      b.onSuccess();
      b.onFailure();
      b.onFailure();
      assert.equal(b.state, "closed", "a success resets the count");
      b.onFailure();
      assert.equal(b.state, "open");
      assert.equal(b.tryAcquire(), false);
      now = 999;
      assert.equal(b.tryAcquire(), false);
      now = 1000;
      assert.equal(b.state, "half-open");
      assert.equal(b.tryAcquire(), true);
      assert.equal(b.tryAcquire(), false, "only one probe at a time");
      b.onSuccess();
      assert.equal(b.state, "closed");
      assert.equal(b.tryAcquire(), true);
    });
    it("a failed probe re-opens for a full cool-down; a released probe frees the slot", () => {
      let now = 0;
      const b = new CircuitBreaker({ threshold: 1, cooldownMs: 1000, clock: { now: () => now } });
      b.onFailure();
      now = 1000;
      assert.equal(b.tryAcquire(), true);
      b.release();
      assert.equal(b.tryAcquire(), true, "released: another probe may go");
      b.onFailure();
      assert.equal(b.state, "open");
      now = 1999;
      assert.equal(b.tryAcquire(), false);
      now = 2000;
      assert.equal(b.tryAcquire(), true);
    });
  });
});
