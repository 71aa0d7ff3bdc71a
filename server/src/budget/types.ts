/**
 * The shapes the ledger's queries return: for the spend dashboard (through the client to the
 * webview), the status bar and `preflight spend`. Types only, so the webview bundle can import
 * them. Money is USD, times are UTC milliseconds, days are local `YYYY-MM-DD`.
 */
export type OnExceedMode = "block" | "warn" | "downgrade";

export type SpendTotals = { costUsd: number; requests: number };

export type BudgetView = {
  dailyUsd: number | null;
  monthlyUsd: number | null;
  onExceed: OnExceedMode;
  emergency: boolean;
  /** Where it came from: the workspace's own budget, the user default, or the built-in one. */
  source: "workspace" | "default" | "builtin";
};

export type ModelSpend = { model: string; costUsd: number; requests: number; inputTokens: number; outputTokens: number };

export type TemplateSpend = { templateId: string; templateVersion: string; costUsd: number; requests: number };

export type DaySpend = {
  day: string;
  costUsd: number;
  requests: number;
  cacheHits: number;
  savedUsd: number;
  p50Ms: number | null;
  p95Ms: number | null;
};

export type RequestRow = {
  id: string;
  /** Settle (or reservation) time. */
  ts: number;
  day: string;
  model: string;
  status: "reserved" | "settled" | "released";
  costUsd: number;
  reservedUsd: number;
  cache: "hit" | "miss" | "skip" | null;
  templateId: string;
  templateVersion: string;
  latencyMs: number | null;
  ttftMs: number | null;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  savedUsd: number;
  priceUnknown: boolean;
  releaseReason: string | null;
};

export type RequestFilter = {
  model?: string;
  templateId?: string;
  cache?: "hit" | "miss" | "skip";
  status?: RequestRow["status"];
  /** UTC milliseconds, inclusive. */
  since?: number;
  /** UTC milliseconds, exclusive. */
  until?: number;
  minCostUsd?: number;
  /** Newest first; at most this many rows (default 500). */
  limit?: number;
};

export type DashboardData = {
  generatedAt: number;
  timeZone: string;
  today: SpendTotals & { day: string };
  month: SpendTotals & { month: string };
  /** Outstanding reservations of requests in flight. */
  reservedUsd: number;
  budget: BudgetView;
  /** The last 30 local days, oldest first, including days without spend. */
  days: DaySpend[];
  byModel: ModelSpend[];
  byTemplate: TemplateSpend[];
  cache: { hits: number; savedUsd: number };
  requests: RequestRow[];
  /** How many requests matched before the row limit. */
  requestsTotal: number;
};

export type SpendSummary = {
  today: SpendTotals;
  month: SpendTotals;
  budget: BudgetView;
  byModel: ModelSpend[];
  /** Present with `--since`: totals from that local day on. */
  since?: SpendTotals & { from: string };
};

export type StatusBarData = {
  /** `$0.42 / $5.00 · p95 1.8 s` */
  text: string;
  /** Several lines: today, month, in flight, cache savings, latency. */
  tooltip: string;
  /** `warning` from 80 % of the daily or monthly budget, `error` from 100 %. */
  level: "normal" | "warning" | "error";
  todayUsd: number;
  dailyUsd: number | null;
  p95Ms: number | null;
};
