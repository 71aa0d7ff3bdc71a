/**
 * The status bar item: server state (starting / ready / error) and the model in use; click
 * opens the log. Budget and latency are added by the budget feature through `setDetail`.
 */
import * as vscode from "vscode";
import type { ClientState, Ctx } from "./ctx";

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly sub: vscode.Disposable;
  private detail = "";

  constructor(private readonly ctx: Ctx) {
    this.item = vscode.window.createStatusBarItem("preflight.status", vscode.StatusBarAlignment.Right, 100);
    this.item.name = "Preflight";
    this.item.command = "preflight.showLog";
    this.sub = ctx.onDidChangeState((s) => this.render(s));
    this.render(ctx.serverState);
    this.item.show();
  }

  setDetail(text: string, command?: string): void {
    this.detail = text;
    if (command) this.item.command = command;
    this.render(this.ctx.serverState);
  }

  private render(s: ClientState): void {
    const icon = s.state === "ready" ? "$(check)" : s.state === "starting" ? "$(sync~spin)" : "$(error)";
    const model = s.demoModel ? "demo model" : s.model;
    this.item.text = `${icon} Preflight ${s.state}${this.detail ? ` · ${this.detail}` : ""}`;
    const tip = new vscode.MarkdownString(`**Preflight** — server ${s.state}\n\nModel: ${model}${s.message ? `\n\n${s.message}` : ""}\n\nClick to open the log.`);
    tip.isTrusted = false;
    this.item.tooltip = tip;
    this.item.backgroundColor = s.state === "error" ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
  }

  dispose(): void {
    this.sub.dispose();
    this.item.dispose();
  }
}
