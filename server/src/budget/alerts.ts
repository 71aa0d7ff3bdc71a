/**
 * Budget alerts at 50 %, 80 % and 100 % of the daily and monthly budgets, once each per local
 * period. The ledger records every threshold crossed (so other processes do not repeat it) and
 * hands back the highest new one per period for the UI to show as a notification.
 */
import type { BudgetConfig } from "./config";
import { formatUsd } from "./format";
import type { Periods } from "./periods";
import type { AlertRecord } from "./records";
import { alertKey } from "./state";

export const ALERT_THRESHOLDS = [50, 80, 100] as const;

export type BudgetAlert = {
  period: "day" | "month";
  /** The local day (`YYYY-MM-DD`) or month (`YYYY-MM`). */
  key: string;
  threshold: number;
  spentUsd: number;
  limitUsd: number;
  message: string;
};

export type AlertInput = { now: number; daySpent: number; monthSpent: number; config: BudgetConfig; periods: Periods; sent: ReadonlySet<string> };

/** New alert records to append, and the alerts to show. */
export function newAlerts(input: AlertInput): { records: AlertRecord[]; alerts: BudgetAlert[] } {
  const records: AlertRecord[] = [];
  const alerts: BudgetAlert[] = [];
  const periods: ["day" | "month", string, number | null, number][] = [
    ["day", input.periods.dayKey(input.now), input.config.dailyUsd, input.daySpent],
    ["month", input.periods.monthKey(input.now), input.config.monthlyUsd, input.monthSpent],
  ];
  for (const [period, key, limitUsd, spentUsd] of periods) {
    if (limitUsd === null || limitUsd <= 0) continue;
    const pct = (spentUsd / limitUsd) * 100;
    let highest: number | null = null;
    for (const threshold of ALERT_THRESHOLDS) {
      if (pct + 1e-9 < threshold || input.sent.has(alertKey(period, key, threshold))) continue;
      records.push({ op: "alert", ts: input.now, period, key, pct: threshold });
      highest = threshold;
    }
    if (highest !== null) {
      const name = period === "day" ? "daily" : "monthly";
      alerts.push({
        period, key, threshold: highest, spentUsd, limitUsd,
        message: `${highest}% of this workspace's ${name} budget is used (${formatUsd(spentUsd)} of ${formatUsd(limitUsd)}).` +
          (highest >= 100 ? " Raise it with \"Preflight: Set Workspace Budget\" or preflight budget set." : ""),
      });
    }
  }
  return { records, alerts };
}
