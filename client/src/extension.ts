/**
 * Activation only: build the Ctx, register commands and views, start the language server.
 * Everything else lives in the modules it calls.
 */
import * as vscode from "vscode";
import { Ctx } from "./ctx";
import { registerCommands } from "./commands";
import { ChatViewProvider } from "./views/chatView";
import { StatusBar } from "./statusBar";

/** Set by the bundle's first line (esbuild banner); absent when the sources run unbundled. */
declare const __preflightLoadStart: number | undefined;

let ctx: Ctx | undefined;
/** Code loading, as VS Code counts it: from the bundle's first line to the end of module start-up. */
const codeLoadingMs = typeof __preflightLoadStart === "number" ? performance.now() - __preflightLoadStart : 0;

export type Activation = { ctx: Ctx; activationMs: number; codeLoadingMs: number; activateCallMs: number };

export async function activate(context: vscode.ExtensionContext): Promise<Activation> {
  const t0 = performance.now();
  ctx = new Ctx(context);
  const status = new StatusBar(ctx);
  const chat = new ChatViewProvider(ctx);
  context.subscriptions.push(
    status,
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, chat, { webviewOptions: { retainContextWhenHidden: true } }),
  );
  registerCommands(ctx, chat);
  void ctx.start();
  const activateCallMs = performance.now() - t0;
  const activationMs = codeLoadingMs + activateCallMs;
  ctx.log.info(`Preflight activated in ${activationMs.toFixed(1)} ms (code loading ${codeLoadingMs.toFixed(1)} ms, activate ${activateCallMs.toFixed(1)} ms)`);
  return { ctx, activationMs, codeLoadingMs, activateCallMs };
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
}
