/**
 * The ledger's state, rebuilt in memory from the journal: every request's reservation and
 * settlement, the outstanding reservations, settled totals per local day and month, and the
 * alerts already sent per period.
 */
import type { Periods } from "./periods";
import type { LedgerRecord, SettleRecord } from "./records";

export type RequestEntry = {
  id: string;
  status: "reserved" | "settled" | "released";
  reservedAt: number;
  reservedUsd: number;
  pid: number;
  inst: string;
  model: string;
  releaseReason?: string;
  settled?: SettleRecord;
};

export class LedgerState {
  readonly entries = new Map<string, RequestEntry>();
  readonly outstanding = new Map<string, RequestEntry>();
  /** Settled records in journal order (settle time ascending within one writer). */
  readonly settled: SettleRecord[] = [];
  readonly alerts = new Set<string>();
  private readonly byDay = new Map<string, number>();
  /** Settled records by UTC minute of their settle time, so a recent window is not a scan. */
  private readonly byMinute = new Map<number, SettleRecord[]>();
  private readonly byMonth = new Map<string, number>();

  constructor(readonly periods: Periods) {}

  apply(record: LedgerRecord): void {
    switch (record.op) {
      case "reserve": {
        const existing = this.entries.get(record.id);
        if (existing?.status === "settled") return;
        const entry: RequestEntry = {
          id: record.id, status: "reserved", reservedAt: record.ts, reservedUsd: record.usd,
          pid: record.pid, inst: record.inst, model: record.model,
        };
        this.entries.set(record.id, entry);
        this.outstanding.set(record.id, entry);
        return;
      }
      case "settle": {
        const existing = this.entries.get(record.id);
        if (existing?.status === "settled") return;
        const entry: RequestEntry = existing ?? {
          id: record.id, status: "settled", reservedAt: record.ts, reservedUsd: 0, pid: 0, inst: "", model: record.model,
        };
        entry.status = "settled";
        entry.settled = record;
        this.entries.set(record.id, entry);
        this.outstanding.delete(record.id);
        this.settled.push(record);
        const minute = Math.floor(record.ts / MINUTE);
        const bucket = this.byMinute.get(minute);
        if (bucket) bucket.push(record);
        else this.byMinute.set(minute, [record]);
        add(this.byDay, this.periods.dayKey(record.ts), record.usd);
        add(this.byMonth, this.periods.monthKey(record.ts), record.usd);
        return;
      }
      case "release": {
        const existing = this.entries.get(record.id);
        if (!existing || existing.status !== "reserved") return;
        existing.status = "released";
        existing.releaseReason = record.reason;
        this.outstanding.delete(record.id);
        return;
      }
      case "alert":
        this.alerts.add(alertKey(record.period, record.key, record.pct));
        return;
    }
  }

  /** Settled spend in the local day of `ts`. */
  daySpent(ts: number): number {
    return this.byDay.get(this.periods.dayKey(ts)) ?? 0;
  }

  monthSpent(ts: number): number {
    return this.byMonth.get(this.periods.monthKey(ts)) ?? 0;
  }

  /** The sum of outstanding reservations; they count against both the day and the month. */
  reservedTotal(): number {
    let total = 0;
    for (const entry of this.outstanding.values()) total += entry.reservedUsd;
    return total;
  }

  /** Settled spend with a settle time in [from, to). */
  spentBetween(from: number, to: number): number {
    let total = 0;
    const first = Math.floor(from / MINUTE);
    const last = Math.floor((to - 1) / MINUTE);
    if (last - first + 1 > this.settled.length) {
      // A window longer than the journal has records: a scan is cheaper.
      for (const r of this.settled) if (r.ts >= from && r.ts < to) total += r.usd;
      return total;
    }
    // The minutes in the window (an hour is 61 look-ups, however long the journal).
    for (let minute = first; minute <= last; minute++) {
      const bucket = this.byMinute.get(minute);
      if (bucket) for (const r of bucket) if (r.ts >= from && r.ts < to) total += r.usd;
    }
    return total;
  }
}

const MINUTE = 60_000;

export function alertKey(period: "day" | "month", key: string, pct: number): string {
  return `${period}:${key}:${pct}`;
}

function add(map: Map<string, number>, key: string, usd: number): void {
  map.set(key, (map.get(key) ?? 0) + usd);
}
