/**
 * Outcomes per template version (requests, errors, truncations, thumbs up/down) kept in a JSON
 * file in the workspace store dir, and the automatic rollback rule: a version is rolled back
 * when its bad rate (errors + truncations + thumbs down, per request) exceeds the previous
 * version's by more than `margin`, once both have at least `minSamples` requests.
 * Writes are batched (at most one per WRITE_DELAY_MS, off the request path) and go through a temp
 * file and a rename, so a crash never leaves half a file; `flush()` writes what is pending now.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { mkdir, rename } from "node:fs/promises";
import { dirname, join } from "node:path";
import { withLock } from "../budget/lock";

export type Outcome = "ok" | "error" | "truncated" | "positive" | "negative";

export type VersionStats = { requests: number; errors: number; truncations: number; positive: number; negative: number };

export type RollbackPolicy = { margin: number; minSamples: number };
export const DEFAULT_ROLLBACK_POLICY: RollbackPolicy = { margin: 0.1, minSamples: 30 };

export type RollbackRecord = { at: string; to: string; rate: number; baselineRate: number; samples: number };

type FileShape = { version: 1; stats: Record<string, VersionStats>; rolledBack: Record<string, RollbackRecord> };

export const OUTCOMES_FILE = "prompt-outcomes.json";

/** Outcomes recorded within this window share one locked read-modify-write of the file. */
const WRITE_DELAY_MS = 1_000;

const key = (id: string, version: string) => `${id}@${version}`;
const empty = (): VersionStats => ({ requests: 0, errors: 0, truncations: 0, positive: 0, negative: 0 });

/** The share of requests that failed, were truncated or got a thumbs down (at most 1). */
export function badRate(stats: VersionStats): number {
  if (stats.requests === 0) return 0;
  return Math.min(1, (stats.errors + stats.truncations + stats.negative) / stats.requests);
}

/** True when `candidate` should be rolled back in favour of `baseline` under the policy. */
export function shouldRollBack(candidate: VersionStats, baseline: VersionStats, policy: RollbackPolicy): boolean {
  if (candidate.requests < policy.minSamples || baseline.requests < policy.minSamples) return false;
  return badRate(candidate) - badRate(baseline) > policy.margin;
}

/**
 * Counts are kept as a base (the file as last read) plus this process's pending increments.
 * A flush takes the workspace's cross-process lock, re-reads the file, adds the increments
 * and writes it back through a temp file and a rename, so the editor and a CLI run on the same
 * workspace add up instead of overwriting each other.
 */
export class OutcomeStore {
  private base = new Map<string, VersionStats>();
  private pending = new Map<string, VersionStats>();
  private rolled = new Map<string, RollbackRecord>();
  /** Rollback changes not yet written: a record to set, or null to clear. */
  private rolledChanges = new Map<string, RollbackRecord | null>();
  private writing: Promise<void> = Promise.resolve();
  private scheduled = false;
  private timer: NodeJS.Timeout | undefined;

  /** `dir` is the workspace store dir; undefined keeps outcomes in memory only. */
  constructor(private readonly dir: string | undefined) {}

  private get file(): string | undefined {
    return this.dir ? join(this.dir, OUTCOMES_FILE) : undefined;
  }

  /** Loads the file; a missing file is an empty store, a corrupt one is set aside and reported. */
  async load(): Promise<string | undefined> {
    const file = this.file;
    if (!file) return undefined;
    const read = readShape(file);
    if (read.kind === "corrupt") {
      const aside = `${file}.corrupt-${Date.now()}`;
      await rename(file, aside).catch(() => undefined);
      return `Template outcomes file ${file} was unreadable (${read.reason}); moved it to ${aside} and started fresh.`;
    }
    if (read.kind === "ok") this.adopt(read.data);
    return undefined;
  }

  get(id: string, version: string): VersionStats {
    const k = key(id, version);
    return add(this.base.get(k) ?? empty(), this.pending.get(k));
  }

  rolledBack(id: string, version: string): RollbackRecord | undefined {
    return this.rolled.get(key(id, version));
  }

