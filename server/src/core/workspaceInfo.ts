/**
 * Read and write helpers over a workspace's stores for the editor: the status bar line, the
 * dashboard data, the budget, cache statistics. They only shape data; the stores own it.
 */
import type { BudgetStatusParams, CacheStats, SetBudgetParams } from "../../../shared/src/lsp";
import { statusBar, dashboardData } from "../budget/queries";
import { writeWorkspaceBudget } from "../budget/config";
import type { RequestFilter } from "../budget/types";
import type { Services } from "./services";

export function budgetStatus(s: Services): BudgetStatusParams {
  const data = statusBar(s.ledger);
  return { text: data.text, tooltip: data.tooltip, level: data.level };
}

export function dashboard(s: Services, filter: Record<string, unknown>): Record<string, unknown> {
  const f: RequestFilter = {};
  if (typeof filter.model === "string") f.model = filter.model;
  if (typeof filter.templateId === "string") f.templateId = filter.templateId;
  if (filter.cache === "hit" || filter.cache === "miss" || filter.cache === "skip") f.cache = filter.cache;
  if (typeof filter.since === "number") f.since = filter.since;
  if (typeof filter.until === "number") f.until = filter.until;
  if (typeof filter.minCostUsd === "number") f.minCostUsd = filter.minCostUsd;
  if (typeof filter.limit === "number") f.limit = filter.limit;
  return { ...dashboardData(s.ledger, f), latency: s.latency.snapshot() };
}

export function setBudget(home: string, workspaceDir: string, p: SetBudgetParams): { dailyUsd: number | null; monthlyUsd: number | null; onExceed: string } {
  const patch: Parameters<typeof writeWorkspaceBudget>[2] = {};
  if (p.dailyUsd !== undefined) patch.dailyUsd = p.dailyUsd;
  if (p.monthlyUsd !== undefined) patch.monthlyUsd = p.monthlyUsd;
  if (p.onExceed !== undefined) patch.onExceed = p.onExceed;
  const next = writeWorkspaceBudget(home, workspaceDir, patch);
  return { dailyUsd: next.dailyUsd, monthlyUsd: next.monthlyUsd, onExceed: next.onExceed };
}

export function cacheStats(s: Services): CacheStats {
  const st = s.cache.stats();
  return { entries: st.entries, hits: st.hits, misses: st.misses, tokensSaved: st.tokensSaved, usdSaved: st.usdSaved, bytes: st.bytes };
}
