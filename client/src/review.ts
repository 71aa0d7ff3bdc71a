/**
 * Preflight: Review Selection / Review File. Sends the code to the server's review request,
 * streams the explanation into the chat view, and turns the validated findings into
 * diagnostics (source "Preflight review") with a quick fix when a replacement is given.
 */
import * as vscode from "vscode";
import { ChatChunkNotification, ReviewRequest, type ReviewFinding } from "../../shared/src/lsp";
import type { Ctx } from "./ctx";
import type { ChatViewProvider } from "./views/chatView";
import { toErrorData } from "./views/hostBridge";

const SEVERITY = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, info: vscode.DiagnosticSeverity.Information } as const;

type ReviewDiagnostic = vscode.Diagnostic & { replacement?: string };

export class Reviewer implements vscode.CodeActionProvider {
  readonly diagnostics = vscode.languages.createDiagnosticCollection("preflight-review");
  private running: vscode.CancellationTokenSource | undefined;

  constructor(private readonly ctx: Ctx, private readonly chat: ChatViewProvider) {
    ctx.extension.subscriptions.push(
      this.diagnostics,
      vscode.languages.registerCodeActionsProvider({ scheme: "file" }, this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
      vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length > 0) this.diagnostics.delete(e.document.uri); }),
    );
  }

  async review(whole: boolean): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const client = this.ctx.client;
    if (!editor) return void vscode.window.showWarningMessage("Open a file to review.");
    if (!client || this.ctx.serverState.state !== "ready") return void vscode.window.showWarningMessage("The Preflight server is not ready yet.");
    const doc = editor.document;
    const range = whole || editor.selection.isEmpty ? new vscode.Range(0, 0, doc.lineCount, 0) : new vscode.Range(editor.selection.start.line, 0, editor.selection.end.line + 1, 0);
    const text = doc.getText(range);
    const streamId = `review-${Date.now().toString(36)}`;
    this.running?.cancel();
    const cts = new vscode.CancellationTokenSource();
    this.running = cts;
    await this.chat.reveal();
    this.chat.bridge.event({ type: "review/start", streamId, title: `Review of ${vscode.workspace.asRelativePath(doc.uri)}:${range.start.line + 1}-${Math.min(range.end.line, doc.lineCount)}` });
    const chunks = client.onNotification(ChatChunkNotification, (p) => {
      if (p.streamId === streamId) this.chat.bridge.event({ type: "chat/chunk", streamId, delta: p.delta });
    });
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: "Preflight: reviewing…", cancellable: true },
        (_p, token) => {
          token.onCancellationRequested(() => cts.cancel());
          return client.sendRequest(ReviewRequest, { streamId, uri: doc.uri.toString(), text, startLine: range.start.line, languageId: doc.languageId }, cts.token);
        },
      );
      this.diagnostics.set(doc.uri, result.findings.map((f) => toDiagnostic(doc, f)));
      const summary = result.findings.length === 0 ? "No findings." : `${result.findings.length} finding(s) in the Problems panel.`;
      this.chat.bridge.event({ type: "review/done", streamId, summary: result.problems.length ? `${summary} (${result.problems.join(" ")})` : summary, events: result.chat.events });
    } catch (err) {
      const e = toErrorData(err);
      this.chat.bridge.event({ type: "review/done", streamId, summary: "", events: [], error: e.message });
    } finally {
      chunks.dispose();
      cts.dispose();
      if (this.running === cts) this.running = undefined;
    }
  }

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics
      .filter((d): d is ReviewDiagnostic => d.source === "Preflight review" && typeof (d as ReviewDiagnostic).replacement === "string" && d.range.intersection(range) !== undefined)
      .map((d) => {
        const action = new vscode.CodeAction(`Apply Preflight suggestion: ${d.message.slice(0, 60)}`, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [d];
        action.edit = new vscode.WorkspaceEdit();
        const full = new vscode.Range(d.range.start.line, 0, d.range.end.line, doc.lineAt(d.range.end.line).text.length);
        action.edit.replace(doc.uri, full, d.replacement ?? "");
        return action;
      });
  }
}

function toDiagnostic(doc: vscode.TextDocument, f: ReviewFinding): vscode.Diagnostic {
  const start = Math.max(0, Math.min(f.line, doc.lineCount - 1));
  const end = Math.max(start, Math.min(f.endLine, doc.lineCount - 1));
  const d: ReviewDiagnostic = new vscode.Diagnostic(new vscode.Range(start, 0, end, doc.lineAt(end).text.length), f.message, SEVERITY[f.severity]);
  d.source = "Preflight review";
  if (f.replacement !== undefined) d.replacement = f.replacement;
  return d;
}
