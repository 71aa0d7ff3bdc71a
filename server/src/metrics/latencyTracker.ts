/**
 * Latency over a sliding window (the last `maxSamples` requests within `maxAgeMs`) for the
 * status bar: p50/p95/p99 of total latency and of time to first token, the error rate and
 * the cache hit count. One tracker per workspace; `LatencyTrackers` keeps them by folder.
 */
import { percentiles, type Percentiles } from "./percentile";

export type LatencySample = { latencyMs: number; ttftMs: number | null; ok: boolean; cacheHit?: boolean };

export type LatencySnapshot = {
  /** Requests in the window. */
  count: number;
  errors: number;
  errorRate: number;
  cacheHits: number;
  /** Percentiles of successful requests' total latency, ms. */
  latency: Percentiles | null;
  /** Percentiles of time to first token of successful streamed requests, ms. */
  ttft: Percentiles | null;
  windowMs: number;
};

export type LatencyTrackerOptions = { maxSamples?: number; maxAgeMs?: number; now?: () => number };

type Entry = LatencySample & { at: number };

export class LatencyTracker {
  private samples: Entry[] = [];
  private readonly maxSamples: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(opts: LatencyTrackerOptions = {}) {
    this.maxSamples = opts.maxSamples ?? 500;
    this.maxAgeMs = opts.maxAgeMs ?? 15 * 60_000;
    this.now = opts.now ?? Date.now;
  }

  record(sample: LatencySample): void {
    this.samples.push({ ...sample, at: this.now() });
    if (this.samples.length > this.maxSamples) this.samples.splice(0, this.samples.length - this.maxSamples);
  }

  snapshot(): LatencySnapshot {
    const cutoff = this.now() - this.maxAgeMs;
    const first = this.samples.findIndex((s) => s.at >= cutoff);
    this.samples = first < 0 ? [] : this.samples.slice(first);
    const ok = this.samples.filter((s) => s.ok);
    const errors = this.samples.length - ok.length;
    return {
      count: this.samples.length,
      errors,
      errorRate: this.samples.length === 0 ? 0 : errors / this.samples.length,
      cacheHits: this.samples.filter((s) => s.cacheHit === true).length,
      latency: percentiles(ok.map((s) => s.latencyMs)),
      ttft: percentiles(ok.flatMap((s) => (s.ttftMs === null ? [] : [s.ttftMs]))),
      windowMs: this.maxAgeMs,
    };
  }
}

/** One tracker per workspace folder (or store dir), created on first use. */
export class LatencyTrackers {
  private readonly trackers = new Map<string, LatencyTracker>();

  constructor(private readonly opts: LatencyTrackerOptions = {}) {}

  for(workspace: string): LatencyTracker {
    let tracker = this.trackers.get(workspace);
    if (!tracker) {
      tracker = new LatencyTracker(this.opts);
      this.trackers.set(workspace, tracker);
    }
    return tracker;
  }

  snapshot(workspace: string): LatencySnapshot {
    return this.for(workspace).snapshot();
  }
}
