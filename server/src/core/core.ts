/**
 * createCore: one workspace's Preflight. Owns the services and the composed pipeline and
 * offers what the LSP adapter and the CLI call: chat, review, redaction preview, feedback,
 * template listing.
 */
import type { Settings } from "../../../shared/src/settings";
import type { BudgetStatusParams, CacheStats, SetBudgetParams, ChatParams, ChatResult, FeedbackParams, PreviewParams, PreviewResult, ReviewParams, ReviewResult, TemplateInfo } from "../../../shared/src/lsp";
import { BreakerRegistry, disposeProviders } from "../providers";
import { previewRedaction } from "../guards/redactor";
import type { BudgetAlert } from "../budget/alerts";
import { watchLedger } from "../budget/watch";
import type { Next } from "../pipeline/context";
import type { TemplateRegistry } from "../prompts/registry";
import { buildPipeline } from "./pipeline";
import { runChat, type ChatHooks } from "./runChat";
import { runReview } from "./review";
import { applyFeatureSettings, openServices, type Services } from "./services";
import { budgetStatus, cacheStats, dashboard, setBudget } from "./workspaceInfo";
import type { Core as CoreApi, CoreOptions } from "./types";

export class Core implements CoreApi {
  private pipeline: Next;
  private readonly breakers = new BreakerRegistry();
  readonly alerts: BudgetAlert[] = [];

  private constructor(readonly services: Services, private settings: Settings, readonly problems: string[], private readonly opts: CoreOptions) {
    this.pipeline = buildPipeline(services, this.breakers, opts.surface);
  }

  static async open(opts: CoreOptions, onBudgetAlerts: (alerts: BudgetAlert[]) => void = () => undefined): Promise<Core> {
    const { services, problems } = await openServices(opts, onBudgetAlerts);
    return new Core(services, opts.settings, problems, opts);
  }

  chat(params: ChatParams, signal: AbortSignal, hooks: ChatHooks): Promise<ChatResult> {
    return runChat({ pipeline: this.pipeline, settings: this.settings, params, signal, hooks });
  }

  review(params: ReviewParams, signal: AbortSignal, hooks: ChatHooks): Promise<ReviewResult> {
    return runReview({ pipeline: this.pipeline, settings: this.settings, params, signal, hooks });
  }

  preview(params: PreviewParams): PreviewResult {
    const input = { kind: "chat" as const, text: params.text, history: [], attachments: (params.attachments ?? []).map((a) => ({ ...a })) };
    const parts = previewRedaction(input, this.services.guardSettings, params.conversationId, this.services.conversations);
    let offset = 0;
    const findings: PreviewResult["findings"] = [];
    const sent: string[] = [];
    for (const part of parts) {
      const header = part.part === "text" ? "" : `\n--- ${part.part} ---\n`;
      sent.push(header + part.sent);
      for (const f of part.findings) findings.push({ type: f.type, start: offset + header.length + f.start, end: offset + header.length + f.end, placeholder: f.placeholder ?? "(allowed)" });
      offset += header.length + part.sent.length;
    }
    return { sent: sent.join(""), findings };
  }

  feedback(params: FeedbackParams): { ok: true } {
    this.services.templates.recordOutcome(params.templateId, params.templateVersion, params.rating === "up" ? "positive" : "negative");
    return { ok: true };
  }

  get templateRegistry(): TemplateRegistry {
    return this.services.templates;
  }

  listTemplates(): TemplateInfo[] {
    return this.services.templates.list().map((t) => ({ id: t.id, version: t.version, description: t.description, source: t.source === "built-in" ? ("built-in" as const) : ("workspace" as const) }));
  }

  budgetStatus(): BudgetStatusParams {
    return budgetStatus(this.services);
  }

  dashboard(filter: Record<string, unknown>): Record<string, unknown> {
    return dashboard(this.services, filter);
  }

  setBudget(params: SetBudgetParams): ReturnType<typeof setBudget> {
    return setBudget(this.opts.homeDir, this.opts.workspaceDir, params);
  }

  cacheStats(): CacheStats {
    return cacheStats(this.services);
  }

  async clearCache(): Promise<{ removed: number }> {
    const removed = this.services.cache.stats().entries;
    await this.services.cache.clear();
    return { removed };
  }

  updateSettings(settings: Settings, rawSettings: unknown): string[] {
    this.settings = settings;
    const problems = rawSettings === undefined ? [] : applyFeatureSettings(this.services, rawSettings);
    // Keys or endpoints may have changed: drop cached SDK clients so the next request rebuilds them.
    void disposeProviders();
    this.pipeline = buildPipeline(this.services, this.breakers, this.opts.surface);
    return problems;
  }

  /** Calls `onChange` when any process (another window, the CLI) appends to this workspace's ledger. */
  watchSpend(onChange: () => void): { dispose(): void } {
    return watchLedger(this.services.ledger, onChange);
  }

  /** Resolves when the spend of every request answered so far is written to the ledger. */
  settled(): Promise<void> {
    return this.services.ledger.flush().catch((err: unknown) => this.services.log(`Preflight: writing the spend ledger failed: ${String(err)}`));
  }

  async dispose(): Promise<void> {
    await this.services.requestLog.flush();
    await this.services.templates.outcomes.flush();
    await this.settled();
    await this.services.cache.close();
    await disposeProviders();
  }
}

export function createCore(opts: CoreOptions): Promise<Core> {
  return Core.open(opts, (alerts) => opts.onBudgetAlerts?.(alerts.map((a) => a.message)));
}
