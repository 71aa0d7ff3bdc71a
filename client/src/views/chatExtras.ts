/**
 * The chat's smaller webview requests: model and template choices, the redaction preview,
 * thumbs up/down, and inserting a code block at the cursor.
 */
import * as vscode from "vscode";
import { FeedbackRequest, ListTemplatesRequest, PreviewRedactionRequest } from "../../../shared/src/lsp";
import type { ModelChoice } from "../../../shared/src/webview";
import type { Ctx } from "../ctx";
import type { HostBridge } from "./hostBridge";
import { attachmentFromEditor } from "./chatView";

function notReady(): never {
  throw { code: -32003, message: "The Preflight server is not ready yet." };
}

export function registerChatExtras(ctx: Ctx, bridge: HostBridge): void {
  bridge.on("chat/options", async () => {
    const config = vscode.workspace.getConfiguration("preflight");
    const configured = [config.get<string>("model") ?? "", ...(config.get<string[]>("fallbacks") ?? [])].filter((m) => m.trim() !== "");
    const models: ModelChoice[] = configured.map((id) => ({ id, label: id, demo: false }));
    models.push({ id: "demo:preflight-demo", label: "Preflight demo model (offline)", demo: true });
    let templates = [{ id: "chat", label: "chat (built-in)" }];
    if (ctx.client && ctx.serverState.state === "ready") {
      try {
        const list = await ctx.client.sendRequest(ListTemplatesRequest, {});
        templates = list.filter((t) => t.id !== "review").map((t) => ({ id: t.id, label: `${t.id} v${t.version}${t.source === "built-in" ? " (built-in)" : ""}` }));
      } catch (err) {
        ctx.log.warn(`Could not list templates: ${String(err)}`);
      }
    }
    return { models, templates, defaultModel: models[0]?.id ?? "demo:preflight-demo" };
  });
  bridge.on("chat/preview", async (params) => {
    if (!ctx.client) notReady();
    return ctx.client.sendRequest(PreviewRedactionRequest, {
      text: params.text,
      conversationId: params.conversationId,
      attachments: params.attach ? attachmentFromEditor(params.attach) : [],
    });
  });
  bridge.on("chat/feedback", async (params) => {
    if (!ctx.client) notReady();
    return ctx.client.sendRequest(FeedbackRequest, params);
  });
  bridge.on("chat/export", async (params) => {
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? ctx.extension.globalStorageUri, `preflight-chat-${new Date().toISOString().slice(0, 10)}.md`),
      filters: { Markdown: ["md"] },
    });
    if (target) await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(params.markdown));
    return { saved: target !== undefined };
  });
  bridge.on("editor/insert", async (params) => {
    const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
    if (!editor) {
      void vscode.window.showWarningMessage("Open an editor to insert the code into.");
      return { ok: false };
    }
    const ok = await editor.edit((b) => b.replace(editor.selection, params.code));
    return { ok };
  });
}
