/**
 * Opens a workspace's services (template registry, request log, latency tracker, ledger,
 * cache, placeholder store) and keeps their parsed feature settings. A store that cannot be
 * opened is reported with a clear message; the others keep working.
 */
import { mkdir } from "node:fs/promises";
import type { ProviderKind } from "../../../shared/src/settings";
import { TemplateRegistry } from "../prompts/registry";
import { RequestLog } from "../log/requestLog";
import { LatencyTracker } from "../metrics/latencyTracker";
import { Ledger } from "../budget/ledger";
import type { BudgetAlert } from "../budget/alerts";
import { openCache, type SemanticCache } from "../cache/semanticCache";
import { cacheSettingsFromRaw, type CacheSettings } from "../cache/settings";
import { embedderFor } from "../cache/providerEmbedder";
import { ConversationStore, PlaceholderMap } from "../guards/placeholders";
import { redactText } from "../guards/redactor";
import { guardSettingsFromRaw, type GuardSettings } from "../guards/settings";
import type { CoreOptions } from "./types";

export type Services = {
  templates: TemplateRegistry;
  requestLog: RequestLog;
  latency: LatencyTracker;
  ledger: Ledger;
  cache: SemanticCache;
  conversations: ConversationStore;
  guardSettings: GuardSettings;
  cacheSettings: CacheSettings;
  getKey(kind: ProviderKind): Promise<string | null>;
  log(message: string): void;
  onBudgetAlerts(alerts: BudgetAlert[]): void;
};

/** Parses the feature sections of the raw settings; returns the problems to show. */
export function applyFeatureSettings(s: Pick<Services, "guardSettings" | "cacheSettings">, raw: unknown): string[] {
  const guard = guardSettingsFromRaw(raw);
  const cache = cacheSettingsFromRaw(raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>).cache : undefined);
  s.guardSettings = guard.settings;
  s.cacheSettings = cache.settings;
  return [...guard.problems, ...cache.problems];
}

export async function openServices(opts: CoreOptions, onBudgetAlerts: (alerts: BudgetAlert[]) => void): Promise<{ services: Services; problems: string[] }> {
  await mkdir(opts.storeDir, { recursive: true });
  const feature = { guardSettings: guardSettingsFromRaw({}).settings, cacheSettings: cacheSettingsFromRaw(undefined).settings };
  const problems = applyFeatureSettings(feature, opts.rawSettings);
  const templates = new TemplateRegistry({
    workspaceDir: opts.workspaceDir,
    storeDir: opts.storeDir,
    // Template text is written by developers but may still carry a key; it is redacted like input.
    redact: (text) => redactText(text, new PlaceholderMap(), feature.guardSettings).text,
  });
  await templates.loadAll();
  const cache = await openCache({
    dir: opts.storeDir,
    settings: feature.cacheSettings,
    log: opts.log,
    embedder: embedderFor(feature.cacheSettings.embeddings, async (kind) => opts.getKey(kind)),
  });
  const services: Services = {
    templates,
    requestLog: new RequestLog(opts.storeDir, { maxBytes: opts.settings.logging.maxLogBytes }),
    latency: new LatencyTracker(),
    ledger: await Ledger.open({ workspaceDir: opts.workspaceDir, home: opts.homeDir, storeDir: opts.storeDir }),
    cache,
    conversations: new ConversationStore(),
    ...feature,
    getKey: async (kind) => (kind === "demo" ? null : opts.getKey(kind)),
    log: opts.log,
    onBudgetAlerts,
  };
  return { services, problems: [...problems, ...templates.problems().map((p) => `${p.file}:${p.line}: ${p.message}`)] };
}
