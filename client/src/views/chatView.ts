/**
 * The sidebar chat: a WebviewViewProvider that forwards webview requests to the language
 * server and streams chunks and pipeline events back, keyed by stream id. Stop in the webview
 * aborts the request, which cancels the LSP request, which aborts the provider call.
 */
import * as vscode from "vscode";
import { ChatChunkNotification, ChatEventNotification, ChatRequest, type ChatAttachment, type ChatParams } from "../../../shared/src/lsp";
import { ErrorCode } from "../../../shared/src/errors";
import type { ChatSendResult } from "../../../shared/src/webview";
import type { Ctx } from "../ctx";
import { HostBridge } from "./hostBridge";
import { webviewHtml, webviewOptions } from "./html";
import { registerChatExtras } from "./chatExtras";

export class ChatViewProvider implements vscode.WebviewViewProvider {
  static readonly viewId = "preflight.chatView";
  readonly bridge: HostBridge;

  constructor(private readonly ctx: Ctx) {
    this.bridge = new HostBridge((m) => ctx.log.warn(m));
    this.bridge.on("chat/send", (params, signal) => this.send(params, signal));
    registerChatExtras(ctx, this.bridge);
    ctx.onDidChangeState((s) => this.bridge.event({ type: "server/state", state: s.state, model: s.model, demoModel: s.demoModel, ...(s.message ? { message: s.message } : {}) }));
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    view.webview.options = webviewOptions(this.ctx.extension.extensionUri);
    view.webview.html = webviewHtml(view.webview, this.ctx.extension.extensionUri, { script: "chat.js", styles: ["media/chat.css"], title: "Preflight Chat" });
    const sub = this.bridge.attach(view.webview);
    this.bridge.onReady = () => {
      const s = this.ctx.serverState;
      this.bridge.event({ type: "server/state", state: s.state, model: s.model, demoModel: s.demoModel, ...(s.message ? { message: s.message } : {}) });
    };
    view.onDidDispose(() => sub.dispose());
  }

  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`);
  }

  clear(): void {
    this.bridge.event({ type: "chat/clear" });
  }

  async exportConversation(): Promise<void> {
    await this.reveal();
    this.bridge.event({ type: "chat/export" });
  }

  private async send(params: import("../../../shared/src/webview").ChatSendParams, signal: AbortSignal): Promise<ChatSendResult> {
    const client = this.ctx.client;
    if (!client || this.ctx.serverState.state !== "ready") {
      throw { code: ErrorCode.ProviderUnavailable, message: "The Preflight server is not ready yet. Wait for the status bar to say ready, or run Preflight: Restart Server." };
    }
    const attachments: ChatAttachment[] = params.attach ? attachmentFromEditor(params.attach) : [];
    const request: ChatParams = {
      streamId: params.streamId,
      text: params.text,
      history: params.history,
      attachments,
      conversationId: params.conversationId,
      ...(params.model ? { model: params.model } : {}),
      ...(params.templateId ? { templateId: params.templateId } : {}),
      ...(params.noCache ? { noCache: true } : {}),
      ...(params.sendAnyway ? { sendAnyway: true } : {}),
    };
    const cts = new vscode.CancellationTokenSource();
    const onAbort = () => cts.cancel();
    signal.addEventListener("abort", onAbort);
    const chunks = client.onNotification(ChatChunkNotification, (p) => {
      if (p.streamId === params.streamId) this.bridge.event({ type: "chat/chunk", streamId: p.streamId, delta: p.delta });
    });
    const events = client.onNotification(ChatEventNotification, (p) => {
      if (p.streamId === params.streamId) this.bridge.event({ type: "chat/event", streamId: p.streamId, event: p.event });
    });
    try {
      const r = await client.sendRequest(ChatRequest, request, cts.token);
      return {
        requestId: r.requestId, text: r.text, complete: r.complete, finishReason: r.finishReason, provider: r.provider, model: r.model,
        costUsd: r.costUsd, cache: r.cache, latencyMs: r.latencyMs, templateId: r.templateId, templateVersion: r.templateVersion, events: r.events,
      };
    } finally {
      signal.removeEventListener("abort", onAbort);
      chunks.dispose();
      events.dispose();
      cts.dispose();
    }
  }
}

/** The active editor's selection (or whole file) as an attachment on the `code` channel. */
export function attachmentFromEditor(what: "selection" | "file"): ChatAttachment[] {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return [];
  const doc = editor.document;
  const range = what === "selection" && !editor.selection.isEmpty ? editor.selection : undefined;
  const text = range ? doc.getText(range) : doc.getText();
  const name = vscode.workspace.asRelativePath(doc.uri) + (range ? `:${range.start.line + 1}-${range.end.line + 1}` : "");
  return [{ name, text, channel: doc.languageId === "markdown" || doc.languageId === "plaintext" ? "document" : "code", languageId: doc.languageId }];
}
