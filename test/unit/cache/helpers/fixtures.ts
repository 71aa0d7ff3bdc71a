/** Shared helpers for the cache tests: temp folders, request keys, answer metadata. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CacheKeyInput } from "../../../../server/src/cache/keys";
import { openCache, type OpenCacheOptions, type SemanticCache } from "../../../../server/src/cache/semanticCache";
import { DEFAULT_CACHE_SETTINGS, type CacheSettings } from "../../../../server/src/cache/settings";

export function tempDir(prefix = "preflight-cache-"): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function keyFor(question: string, over: Partial<CacheKeyInput> & { system?: string; history?: CacheKeyInput["messages"] } = {}): CacheKeyInput {
  const { system, history, ...rest } = over;
  return {
    provider: "openai",
    model: "gpt-4o-mini",
    temperature: 0,
    params: { maxTokens: 1024 },
    templateId: "chat",
    templateVersion: "1",
    messages: [{ role: "system", content: system ?? "You are a helpful assistant." }, ...(history ?? []), { role: "user", content: question }],
    ...rest,
  };
}

export const META = { provider: "openai", model: "gpt-4o-mini", inputTokens: 100, outputTokens: 50, costUsd: 0.002 };

export function settings(over: Partial<CacheSettings> = {}): CacheSettings {
  return { ...DEFAULT_CACHE_SETTINGS, ...over };
}

export async function open(dir: string, over: Partial<OpenCacheOptions> = {}): Promise<SemanticCache> {
  return openCache({ dir, settings: settings(), debounceMs: 60_000, ...over });
}

/** Stores `question` with answer `answer` under the default key. */
export async function put(cache: SemanticCache, question: string, answer: string, over: Parameters<typeof keyFor>[1] = {}): Promise<void> {
  await cache.store(keyFor(question, over), question, answer, META);
}
