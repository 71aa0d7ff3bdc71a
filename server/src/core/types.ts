/**
 * The Core: every per-workspace service (pipeline, stores, templates, logs) behind one object,
 * shared by the LSP adapter and the CLI so both run exactly the same logic.
 */
import type { BudgetStatusParams, CacheStats, SetBudgetParams, ChatParams, ChatResult, FeedbackParams, PreviewParams, PreviewResult, ReviewParams, ReviewResult, TemplateInfo } from "../../../shared/src/lsp";
import type { ProviderKind, Settings } from "../../../shared/src/settings";
import type { ChatHooks } from "./runChat";
import type { TemplateRegistry } from "../prompts/registry";
import type { GuardSurface } from "../pipeline/stages/guardInput";

export type CoreOptions = {
  /** Folder for this workspace's cache, ledger, logs and template outcomes. */
  storeDir: string;
  /** Home for user-level state (budgets), e.g. PREFLIGHT_HOME or the extension's global storage. */
  homeDir: string;
  /** The workspace folder on disk (templates under .preflight/prompts). */
  workspaceDir: string;
  /** API key lookup (SecretStorage through the client, or env for the CLI). Null when unset. */
  getKey(kind: Exclude<ProviderKind, "demo">): Promise<string | null>;
  log(message: string): void;
  /** Budget alerts (50/80/100 %) to show the user, once each per period. */
  onBudgetAlerts?(messages: string[]): void;
  settings: Settings;
  /** The raw `preflight` configuration section, for feature settings parsed by their own modules. */
  rawSettings: unknown;
  /** Who the user is talking through; a guard block says what to do there (default "editor"). */
  surface?: GuardSurface;
};

export interface Core {
  chat(params: ChatParams, signal: AbortSignal, hooks: ChatHooks): Promise<ChatResult>;
  review(params: ReviewParams, signal: AbortSignal, hooks: ChatHooks): Promise<ReviewResult>;
  preview(params: PreviewParams): PreviewResult;
  feedback(params: FeedbackParams): { ok: true };
  listTemplates(): TemplateInfo[];
  /** The workspace's template registry, for the template-file diagnostics adapter. */
  readonly templateRegistry: TemplateRegistry;
  budgetStatus(): BudgetStatusParams;
  dashboard(filter: Record<string, unknown>): Record<string, unknown>;
  setBudget(params: SetBudgetParams): { dailyUsd: number | null; monthlyUsd: number | null; onExceed: string };
  cacheStats(): CacheStats;
  clearCache(): Promise<{ removed: number }>;
  watchSpend(onChange: () => void): { dispose(): void };
  /** Problems found while opening the stores and templates, for the log and status. */
  readonly problems: string[];
  updateSettings(settings: Settings, rawSettings: unknown): string[];
  /** Resolves when the spend of every request answered so far is written to the ledger. */
  settled(): Promise<void>;
  dispose(): Promise<void>;
}
