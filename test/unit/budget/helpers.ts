/** Shared set-up for the budget tests: a throw-away store home and a workspace folder in it. */
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeWorkspaceBudget, type BudgetPatch } from "../../../server/src/budget/config";
import { Ledger, type LedgerOptions } from "../../../server/src/budget/ledger";

export type Sandbox = { home: string; workspace: string; cleanup(): void };

export function sandbox(budget?: BudgetPatch): Sandbox {
  const root = mkdtempSync(join(tmpdir(), "preflight-budget-"));
  const home = join(root, "home");
  const workspace = join(root, "workspace");
  mkdirSync(workspace, { recursive: true });
  if (budget) writeWorkspaceBudget(home, workspace, budget);
  return { home, workspace, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** A clock the test moves by hand. */
export function manualClock(start: number): { now: () => number; set(ts: number): void; advance(ms: number): void } {
  let current = start;
  return { now: () => current, set: (ts) => (current = ts), advance: (ms) => (current += ms) };
}

export function openLedger(box: Sandbox, extra: Partial<LedgerOptions> = {}): Promise<Ledger> {
  return Ledger.open({ workspaceDir: box.workspace, home: box.home, ...extra });
}
