/**
 * One workspace's spend ledger, shared by every process on the machine that works on that
 * workspace (VS Code windows, CLI runs). Each operation takes the file lock, catches up with the
 * journal, decides, appends its records and releases the lock; settlements and alerts are then
 * fsync'd in the background as a group commit (`flush()` waits for that). Queries read the
 * journal without the lock. See docs/budgets.md.
 */
import { randomBytes } from "node:crypto";
import { statSync } from "node:fs";
import { join } from "node:path";
import { newAlerts, type BudgetAlert } from "./alerts";
import { defaultBudgetPath, readBudgetFiles, type ResolvedBudget } from "./config";
import { formatUsd } from "./format";
import { Journal } from "./journal";
import { storeHome, workspaceStoreDir } from "./location";
import { pidAlive, removeLeftovers, withLock, withLockSync } from "./lock";
import { makePeriods, type Periods } from "./periods";
import { decide, type Candidate, type Decision, type Refusal } from "./policy";
import type { LedgerRecord, SettleRecord } from "./records";
import { LedgerState } from "./state";

export type LedgerOptions = {
  /** The workspace folder whose spend this is (used for messages and the budget file). */
  workspaceDir: string;
  /** Store home; `PREFLIGHT_HOME` or the platform's user data dir by default. */
  home?: string;
  /** This workspace's store folder; `<home>/workspaces/<hash>/` by default. */
  storeDir?: string;
  now?: () => number;
  /** IANA zone for day and month boundaries; the process's local zone by default. */
  timeZone?: string;
  pid?: number;
  isAlive?: (pid: number) => boolean;
  lockTimeoutMs?: number;
};

export type ReserveOutcome =
  | (Extract<Decision, { ok: true }> & { alreadySettled: boolean })
  | { ok: false; refusal: Refusal; message: string };

export type SettleInput = Omit<SettleRecord, "op" | "id" | "ts"> & { requestId: string };

export type SettleOutcome = { alreadySettled: boolean; alerts: BudgetAlert[] };

export class Ledger {
  readonly dir: string;
  readonly home: string;
  readonly workspaceDir: string;
  readonly periods: Periods;
  readonly now: () => number;
  private readonly journal: Journal;
  private state: LedgerState;
  private readonly lockPath: string;
  private readonly budgetFile: string;
  private readonly defaultFile: string;
  private readonly pid: number;
  private readonly inst = randomBytes(8).toString("hex");
  private readonly isAlive: (pid: number) => boolean;
  private readonly lockTimeoutMs: number;
  /** The first error of a background fsync since the last `flush()`. */
  private syncError: unknown;
  /** Settlements waiting to be written (see settle()). */
  private readonly queue: PendingSettle[] = [];
  private writeScheduled = false;
  private budgetCache: { key: string; value: ResolvedBudget } | undefined;
  private closed = false;

  private constructor(options: LedgerOptions) {
    this.workspaceDir = options.workspaceDir;
    this.home = options.home ?? storeHome();
    this.dir = options.storeDir ?? workspaceStoreDir(this.home, options.workspaceDir);
    this.now = options.now ?? Date.now;
    this.periods = makePeriods(options.timeZone);
    this.pid = options.pid ?? process.pid;
    this.isAlive = options.isAlive ?? pidAlive;
    this.lockTimeoutMs = options.lockTimeoutMs ?? 30_000;
    this.journal = new Journal(join(this.dir, "ledger.jsonl"));
    this.lockPath = join(this.dir, "ledger.lock");
    this.budgetFile = join(this.dir, "budget.json");
    this.defaultFile = defaultBudgetPath(this.home);
    this.state = new LedgerState(this.periods);
  }

  /** Opens the ledger and releases reservations left by processes that died. */
  static async open(options: LedgerOptions): Promise<Ledger> {
    const ledger = new Ledger(options);
    removeLeftovers(ledger.lockPath, ledger.isAlive);
    await ledger.reconcile();
    return ledger;
  }

