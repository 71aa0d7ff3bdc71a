import { strict as assert } from "node:assert";
import { LatencyTracker, LatencyTrackers } from "../../../server/src/metrics/latencyTracker";
import { percentile, percentiles } from "../../../server/src/metrics/percentile";

describe("metrics: percentiles", () => {
  it("interpolates between closest ranks", () => {
    const sorted = [10, 20, 30, 40, 50];
    assert.equal(percentile(sorted, 50), 30);
    assert.equal(percentile(sorted, 0), 10);
    assert.equal(percentile(sorted, 100), 50);
    assert.equal(percentile(sorted, 95), 48);
    assert.equal(percentile(sorted, 25), 20);
    assert.equal(percentile([1, 2], 50), 1.5);
    assert.equal(percentile([7], 99), 7);
    assert.equal(percentile([], 50), null);
  });

  it("matches the textbook values for 1..100", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    assert.deepEqual(percentiles(values), { p50: 50.5, p95: 95.1, p99: 99 });
  });
});

describe("metrics: latency tracker", () => {
  it("reports latency and TTFT percentiles of successful requests and the error rate", () => {
    const tracker = new LatencyTracker();
    for (let i = 1; i <= 100; i++) tracker.record({ latencyMs: i * 10, ttftMs: i, ok: true });
    tracker.record({ latencyMs: 99_999, ttftMs: null, ok: false });
    tracker.record({ latencyMs: 5, ttftMs: null, ok: true, cacheHit: true });
    const s = tracker.snapshot();
    assert.equal(s.count, 102);
    assert.equal(s.errors, 1);
    assert.equal(s.errorRate, 1 / 102);
    assert.equal(s.cacheHits, 1);
    assert.ok(s.latency && s.latency.p99 < 1000, "a failed request's latency is not a latency sample");
    assert.deepEqual(s.ttft, { p50: 50.5, p95: 95.1, p99: 99 });
  });

  it("keeps only the newest samples and drops old ones by age", () => {
    let now = 0;
    const tracker = new LatencyTracker({ maxSamples: 3, maxAgeMs: 1000, now: () => now });
    for (const ms of [1000, 1, 2, 3]) tracker.record({ latencyMs: ms, ttftMs: null, ok: true });
    assert.equal(tracker.snapshot().latency?.p99, 3, "the 1000 ms sample fell out of the window");
    now = 500;
    tracker.record({ latencyMs: 50, ttftMs: 5, ok: true });
    now = 1200;
    const s = tracker.snapshot();
    assert.equal(s.count, 1);
    assert.deepEqual(s.latency, { p50: 50, p95: 50, p99: 50 });
    now = 5000;
    assert.deepEqual(tracker.snapshot(), { count: 0, errors: 0, errorRate: 0, cacheHits: 0, latency: null, ttft: null, windowMs: 1000 });
  });

  it("keeps one tracker per workspace", () => {
    const trackers = new LatencyTrackers();
    trackers.for("/a").record({ latencyMs: 10, ttftMs: 1, ok: true });
    assert.equal(trackers.snapshot("/a").count, 1);
    assert.equal(trackers.snapshot("/b").count, 0);
    assert.equal(trackers.for("/a"), trackers.for("/a"));
  });
});
