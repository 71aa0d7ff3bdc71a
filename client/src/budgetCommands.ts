/**
 * Budget and cache commands: Set Workspace Budget (stored at user level by the server, never
 * in the workspace), Clear Cache and Show Cache Statistics.
 */
import * as vscode from "vscode";
import { CacheStatsRequest, ClearCacheRequest, SetBudgetRequest, type SetBudgetParams } from "../../shared/src/lsp";
import type { Ctx } from "./ctx";
import { toErrorData } from "./views/hostBridge";

function parseUsd(value: string): number | null | undefined {
  const v = value.trim();
  if (v === "") return undefined;
  if (/^(none|off|no limit)$/i.test(v)) return null;
  const n = Number(v.replace(/^\$/, ""));
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

const validateUsd = (v: string) => (v.trim() === "" || parseUsd(v) !== undefined ? undefined : "Type an amount in USD such as 5 or 2.50, or none for no limit.");

export async function setBudgetCommand(ctx: Ctx): Promise<void> {
  const client = ctx.client;
  if (!client) return void vscode.window.showWarningMessage("The Preflight server is not running.");
  const daily = await vscode.window.showInputBox({ title: "Preflight: daily budget for this workspace (USD)", prompt: "Empty keeps the current value; none removes the limit.", validateInput: validateUsd, ignoreFocusOut: true });
  if (daily === undefined) return;
  const monthly = await vscode.window.showInputBox({ title: "Preflight: monthly budget for this workspace (USD)", prompt: "Empty keeps the current value; none removes the limit.", validateInput: validateUsd, ignoreFocusOut: true });
  if (monthly === undefined) return;
  const action = await vscode.window.showQuickPick(
    [
      { label: "block", description: "refuse requests over the budget" },
      { label: "warn", description: "send, and warn" },
      { label: "downgrade", description: "switch to the cheapest model of the fallback chain" },
    ],
    { title: "When a request would exceed the budget", ignoreFocusOut: true },
  );
  const params: SetBudgetParams = {};
  const d = parseUsd(daily);
  const m = parseUsd(monthly);
  if (d !== undefined) params.dailyUsd = d;
  if (m !== undefined) params.monthlyUsd = m;
  if (action) params.onExceed = action.label as SetBudgetParams["onExceed"];
  try {
    const r = await client.sendRequest(SetBudgetRequest, params);
    const fmt = (v: number | null) => (v === null ? "no limit" : `$${v.toFixed(2)}`);
    void vscode.window.showInformationMessage(`Workspace budget: ${fmt(r.dailyUsd)} a day, ${fmt(r.monthlyUsd)} a month; over budget: ${r.onExceed}.`);
  } catch (err) {
    void vscode.window.showErrorMessage(toErrorData(err).message);
  }
}

export async function clearCacheCommand(ctx: Ctx): Promise<void> {
  const client = ctx.client;
  if (!client) return void vscode.window.showWarningMessage("The Preflight server is not running.");
  const ok = await vscode.window.showWarningMessage("Clear this workspace's Preflight answer cache?", { modal: true }, "Clear");
  if (ok !== "Clear") return;
  try {
    const r = await client.sendRequest(ClearCacheRequest, {});
    void vscode.window.showInformationMessage(`Preflight cache cleared (${r.removed} entries).`);
  } catch (err) {
    void vscode.window.showErrorMessage(toErrorData(err).message);
  }
}

export async function cacheStatsCommand(ctx: Ctx): Promise<void> {
  const client = ctx.client;
  if (!client) return void vscode.window.showWarningMessage("The Preflight server is not running.");
  try {
    const s = await client.sendRequest(CacheStatsRequest, {});
    const rate = s.hits + s.misses > 0 ? ((s.hits / (s.hits + s.misses)) * 100).toFixed(0) : "0";
    void vscode.window.showInformationMessage(
      `Preflight cache: ${s.entries} entries (${(s.bytes / 1024).toFixed(0)} KB), ${s.hits} hits / ${s.misses} misses (${rate}%), saved ${s.tokensSaved} tokens and $${s.usdSaved.toFixed(4)}.`,
    );
  } catch (err) {
    void vscode.window.showErrorMessage(toErrorData(err).message);
  }
}