  /**
   * The budget that applies now. Both files are checked on every call, so `preflight budget
   * set` takes effect at once, but they are only re-read and re-parsed when one of them changed
   * (budget files are replaced by rename, so a change is a new inode, ctime or size).
   */
  budget(): ResolvedBudget {
    const key = `${fileStamp(this.budgetFile)}|${fileStamp(this.defaultFile)}`;
    if (this.budgetCache?.key !== key) this.budgetCache = { key, value: readBudgetFiles(this.budgetFile, this.defaultFile) };
    const { config, source } = this.budgetCache.value;
    return { config: { ...config }, source };
  }

  /** Catches up with records other processes appended; returns the state for queries. */
  view(): LedgerState {
    for (const record of this.journal.readNew()) this.state.apply(record);
    return this.state;
  }

  /**
   * Runs `fn` under the lock on a caught-up state and appends what it returns, together with
   * the settlements queued since the last write (group commit: one lock, one write). The
   * records are in the page cache when this resolves (they survive kill -9); settlements and
   * alerts are then fsync'd off the event loop and outside the lock, one fsync for every
   * append made meanwhile.
   */
  private async transact<T>(fn: (state: LedgerState) => { records: LedgerRecord[]; value: T }): Promise<T> {
    const done = await withLock(this.lockPath, () => this.critical(fn), { pid: this.pid, isAlive: this.isAlive, timeoutMs: this.lockTimeoutMs });
    return this.finish(done);
  }

  /** The critical section: catch up, write queued settlements, decide, append. */
  private critical<T>(fn: (state: LedgerState) => { records: LedgerRecord[]; value: T }): Written<T> {
    const state = this.view();
    const batch = this.queue.splice(0);
    const records: LedgerRecord[] = [];
    const outcomes: SettleOutcome[] = [];
    try {
      // Settlements are applied as they are decided, so each one (and `fn`) sees the ones
      // before it: idempotency, and alerts counted once.
      const config = batch.length > 0 ? this.budget().config : undefined;
      for (const pending of batch) {
        const decided = this.settleRecords(state, pending.record, config!);
        for (const record of decided.records) state.apply(record);
        records.push(...decided.records);
        outcomes.push(decided.value);
      }
      const own = fn(state);
      this.journal.append([...records, ...own.records]);
      for (const record of own.records) state.apply(record);
      records.push(...own.records);
      return { value: own.value, batch, outcomes, durable: records.some((r) => r.op === "settle" || r.op === "alert") };
    } catch (err) {
      // Nothing was written (or the write failed): requeue the settlements and rebuild the
      // state from the journal, since some of them were applied to it already.
      this.queue.unshift(...batch);
      if (batch.length > 0) this.rebuild();
      throw err;
    }
  }

  private finish<T>(done: Written<T>): T {
    done.batch.forEach((pending, i) => pending.resolve(done.outcomes[i]!));
    if (this.queue.length === 0) withQueued.delete(this);
    // Settled spend and sent alerts must survive a power loss; reservations and releases need
    // not (a reservation lost with the machine is one whose process died: released on start).
    if (done.durable) this.journal.sync().catch((err: unknown) => (this.syncError ??= err));
    return done.value;
  }

  private rebuild(): void {
    this.state = new LedgerState(this.periods);
    this.journal.rewind();
  }

  /** Writes the queued settlements now (under the lock), from the event loop's check phase. */
  private scheduleWrite(): void {
    if (this.writeScheduled || this.closed) return;
    this.writeScheduled = true;
    setImmediate(() => {
      this.writeScheduled = false;
      if (this.queue.length === 0 || this.closed) return;
      this.transact(() => ({ records: [], value: undefined })).catch((err: unknown) => {
        // The settlements stay queued for the next write (a reservation, a later settle, close
        // or exit); their callers hear about the failure now.
        for (const pending of this.queue) pending.reject(err);
      });
    });
  }

