/**
 * The ledger journal's records: one JSON object per line, appended and fsync'd under the lock.
 * Amounts are USD; times are UTC milliseconds. A line that does not parse (a write cut short by
 * kill -9) is skipped.
 */
import type { Usage } from "../../../shared/src/events";

export type ReserveRecord = {
  op: "reserve";
  id: string;
  ts: number;
  /** The reserving process and its instance token, for reconciling after a crash. */
  pid: number;
  inst: string;
  usd: number;
  model: string;
};

export type SettleRecord = {
  op: "settle";
  id: string;
  ts: number;
  usd: number;
  model: string;
  usage?: Usage;
  latencyMs?: number;
  ttftMs?: number | null;
  templateId?: string;
  templateVersion?: string;
  cache?: "hit" | "miss" | "skip";
  /** What a cache hit saved: the cost the provider call would have had. */
  savedUsd?: number;
  /** The model's price is unknown; `usd` is the reservation's estimate (or 0). */
  priceUnknown?: boolean;
};

export type ReleaseRecord = { op: "release"; id: string; ts: number; reason: string };

export type AlertRecord = { op: "alert"; ts: number; period: "day" | "month"; key: string; pct: number };

export type LedgerRecord = ReserveRecord | SettleRecord | ReleaseRecord | AlertRecord;

const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const str = (v: unknown): v is string => typeof v === "string";

/** Parses one journal line; null when it is not a well-formed record. */
export function parseRecord(line: string): LedgerRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const r = value as Record<string, unknown>;
  if (!finite(r.ts)) return null;
  switch (r.op) {
    case "reserve":
      return str(r.id) && finite(r.pid) && str(r.inst) && finite(r.usd) && str(r.model) ? (r as ReserveRecord) : null;
    case "settle":
      return str(r.id) && finite(r.usd) && str(r.model) ? (r as SettleRecord) : null;
    case "release":
      return str(r.id) && str(r.reason) ? (r as ReleaseRecord) : null;
    case "alert":
      return (r.period === "day" || r.period === "month") && str(r.key) && finite(r.pct) ? (r as AlertRecord) : null;
    default:
      return null;
  }
}
