/**
 * Builds and caches the provider for a ModelRef: the SDK clients (retries off, explicit
 * timeout, logging off), the key from the injected lookup, and the in-process demo server.
 * `disposeProviders()` drops every client (call it when a key or endpoint changes) and stops
 * the demo server.
 */
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { ErrorCode } from "../../../shared/src/errors";
import type { ModelRef, ProviderKind, Settings } from "../../../shared/src/settings";
import { PipelineError } from "../errors";
import { createAnthropicProvider } from "./anthropic";
import { startDemoServer, type DemoServer } from "./demo/demoServer";
import { createOpenAiProvider } from "./openai";
import type { LlmProvider } from "./provider";

export type KeyLookup = (kind: ProviderKind) => Promise<string | null>;

/** A ready provider plus the secrets its errors must never show. */
export type ResolvedProvider = { provider: LlmProvider; secrets: string[] };

/** How the chain gets a provider; tests may pass their own. */
export type ProviderSource = (ref: ModelRef, settings: Settings) => Promise<ResolvedProvider>;

const LABELS: Record<ProviderKind, { name: string; env: string }> = {
  openai: { name: "OpenAI", env: "OPENAI_API_KEY" },
  anthropic: { name: "Anthropic", env: "ANTHROPIC_API_KEY" },
  compatible: { name: "OpenAI-compatible", env: "PREFLIGHT_COMPATIBLE_API_KEY" },
  demo: { name: "demo", env: "" },
};

export function providerLabel(kind: ProviderKind): string {
  return LABELS[kind].name;
}

/** The sentence shown for a missing or rejected key. */
export function setKeyMessage(kind: ProviderKind, rejected: boolean): string {
  const { name, env } = LABELS[kind];
  const what = rejected ? `${name} rejected the API key.` : `No ${name} API key is set.`;
  return `${what} Set your ${name} key with "Preflight: Set API Key" (CLI: set ${env}).`;
}

const cache = new Map<string, ResolvedProvider>();
let demoServer: Promise<DemoServer> | null = null;

function demoBaseUrl(): Promise<string> {
  if (!demoServer) {
    const starting = startDemoServer();
    demoServer = starting;
    // A failed start is not cached: the next request tries again.
    starting.catch(() => {
      if (demoServer === starting) demoServer = null;
    });
  }
  return demoServer.then((s) => s.baseUrl);
}

/**
 * An empty endpoint means the SDK default, which honours OPENAI_BASE_URL / ANTHROPIC_BASE_URL
 * from the environment (the CLI documents both).
 */
async function build(ref: ModelRef, settings: Settings, getKey: KeyLookup, endpoint: string): Promise<ResolvedProvider> {
  const timeout = settings.timeouts.attemptMs;
  if (ref.provider === "demo") {
    const client = new OpenAI({ apiKey: "demo", baseURL: await demoBaseUrl(), maxRetries: 0, timeout, logLevel: "off" });
    return { provider: createOpenAiProvider("demo", client), secrets: [] };
  }
  const key = await getKey(ref.provider);
  if (ref.provider === "anthropic") {
    if (!key) throw new PipelineError(ErrorCode.AuthFailed, setKeyMessage("anthropic", false), { provider: "anthropic" });
    const client = new Anthropic({ apiKey: key, authToken: null, baseURL: endpoint || undefined, maxRetries: 0, timeout, logLevel: "off" });
    return { provider: createAnthropicProvider(client), secrets: [key] };
  }
  if (ref.provider === "compatible") {
    if (!endpoint) {
      throw new PipelineError(
        ErrorCode.InvalidSettings,
        "Set preflight.endpoints.compatible to your server's URL, e.g. http://localhost:11434/v1 (CLI: --base-url or PREFLIGHT_COMPATIBLE_BASE_URL).",
      );
    }
    // Local servers (Ollama, LM Studio) need no key; the SDK still wants a non-empty string.
    const client = new OpenAI({ apiKey: key ?? "not-needed", baseURL: endpoint, maxRetries: 0, timeout, logLevel: "off" });
    return { provider: createOpenAiProvider("compatible", client), secrets: key ? [key] : [] };
  }
  if (!key) throw new PipelineError(ErrorCode.AuthFailed, setKeyMessage("openai", false), { provider: "openai" });
  const client = new OpenAI({ apiKey: key, baseURL: endpoint || undefined, maxRetries: 0, timeout, logLevel: "off" });
  return { provider: createOpenAiProvider("openai", client), secrets: [key] };
}

/** The default provider source: cached per provider kind, endpoint and timeout. */
export function createProviderSource(getKey: KeyLookup): ProviderSource {
  return async (ref, settings) => {
    const endpoint = ref.provider === "demo" ? "" : settings.endpoints[ref.provider];
    const id = `${ref.provider}|${endpoint}|${settings.timeouts.attemptMs}`;
    const hit = cache.get(id);
    if (hit) return hit;
    const resolved = await build(ref, settings, getKey, endpoint);
    cache.set(id, resolved);
    return resolved;
  };
}

/** Drops every cached client (keys or endpoints changed) and stops the demo server. */
export async function disposeProviders(): Promise<void> {
  cache.clear();
  const demo = demoServer;
  demoServer = null;
  if (demo) await (await demo).close();
}
