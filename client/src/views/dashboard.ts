/**
 * The spend dashboard panel: hosts the dashboard webview, answers its requests from the
 * server's dashboard data, saves exports through a save dialog, and tells it to refetch when
 * the spend changes (after any request settles).
 */
import * as vscode from "vscode";
import { DashboardDataRequest } from "../../../shared/src/lsp";
import { ErrorCode } from "../../../shared/src/errors";
import type { HostToDashboard } from "../../webview/dashboard/messages";
import { isDashboardToHost } from "../../webview/dashboard/validate";
import type { Ctx } from "../ctx";
import { toErrorData } from "./hostBridge";
import { webviewHtml, webviewOptions } from "./html";

export class Dashboard {
  private panel: vscode.WebviewPanel | undefined;

  constructor(private readonly ctx: Ctx) {
    ctx.extension.subscriptions.push(ctx.onDidChangeBudget(() => this.post({ kind: "event", event: { type: "spend/changed" } })));
  }

  show(): void {
    if (this.panel) return this.panel.reveal();
    const panel = vscode.window.createWebviewPanel("preflight.dashboard", "Preflight Spend", vscode.ViewColumn.Active, { ...webviewOptions(this.ctx.extension.extensionUri), retainContextWhenHidden: false });
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.ctx.extension.extensionUri, "media", "preflight.svg");
    panel.webview.html = webviewHtml(panel.webview, this.ctx.extension.extensionUri, { script: "dashboard.js", styles: ["uPlot.min.css", "media/dashboard.css"], title: "Preflight Spend" });
    const sub = panel.webview.onDidReceiveMessage((msg: unknown) => void this.receive(msg));
    panel.onDidDispose(() => {
      sub.dispose();
      this.panel = undefined;
    });
  }

  private post(msg: HostToDashboard): void {
    void this.panel?.webview.postMessage(msg);
  }

  private async receive(msg: unknown): Promise<void> {
    if (!isDashboardToHost(msg)) {
      this.ctx.log.warn(`Ignored a dashboard message of the wrong shape: ${JSON.stringify(msg).slice(0, 200)}`);
      return;
    }
    if (msg.kind === "ready") return;
    try {
      if (msg.method === "spend/dashboard") {
        const client = this.ctx.client;
        if (!client) throw { code: ErrorCode.ProviderUnavailable, message: "The Preflight server is not running." };
        const data = await client.sendRequest(DashboardDataRequest, msg.params.filter as Record<string, unknown>);
        this.post({ kind: "response", id: msg.id, ok: true, result: data });
      } else {
        const target = await vscode.window.showSaveDialog({
          defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? this.ctx.extension.globalStorageUri, msg.params.fileName),
          filters: msg.params.format === "csv" ? { CSV: ["csv"] } : { JSON: ["json"] },
        });
        if (target) await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(msg.params.content));
        this.post({ kind: "response", id: msg.id, ok: true, result: { saved: target !== undefined } });
      }
    } catch (err) {
      this.post({ kind: "response", id: msg.id, ok: false, error: toErrorData(err) });
    }
  }
}
