/**
 * The status bar item: server state (starting / ready / error) and the model in use; click
 * opens the log. Budget and latency are added by the budget feature through `setDetail`.
 */
import * as vscode from "vscode";
import type { ClientState, Ctx } from "./ctx";
import type { BudgetStatusParams } from "../../shared/src/lsp";

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subs: vscode.Disposable[];
  private budget: BudgetStatusParams | undefined;

  constructor(private readonly ctx: Ctx) {
    this.item = vscode.window.createStatusBarItem("preflight.status", vscode.StatusBarAlignment.Right, 100);
    this.item.name = "Preflight";
    this.item.command = "preflight.showLog";
    this.subs = [ctx.onDidChangeState((s) => this.render(s)), ctx.onDidChangeBudget((b) => this.setBudget(b))];
    this.render(ctx.serverState);
    this.item.show();
  }

  /** Spend today against the budget and p95 latency, from the server's budgetStatus notification. */
  setBudget(status: BudgetStatusParams): void {
    this.budget = status;
    this.render(this.ctx.serverState);
  }

  private render(s: ClientState): void {
    const icon = s.state === "ready" ? "$(check)" : s.state === "starting" ? "$(sync~spin)" : "$(error)";
    const model = s.demoModel ? "demo model" : s.model;
    const ready = s.state === "ready" && this.budget !== undefined;
    this.item.text = ready && this.budget ? `${icon} Preflight ${this.budget.text}` : `${icon} Preflight ${s.state}`;
    const lines = [`Preflight — server ${s.state}`, `Model: ${model}`];
    if (s.message) lines.push(s.message);
    if (this.budget) lines.push(...this.budget.tooltip.split("\n"));
    lines.push(ready ? "Click to open the spend dashboard." : "Click to open the log.");
    this.item.tooltip = lines.join("\n");
    this.item.command = ready ? "preflight.showDashboard" : "preflight.showLog";
    this.item.accessibilityInformation = { label: `Preflight ${s.state}${this.budget ? `, ${this.budget.text}` : ""}` };
    const level = s.state === "error" ? "error" : this.budget?.level ?? "normal";
    this.item.backgroundColor = level === "error" ? new vscode.ThemeColor("statusBarItem.errorBackground") : level === "warning" ? new vscode.ThemeColor("statusBarItem.warningBackground") : undefined;
  }

  dispose(): void {
    for (const d of this.subs) d.dispose();
    this.item.dispose();
  }
}