  /**
   * Resolves when every settlement queued so far is written and everything written is on disk
   * (fsync'd); rejects with the error if a write or a background fsync failed.
   */
  async flush(): Promise<void> {
    if (this.queue.length > 0) await this.transact(() => ({ records: [], value: undefined }));
    await this.journal.sync().catch((err: unknown) => (this.syncError ??= err));
    const err = this.syncError;
    this.syncError = undefined;
    if (err !== undefined) throw err;
  }

  /** Writes the queued settlements and fsyncs, blocking (for close and process exit). */
  flushNow(): void {
    if (this.closed) return;
    if (this.queue.length > 0) {
      const done = withLockSync(this.lockPath, () => this.critical(() => ({ records: [], value: undefined })), { pid: this.pid, isAlive: this.isAlive, timeoutMs: Math.min(this.lockTimeoutMs, 5_000) });
      this.finish(done);
    }
    this.journal.syncNow();
  }

  private staleReleases(state: LedgerState, now: number): LedgerRecord[] {
    const records: LedgerRecord[] = [];
    const alive = new Map<number, boolean>();
    for (const entry of state.outstanding.values()) {
      let live: boolean;
      if (entry.pid === this.pid) live = entry.inst === this.inst;
      else {
        live = alive.get(entry.pid) ?? this.isAlive(entry.pid);
        alive.set(entry.pid, live);
      }
      if (!live) records.push({ op: "release", id: entry.id, ts: now, reason: `stale: process ${entry.pid} ended without settling` });
    }
    return records;
  }

  /** Releases every reservation whose process is gone. Returns how many were released. */
  async reconcile(): Promise<number> {
    return this.transact((state) => {
      const records = this.staleReleases(state, this.now());
      return { records, value: records.length };
    });
  }

  /**
   * Reserves a request's maximum cost against the daily and monthly budgets, atomically across
   * processes. `candidates` is the model chain in order with each model's maximum cost (null
   * when its price is unknown). A request id that is already settled is not reserved again.
   */
  async reserve(requestId: string, candidates: readonly Candidate[]): Promise<ReserveOutcome> {
    if (candidates.length === 0) throw new Error("reserve needs at least one model.");
    const { config } = this.budget();
    return this.transact<ReserveOutcome>((state) => {
      const now = this.now();
      const existing = state.entries.get(requestId);
      if (existing && existing.status !== "released") {
        const order = candidates.map((_, i) => i);
        return { records: [], value: { ok: true, action: "reserved", order, reservedUsd: existing.reservedUsd, emergency: false, notes: [], alreadySettled: existing.status === "settled" } };
      }
      const records = this.staleReleases(state, now);
      for (const record of records) state.apply(record);
      const totals = { daySpent: state.daySpent(now), monthSpent: state.monthSpent(now), reserved: state.reservedTotal() };
      const rate = { now, endOfDay: this.periods.endOfDay(now), lastHourUsd: state.spentBetween(now - 3_600_000, now + 1) };
      const decision = decide(candidates, totals, config, rate);
      if (!decision.ok) return { records, value: { ok: false, refusal: decision.refusal, message: this.refusalMessage(decision.refusal) } };
      const model = candidates[decision.order[0]!]!.model;
      records.push({ op: "reserve", id: requestId, ts: now, pid: this.pid, inst: this.inst, usd: decision.reservedUsd, model });
      return { records, value: { ...decision, alreadySettled: false } };
    });
  }

  /**
   * Records what a request really cost and frees its reservation. Idempotent per request id:
   * a second settle (a retry, a duplicate call) changes nothing.
   *
   * The settlement is queued and written just after the caller's current work (the answer
   * being delivered), under one lock with every other settlement queued meanwhile, or earlier
   * with the next reservation; until then the reservation (at least the real cost) still
   * counts. The promise resolves once it is written (it survives kill -9 from then on); it is
   * fsync'd in the background after that, which `flush()` waits for.
   */
  settle(input: SettleInput): Promise<SettleOutcome> {
    const { requestId, ...rest } = input;
    const record: SettleRecord = { op: "settle", id: requestId, ts: this.now(), ...rest, usd: Math.max(0, input.usd) };
    return new Promise<SettleOutcome>((resolve, reject) => {
      if (this.closed) return reject(new Error("The spend ledger is closed."));
      this.queue.push({ record, resolve, reject });
      watchExit(this);
      this.scheduleWrite();
    });
  }

