/**
 * Read-side aggregations over the ledger's in-memory state, for the dashboard, the status bar
 * and `preflight spend`. They never take the lock: they catch up with the journal and count.
 */
import type { ResolvedBudget } from "./config";
import { formatLatency, formatUsd } from "./format";
import type { Ledger } from "./ledger";
import { lastDays } from "./periods";
import type { SettleRecord } from "./records";
import type { RequestEntry } from "./state";
import type { BudgetView, DashboardData, DaySpend, ModelSpend, RequestFilter, RequestRow, SpendSummary, StatusBarData, TemplateSpend } from "./types";

/** Nearest-rank percentile of `values` (sorted in place); null when empty. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * values.length));
  return values[rank - 1]!;
}

export function budgetView(resolved: ResolvedBudget): BudgetView {
  return { ...resolved.config, source: resolved.source };
}

function rowOf(entry: RequestEntry, ledger: Ledger): RequestRow {
  const s = entry.settled;
  const ts = s?.ts ?? entry.reservedAt;
  return {
    id: entry.id, ts, day: ledger.periods.dayKey(ts), model: s?.model ?? entry.model, status: entry.status,
    costUsd: s?.usd ?? 0, reservedUsd: entry.reservedUsd, cache: s?.cache ?? null,
    templateId: s?.templateId ?? "", templateVersion: s?.templateVersion ?? "",
    latencyMs: s?.latencyMs ?? null, ttftMs: s?.ttftMs ?? null,
    inputTokens: s?.usage?.inputTokens ?? 0, cachedInputTokens: s?.usage?.cachedInputTokens ?? 0,
    outputTokens: s?.usage?.outputTokens ?? 0, reasoningTokens: s?.usage?.reasoningTokens ?? 0,
    savedUsd: s?.savedUsd ?? 0, priceUnknown: s?.priceUnknown === true, releaseReason: entry.releaseReason ?? null,
  };
}

/** Requests matching `filter`, newest first, and how many matched in all. */
export function listRequests(ledger: Ledger, filter: RequestFilter = {}): { rows: RequestRow[]; total: number } {
  const matches: RequestRow[] = [];
  for (const entry of ledger.view().entries.values()) {
    const row = rowOf(entry, ledger);
    if (filter.model !== undefined && row.model !== filter.model) continue;
    if (filter.templateId !== undefined && row.templateId !== filter.templateId) continue;
    if (filter.cache !== undefined && row.cache !== filter.cache) continue;
    if (filter.status !== undefined && row.status !== filter.status) continue;
    if (filter.since !== undefined && row.ts < filter.since) continue;
    if (filter.until !== undefined && row.ts >= filter.until) continue;
    if (filter.minCostUsd !== undefined && row.costUsd < filter.minCostUsd) continue;
    matches.push(row);
  }
  matches.sort((a, b) => b.ts - a.ts);
  return { rows: matches.slice(0, filter.limit ?? 500), total: matches.length };
}

type Group<K> = { key: K; costUsd: number; requests: number; inputTokens: number; outputTokens: number };

function groupBy<K>(records: readonly SettleRecord[], keyOf: (r: SettleRecord) => string, keyValue: (r: SettleRecord) => K): Group<K>[] {
  const groups = new Map<string, Group<K>>();
  for (const r of records) {
    const id = keyOf(r);
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { key: keyValue(r), costUsd: 0, requests: 0, inputTokens: 0, outputTokens: 0 }));
    g.costUsd += r.usd;
    g.requests += 1;
    g.inputTokens += r.usage?.inputTokens ?? 0;
    g.outputTokens += r.usage?.outputTokens ?? 0;
  }
  return [...groups.values()].sort((a, b) => b.costUsd - a.costUsd);
}

function byModel(records: readonly SettleRecord[]): ModelSpend[] {
  return groupBy(records, (r) => r.model, (r) => r.model).map((g) => ({ model: g.key, costUsd: g.costUsd, requests: g.requests, inputTokens: g.inputTokens, outputTokens: g.outputTokens }));
}

function byTemplate(records: readonly SettleRecord[]): TemplateSpend[] {
  return groupBy(records, (r) => `${r.templateId ?? ""}@${r.templateVersion ?? ""}`, (r) => [r.templateId ?? "", r.templateVersion ?? ""] as const).map((g) => ({
    templateId: g.key[0], templateVersion: g.key[1], costUsd: g.costUsd, requests: g.requests,
  }));
}

function totals(records: readonly SettleRecord[]): { costUsd: number; requests: number } {
  return { costUsd: records.reduce((sum, r) => sum + r.usd, 0), requests: records.length };
}

