/**
 * Read and write helpers over a workspace's stores for the editor: the status bar line, the
 * dashboard data, the budget, cache statistics. They only shape data; the stores own it.
 */
import type { BudgetStatusParams, CacheStats, SetBudgetParams } from "../../../shared/src/lsp";
import { statusBar, dashboardData } from "../budget/queries";
import { budgetPatchFromParams, writeWorkspaceBudget } from "../budget/config";
import { requestFilterOf } from "../budget/filter";
import { ErrorCode } from "../../../shared/src/errors";
import { PipelineError } from "../errors";
import type { Services } from "./services";

export function budgetStatus(s: Services): BudgetStatusParams {
  const data = statusBar(s.ledger);
  return { text: data.text, tooltip: data.tooltip, level: data.level };
}

export function dashboard(s: Services, filter: Record<string, unknown>): Record<string, unknown> {
  return { ...dashboardData(s.ledger, requestFilterOf(filter)), latency: s.latency.snapshot() };
}

export function setBudget(home: string, workspaceDir: string, p: SetBudgetParams): { dailyUsd: number | null; monthlyUsd: number | null; onExceed: string } {
  const patch = budgetPatchFromParams(p);
  if (typeof patch === "string") throw new PipelineError(ErrorCode.InvalidInput, patch);
  const next = writeWorkspaceBudget(home, workspaceDir, patch);
  return { dailyUsd: next.dailyUsd, monthlyUsd: next.monthlyUsd, onExceed: next.onExceed };
}

export function cacheStats(s: Services): CacheStats {
  const st = s.cache.stats();
  return { entries: st.entries, hits: st.hits, misses: st.misses, tokensSaved: st.tokensSaved, usdSaved: st.usdSaved, bytes: st.bytes };
}
