/**
 * One workspace's spend ledger, shared by every process on the machine that works on that
 * workspace (VS Code windows, CLI runs). Each operation takes the file lock, catches up with the
 * journal, decides, appends its records and releases the lock; settlements and alerts are then
 * fsync'd in the background as a group commit (`flush()` waits for that). Queries read the
 * journal without the lock. See docs/budgets.md.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { newAlerts, type BudgetAlert } from "./alerts";
import { defaultBudgetPath, readBudgetFiles, type ResolvedBudget } from "./config";
import { formatUsd } from "./format";
import { Journal } from "./journal";
import { storeHome, workspaceStoreDir } from "./location";
import { pidAlive, removeLeftovers, withLock } from "./lock";
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
  private readonly state: LedgerState;
  private readonly lockPath: string;
  private readonly budgetFile: string;
  private readonly defaultFile: string;
  private readonly pid: number;
  private readonly inst = randomBytes(8).toString("hex");
  private readonly isAlive: (pid: number) => boolean;
  private readonly lockTimeoutMs: number;
  /** The first error of a background fsync since the last `flush()`. */
  private syncError: unknown;

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

  /** The budget that applies now (re-read each time, so `preflight budget set` takes effect at once). */
  budget(): ResolvedBudget {
    return readBudgetFiles(this.budgetFile, this.defaultFile);
  }

  /** Catches up with records other processes appended; returns the state for queries. */
  view(): LedgerState {
    for (const record of this.journal.readNew()) this.state.apply(record);
    return this.state;
  }

  /**
   * Runs `fn` under the lock on a caught-up state and appends what it returns. The records are
   * in the page cache when this resolves (they survive kill -9); settlements and alerts are
   * fsync'd right after, off the event loop and outside the lock, batched with any other
   * appends made meanwhile (group commit).
   */
  private async transact<T>(fn: (state: LedgerState) => { records: LedgerRecord[]; value: T }): Promise<T> {
    let durable = false;
    const value = await withLock(
      this.lockPath,
      () => {
        const state = this.view();
        const { records, value } = fn(state);
        this.journal.append(records);
        for (const record of records) state.apply(record);
        durable = records.some((r) => r.op === "settle" || r.op === "alert");
        return value;
      },
      { pid: this.pid, isAlive: this.isAlive, timeoutMs: this.lockTimeoutMs },
    );
    // Settled spend and sent alerts must survive a power loss; reservations and releases need
    // not (a reservation lost with the machine is one whose process died: released on start).
    if (durable) this.journal.sync().catch((err: unknown) => (this.syncError ??= err));
    return value;
  }

  /**
   * Resolves when every settlement and alert recorded so far is on disk (fsync'd); rejects
   * with the error if a background fsync failed since the last call.
   */
  async flush(): Promise<void> {
    await this.journal.sync().catch((err: unknown) => (this.syncError ??= err));
    const err = this.syncError;
    this.syncError = undefined;
    if (err !== undefined) throw err;
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
   * a second settle (a retry, a duplicate call) changes nothing. The record is written when
   * this resolves and fsync'd in the background; `flush()` waits for the fsync.
   */
  async settle(input: SettleInput): Promise<SettleOutcome> {
    const { config } = this.budget();
    return this.transact<SettleOutcome>((state) => {
      if (state.entries.get(input.requestId)?.status === "settled") return { records: [], value: { alreadySettled: true, alerts: [] } };
      const now = this.now();
      const { requestId, ...rest } = input;
      const record: SettleRecord = { op: "settle", id: requestId, ts: now, ...rest, usd: Math.max(0, input.usd) };
      const alerts = newAlerts({
        now, config, periods: this.periods, sent: state.alerts,
        daySpent: state.daySpent(now) + record.usd, monthSpent: state.monthSpent(now) + record.usd,
      });
      return { records: [record, ...alerts.records], value: { alreadySettled: false, alerts: alerts.alerts } };
    });
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

  close(): void {
    this.journal.close();
  }
}
