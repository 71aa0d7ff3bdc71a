/**
 * Activation only: build the Ctx, register commands and views, start the language server.
 * Everything else lives in the modules it calls.
 */
import * as vscode from "vscode";
import { Ctx } from "./ctx";
import { registerCommands } from "./commands";
import { ChatViewProvider } from "./views/chatView";
import { StatusBar } from "./statusBar";

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<{ ctx: Ctx }> {
  const started = performance.now();
  ctx = new Ctx(context);
  const status = new StatusBar(ctx);
  const chat = new ChatViewProvider(ctx);
  context.subscriptions.push(
    status,
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, chat, { webviewOptions: { retainContextWhenHidden: true } }),
  );
  registerCommands(ctx, chat);
  void ctx.start();
  ctx.log.info(`Preflight activated in ${(performance.now() - started).toFixed(1)} ms`);
  return { ctx };
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
}
