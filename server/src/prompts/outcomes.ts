/**
 * Outcomes per template version (requests, errors, truncations, thumbs up/down) kept in a JSON
 * file in the workspace store dir, and the automatic rollback rule: a version is rolled back
 * when its bad rate (errors + truncations + thumbs down, per request) exceeds the previous
 * version's by more than `margin`, once both have at least `minSamples` requests.
 * Writes go through a temp file and a rename, batched, so a crash never leaves half a file.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

export type Outcome = "ok" | "error" | "truncated" | "positive" | "negative";

export type VersionStats = { requests: number; errors: number; truncations: number; positive: number; negative: number };

export type RollbackPolicy = { margin: number; minSamples: number };
export const DEFAULT_ROLLBACK_POLICY: RollbackPolicy = { margin: 0.1, minSamples: 30 };

export type RollbackRecord = { at: string; to: string; rate: number; baselineRate: number; samples: number };

type FileShape = { version: 1; stats: Record<string, VersionStats>; rolledBack: Record<string, RollbackRecord> };

export const OUTCOMES_FILE = "prompt-outcomes.json";

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

export class OutcomeStore {
  private stats = new Map<string, VersionStats>();
  private rolled = new Map<string, RollbackRecord>();
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  /** `dir` is the workspace store dir; undefined keeps outcomes in memory only. */
  constructor(private readonly dir: string | undefined) {}

  /** Loads the file; a missing file is an empty store, a corrupt one is set aside and reported. */
  async load(): Promise<string | undefined> {
    if (!this.dir) return undefined;
    const file = join(this.dir, OUTCOMES_FILE);
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch {
      return undefined;
    }
    try {
      const data = JSON.parse(text) as FileShape;
      this.stats = new Map(Object.entries(data.stats ?? {}).map(([k, v]) => [k, { ...empty(), ...v }]));
      this.rolled = new Map(Object.entries(data.rolledBack ?? {}));
      return undefined;
    } catch (err) {
      const aside = `${file}.corrupt-${Date.now()}`;
      await rename(file, aside).catch(() => undefined);
      return `Template outcomes file ${file} was unreadable (${(err as Error).message}); moved it to ${aside} and started fresh.`;
    }
  }

  get(id: string, version: string): VersionStats {
    return { ...(this.stats.get(key(id, version)) ?? empty()) };
  }

  rolledBack(id: string, version: string): RollbackRecord | undefined {
    return this.rolled.get(key(id, version));
  }

  record(id: string, version: string, outcome: Outcome): void {
    const stats = this.stats.get(key(id, version)) ?? empty();
    if (outcome === "ok" || outcome === "error" || outcome === "truncated") stats.requests += 1;
    if (outcome === "error") stats.errors += 1;
    if (outcome === "truncated") stats.truncations += 1;
    if (outcome === "positive") stats.positive += 1;
    if (outcome === "negative") stats.negative += 1;
    this.stats.set(key(id, version), stats);
    this.schedule();
  }

  markRolledBack(id: string, version: string, record: RollbackRecord): void {
    this.rolled.set(key(id, version), record);
    this.schedule();
  }

  /** Clears a rollback (after the author publishes a fixed file or on request). */
  clearRollback(id: string, version: string): void {
    if (this.rolled.delete(key(id, version))) this.schedule();
  }

  /** Resolves when everything recorded so far is on disk. */
  flush(): Promise<void> {
    return this.writing;
  }

  private schedule(): void {
    if (!this.dir || this.dirty) return;
    this.dirty = true;
    const dir = this.dir;
    this.writing = this.writing.then(async () => {
      this.dirty = false;
      const data: FileShape = { version: 1, stats: Object.fromEntries(this.stats), rolledBack: Object.fromEntries(this.rolled) };
      const file = join(dir, OUTCOMES_FILE);
      const temp = `${file}.${process.pid}.tmp`;
      try {
        await mkdir(dir, { recursive: true });
        await writeFile(temp, JSON.stringify(data, null, 1));
        await rename(temp, file);
      } catch {
        // Outcomes are advisory: a failed write must never fail a request; the next one retries.
      }
    });
  }
}
