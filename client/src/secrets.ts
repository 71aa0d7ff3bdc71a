/**
 * API keys live only in VS Code SecretStorage. The server asks for one with
 * preflight/getSecret when it needs it; keys never go to settings, logs or the webview.
 */
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { GetSecretRequest, SecretsChangedNotification } from "../../shared/src/lsp";

export type KeyProvider = "openai" | "anthropic" | "compatible";
const PROVIDERS: { id: KeyProvider; label: string; hint: string }[] = [
  { id: "openai", label: "OpenAI", hint: "starts with sk-" },
  { id: "anthropic", label: "Anthropic", hint: "starts with sk-ant-" },
  { id: "compatible", label: "OpenAI-compatible endpoint", hint: "whatever your endpoint expects (Ollama and LM Studio need none)" },
];

export class Secrets {
  private client: LanguageClient | undefined;

  constructor(private readonly storage: vscode.SecretStorage) {}

  private key(provider: KeyProvider): string {
    return `preflight.apiKey.${provider}`;
  }

  get(provider: KeyProvider): Thenable<string | undefined> {
    return this.storage.get(this.key(provider));
  }

  /** Answers the server's getSecret requests for this client's lifetime. */
  register(client: LanguageClient): vscode.Disposable {
    this.client = client;
    const handler = client.onRequest(GetSecretRequest, async (params) => {
      if (!PROVIDERS.some((p) => p.id === params.provider)) return null;
      return (await this.get(params.provider)) ?? null;
    });
    return { dispose: () => { handler.dispose(); this.client = undefined; } };
  }

  /** Command: pick a provider, type the key (masked), store it. An empty key deletes it. */
  async promptAndStore(): Promise<void> {
    const pick = await vscode.window.showQuickPick(
      PROVIDERS.map((p) => ({ label: p.label, description: p.hint, id: p.id })),
      { title: "Preflight: Set API Key", placeHolder: "Which provider's key?" },
    );
    if (!pick) return;
    const value = await vscode.window.showInputBox({
      title: `${pick.label} API key`,
      prompt: "Stored in VS Code's secret storage, never in settings. Leave empty to delete the stored key.",
      password: true,
      ignoreFocusOut: true,
    });
    if (value === undefined) return;
    if (value.trim() === "") await this.storage.delete(this.key(pick.id));
    else await this.storage.store(this.key(pick.id), value.trim());
    void this.client?.sendNotification(SecretsChangedNotification, { provider: pick.id });
    void vscode.window.showInformationMessage(value.trim() === "" ? `${pick.label} key deleted.` : `${pick.label} key saved in secret storage.`);
  }
}