  /** The records of one settlement against `state` (nothing when it is settled already). */
  private settleRecords(state: LedgerState, record: SettleRecord, config: ResolvedBudget["config"]): { records: LedgerRecord[]; value: SettleOutcome } {
    if (state.entries.get(record.id)?.status === "settled") return { records: [], value: { alreadySettled: true, alerts: [] } };
    const now = record.ts;
    const alerts = newAlerts({
      now, config, periods: this.periods, sent: state.alerts,
      daySpent: state.daySpent(now) + record.usd, monthSpent: state.monthSpent(now) + record.usd,
    });
    return { records: [record, ...alerts.records], value: { alreadySettled: false, alerts: alerts.alerts } };
  }

  /** Frees a reservation that will not be settled (the request failed or was cancelled). */
  async release(requestId: string, reason: string): Promise<boolean> {
    return this.transact((state) => {
      if (state.entries.get(requestId)?.status !== "reserved") return { records: [], value: false };
      return { records: [{ op: "release", id: requestId, ts: this.now(), reason }], value: true };
    });
  }

  private refusalMessage(r: Refusal): string {
    const name = r.budget === "daily" ? "daily" : "monthly";
    const when = r.budget === "daily" ? "today" : "this month";
    const flag = r.budget === "daily" ? "--daily-usd" : "--monthly-usd";
    const inFlight = r.reservedUsd > 0 ? ` plus ${formatUsd(r.reservedUsd)} reserved by requests in flight` : "";
    return (
      `This workspace's ${name} budget would be exceeded: ${formatUsd(r.spentUsd)} of ${formatUsd(r.limitUsd)} spent ${when}${inFlight}, ` +
      (r.estimateUsd > 0 ? `and this request may cost up to ${formatUsd(r.estimateUsd)}. ` : "and the price of this model is unknown, so nothing more is sent. ") +
      `Raise it with "Preflight: Set Workspace Budget" or ` +
      `preflight budget set --workspace ${JSON.stringify(this.workspaceDir)} ${flag} <USD>.`
    );
  }

  /** Writes what is queued, fsyncs and closes the journal. */
  close(): void {
    if (this.closed) return;
    try {
      this.flushNow();
    } finally {
      this.closed = true;
      withQueued.delete(this);
      for (const pending of this.queue.splice(0)) pending.reject(new Error("The spend ledger was closed before this settlement could be written."));
      this.journal.close();
    }
  }
}

/** What identifies one version of a file: inode, size and change time ("-" when missing). */
function fileStamp(path: string): string {
  const st = statSync(path, { throwIfNoEntry: false, bigint: true });
  return st === undefined ? "-" : `${st.ino}:${st.size}:${st.ctimeNs}:${st.mtimeNs}`;
}

type PendingSettle = { record: SettleRecord; resolve(outcome: SettleOutcome): void; reject(err: unknown): void };

type Written<T> = { value: T; batch: PendingSettle[]; outcomes: SettleOutcome[]; durable: boolean };

/** Ledgers with settlements not yet written, written synchronously if the process exits first. */
const withQueued = new Set<Ledger>();
let exitHooked = false;

function watchExit(ledger: Ledger): void {
  withQueued.add(ledger);
  if (exitHooked) return;
  exitHooked = true;
  process.on("exit", () => {
    for (const l of [...withQueued]) {
      try {
        l.flushNow();
      } catch {
        // Exiting: nothing more can be done; the reservation is released as stale on the next start.
      }
    }
  });
}
