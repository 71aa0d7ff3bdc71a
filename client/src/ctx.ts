/**
 * Ctx owns the language client, the log channel, the server state and every disposable.
 * Restarts are serialised: a restart waits for the previous start/stop to finish.
 */
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { BudgetStatusNotification, ServerStatusNotification, type BudgetStatusParams, type ServerStatusParams } from "../../shared/src/lsp";
import { createLanguageClient } from "./languageClient";
import { Secrets } from "./secrets";

export type ClientState = ServerStatusParams;

export class Ctx implements vscode.Disposable {
  readonly log: vscode.LogOutputChannel;
  readonly secrets: Secrets;
  client: LanguageClient | undefined;
  private state: ClientState = { state: "starting", demoModel: true, model: "" };
  private readonly stateEmitter = new vscode.EventEmitter<ClientState>();
  readonly onDidChangeState = this.stateEmitter.event;
  private readonly budgetEmitter = new vscode.EventEmitter<BudgetStatusParams>();
  readonly onDidChangeBudget = this.budgetEmitter.event;
  private queue: Promise<void> = Promise.resolve();
  private clientDisposables: vscode.Disposable[] = [];

  constructor(readonly extension: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel("Preflight", { log: true });
    this.secrets = new Secrets(extension.secrets);
    extension.subscriptions.push(this.log, this.stateEmitter, this.budgetEmitter, this);
  }

  get serverState(): ClientState {
    return this.state;
  }

  setState(next: ClientState): void {
    this.state = next;
    this.stateEmitter.fire(next);
  }

  /** Starts the client; queued behind any start/stop in progress. */
  start(): Promise<void> {
    return this.enqueue(async () => {
      this.setState({ ...this.state, state: "starting" });
      const client = createLanguageClient(this);
      this.client = client;
      this.clientDisposables.push(
        client.onNotification(ServerStatusNotification, (status) => this.setState(status)),
        client.onNotification(BudgetStatusNotification, (status) => this.budgetEmitter.fire(status)),
        this.secrets.register(client),
      );
      try {
        await client.start();
      } catch (err) {
        this.log.error(`The Preflight server failed to start: ${String(err)}`);
        this.setState({ ...this.state, state: "error", message: "The Preflight server failed to start. See Preflight: Show Log." });
      }
    });
  }

  stop(): Promise<void> {
    return this.enqueue(async () => {
      const client = this.client;
      this.client = undefined;
      for (const d of this.clientDisposables.splice(0)) d.dispose();
      if (client) {
        try {
          await client.stop(5000);
        } catch (err) {
          this.log.warn(`Stopping the server: ${String(err)}`);
        }
      }
    });
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => undefined);
    return run;
  }

  dispose(): void {
    void this.stop();
  }
}
