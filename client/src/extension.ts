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
/** Set when this bundle is evaluated, so the activation time includes module start-up. */
const moduleStarted = performance.now();

export async function activate(context: vscode.ExtensionContext): Promise<{ ctx: Ctx; activationMs: number }> {
  ctx = new Ctx(context);
  const status = new StatusBar(ctx);
  const chat = new ChatViewProvider(ctx);
  context.subscriptions.push(
    status,
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, chat, { webviewOptions: { retainContextWhenHidden: true } }),
  );
  registerCommands(ctx, chat);
  void ctx.start();
  const activationMs = performance.now() - moduleStarted;
  ctx.log.info(`Preflight activated in ${activationMs.toFixed(1)} ms`);
  return { ctx, activationMs };
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
}