  record(id: string, version: string, outcome: Outcome): void {
    const k = key(id, version);
    const stats = this.pending.get(k) ?? empty();
    if (outcome === "ok" || outcome === "error" || outcome === "truncated") stats.requests += 1;
    if (outcome === "error") stats.errors += 1;
    if (outcome === "truncated") stats.truncations += 1;
    if (outcome === "positive") stats.positive += 1;
    if (outcome === "negative") stats.negative += 1;
    this.pending.set(k, stats);
    this.schedule();
  }

  markRolledBack(id: string, version: string, record: RollbackRecord): void {
    this.rolled.set(key(id, version), record);
    this.rolledChanges.set(key(id, version), record);
    this.schedule();
  }

  /** Clears a rollback (after the author publishes a fixed file or on request). */
  clearRollback(id: string, version: string): void {
    if (!this.rolled.delete(key(id, version))) return;
    this.rolledChanges.set(key(id, version), null);
    this.schedule();
  }

  /** Resolves when everything recorded so far is on disk. */
  async flush(): Promise<void> {
    if (this.timer) this.startWrite();
    let last: Promise<void> | undefined;
    while (last !== this.writing) {
      last = this.writing;
      await last;
    }
  }

  private adopt(data: FileShape): void {
    this.base = new Map(Object.entries(data.stats ?? {}).map(([k, v]) => [k, add(empty(), v)]));
    this.rolled = new Map(Object.entries(data.rolledBack ?? {}));
    for (const [k, change] of this.rolledChanges) {
      if (change === null) this.rolled.delete(k);
      else this.rolled.set(k, change);
    }
  }

  private schedule(): void {
    if (!this.file || this.scheduled) return;
    this.scheduled = true;
    this.timer = setTimeout(() => this.startWrite(), WRITE_DELAY_MS);
    // A pending write does not keep a process alive; the core's dispose() flushes it.
    this.timer.unref();
  }

  private startWrite(): void {
    const file = this.file;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!file) return;
    this.writing = this.writing.then(async () => {
      this.scheduled = false;
      const pending = this.pending;
      const changes = this.rolledChanges;
      this.pending = new Map();
      this.rolledChanges = new Map();
      try {
        await mkdir(dirname(file), { recursive: true });
        await withLock(`${file}.lock`, () => {
          const read = readShape(file);
          const data: FileShape = read.kind === "ok" ? read.data : { version: 1, stats: {}, rolledBack: {} };
          for (const [k, delta] of pending) data.stats[k] = add(data.stats[k] ?? empty(), delta);
          for (const [k, change] of changes) {
            if (change === null) delete data.rolledBack[k];
            else data.rolledBack[k] = change;
          }
          const temp = `${file}.${process.pid}.tmp`;
          writeFileSync(temp, JSON.stringify(data, null, 1));
          renameSync(temp, file);
          this.adopt(data);
        }, { timeoutMs: 5_000 });
      } catch {
        // Outcomes are advisory: a failed write must never fail a request. Keep the counts
        // for the next attempt.
        for (const [k, delta] of pending) this.pending.set(k, add(delta, this.pending.get(k)));
        for (const [k, change] of changes) if (!this.rolledChanges.has(k)) this.rolledChanges.set(k, change);
      }
    });
  }
}

function add(a: VersionStats, b: Partial<VersionStats> | undefined): VersionStats {
  const n = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
  return {
    requests: n(a.requests) + n(b?.requests),
    errors: n(a.errors) + n(b?.errors),
    truncations: n(a.truncations) + n(b?.truncations),
    positive: n(a.positive) + n(b?.positive),
    negative: n(a.negative) + n(b?.negative),
  };
}

type ReadResult = { kind: "ok"; data: FileShape } | { kind: "missing" } | { kind: "corrupt"; reason: string };

function readShape(file: string): ReadResult {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return { kind: "missing" };
  }
  try {
    const data = JSON.parse(text) as Partial<FileShape>;
    if (data === null || typeof data !== "object" || typeof data.stats !== "object" || data.stats === null) throw new Error("not an outcomes file");
    return { kind: "ok", data: { version: 1, stats: { ...data.stats }, rolledBack: { ...(data.rolledBack ?? {}) } } };
  } catch (err) {
    return { kind: "corrupt", reason: (err as Error).message };
  }
}