/** Per-day spend, cache savings and latency percentiles for the last `count` local days. */
export function perDay(ledger: Ledger, records: readonly SettleRecord[], now: number, count = 30): DaySpend[] {
  const keys = lastDays(ledger.periods, now, count);
  const wanted = new Set(keys);
  const byDay = new Map<string, { r: SettleRecord[] }>();
  for (const r of records) {
    const day = ledger.periods.dayKey(r.ts);
    if (!wanted.has(day)) continue;
    let bucket = byDay.get(day);
    if (!bucket) byDay.set(day, (bucket = { r: [] }));
    bucket.r.push(r);
  }
  return keys.map((day) => {
    const rs = byDay.get(day)?.r ?? [];
    const latencies = rs.flatMap((r) => (typeof r.latencyMs === "number" ? [r.latencyMs] : []));
    return {
      day, ...totals(rs),
      cacheHits: rs.filter((r) => r.cache === "hit").length,
      savedUsd: rs.reduce((sum, r) => sum + (r.savedUsd ?? 0), 0),
      p50Ms: percentile([...latencies], 50), p95Ms: percentile(latencies, 95),
    };
  });
}

/** Everything the spend dashboard shows. */
export function dashboardData(ledger: Ledger, filter: RequestFilter = {}): DashboardData {
  const state = ledger.view();
  const now = ledger.now();
  const today = ledger.periods.dayKey(now);
  const month = ledger.periods.monthKey(now);
  const days = perDay(ledger, state.settled, now, 30);
  const from = days[0]!.day;
  const recent = state.settled.filter((r) => ledger.periods.dayKey(r.ts) >= from);
  const requests = listRequests(ledger, filter);
  return {
    generatedAt: now, timeZone: ledger.periods.timeZone,
    today: { day: today, ...totals(state.settled.filter((r) => ledger.periods.dayKey(r.ts) === today)) },
    month: { month, ...totals(state.settled.filter((r) => ledger.periods.monthKey(r.ts) === month)) },
    reservedUsd: state.reservedTotal(), budget: budgetView(ledger.budget()), days,
    byModel: byModel(recent), byTemplate: byTemplate(recent),
    cache: { hits: recent.filter((r) => r.cache === "hit").length, savedUsd: recent.reduce((s, r) => s + (r.savedUsd ?? 0), 0) },
    requests: requests.rows, requestsTotal: requests.total,
  };
}

/** What `preflight spend` prints. `sinceDay` is a local `YYYY-MM-DD`; byModel covers it (or the month). */
export function spendSummary(ledger: Ledger, sinceDay?: string): SpendSummary {
  const state = ledger.view();
  const now = ledger.now();
  const today = ledger.periods.dayKey(now);
  const month = ledger.periods.monthKey(now);
  const inMonth = state.settled.filter((r) => ledger.periods.monthKey(r.ts) === month);
  const summary: SpendSummary = {
    today: totals(state.settled.filter((r) => ledger.periods.dayKey(r.ts) === today)),
    month: totals(inMonth),
    budget: budgetView(ledger.budget()),
    byModel: byModel(inMonth),
  };
  if (sinceDay !== undefined) {
    const since = state.settled.filter((r) => ledger.periods.dayKey(r.ts) >= sinceDay);
    summary.since = { from: sinceDay, ...totals(since) };
    summary.byModel = byModel(since);
  }
  return summary;
}

/** The status bar item: `$0.42 / $5.00 · p95 1.8 s`, a tooltip and a colour level. */
export function statusBar(ledger: Ledger): StatusBarData {
  const state = ledger.view();
  const now = ledger.now();
  const today = ledger.periods.dayKey(now);
  const todays = state.settled.filter((r) => ledger.periods.dayKey(r.ts) === today);
  const todayUsd = todays.reduce((s, r) => s + r.usd, 0);
  const monthUsd = state.monthSpent(now);
  const latencies = todays.flatMap((r) => (typeof r.latencyMs === "number" ? [r.latencyMs] : []));
  const p50 = percentile([...latencies], 50);
  const p95 = percentile(latencies, 95);
  const { config } = ledger.budget();
  const share = Math.max(config.dailyUsd ? todayUsd / config.dailyUsd : 0, config.monthlyUsd ? monthUsd / config.monthlyUsd : 0);
  const level = share >= 1 ? "error" : share >= 0.8 ? "warning" : "normal";
  const spend = config.dailyUsd === null ? `${formatUsd(todayUsd)} today` : `${formatUsd(todayUsd)} / ${formatUsd(config.dailyUsd)}`;
  const text = p95 === null ? spend : `${spend} · p95 ${formatLatency(p95)}`;
  const of = (limit: number | null): string => (limit === null ? " (no limit)" : ` of ${formatUsd(limit)}`);
  const saved = todays.reduce((s, r) => s + (r.savedUsd ?? 0), 0);
  const lines = [
    `Today: ${formatUsd(todayUsd)}${of(config.dailyUsd)} · ${todays.length} requests`,
    `This month: ${formatUsd(monthUsd)}${of(config.monthlyUsd)}`,
    `In flight: ${formatUsd(state.reservedTotal())} reserved`,
    `Cache saved today: ${formatUsd(saved)}`,
    p95 === null ? "Latency: no requests today" : `Latency today: p50 ${formatLatency(p50 ?? 0)} · p95 ${formatLatency(p95)}`,
    `Over budget: ${config.onExceed}. Click to open the spend dashboard.`,
  ];
  return { text, tooltip: lines.join("\n"), level, todayUsd, dailyUsd: config.dailyUsd, p95Ms: p95 };
}
