/**
 * Builds the LanguageClient: the server bundle over node IPC, the documents the checklist
 * lints, initialization options (store paths, "this client answers getSecret"), and error
 * handling that limits restarts and shows expected failures without pop-ups.
 */
import * as vscode from "vscode";
import { CloseAction, ErrorAction, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import type { Ctx } from "./ctx";

export function createLanguageClient(ctx: Ctx): LanguageClient {
  const module = vscode.Uri.joinPath(ctx.extension.extensionUri, "out", "server", "server.js").fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6019"] } },
  };
  let restarts = 0;
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "python" },
      { scheme: "file", language: "javascript" },
      { scheme: "file", language: "javascriptreact" },
      { scheme: "file", language: "typescript" },
      { scheme: "file", language: "typescriptreact" },
      { scheme: "file", pattern: "**/.preflight/prompts/*.md" },
    ],
    synchronize: { configurationSection: "preflight" },
    outputChannel: ctx.log,
    // Stores live under PREFLIGHT_HOME (shared with the CLI), so only the secrets capability is sent.
    initializationOptions: { secrets: true },
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        restarts += 1;
        if (restarts <= 3) return { action: CloseAction.Restart, message: "The Preflight server stopped; restarting it." };
        ctx.setState({ ...ctx.serverState, state: "error", message: "The Preflight server stopped 4 times. Run Preflight: Restart Server after checking the log." });
        return { action: CloseAction.DoNotRestart, message: "The Preflight server keeps stopping. See Preflight: Show Log." };
      },
    },
    initializationFailedHandler: (err) => {
      ctx.log.error(`Initialization failed: ${String(err)}`);
      ctx.log.show(true);
      return false;
    },
  };
  return new LanguageClient("preflight", "Preflight", serverOptions, clientOptions);
}
