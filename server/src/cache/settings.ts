/**
 * The `preflight.cache` settings section, sanitised like the shared settings: malformed values
 * fall back to defaults with a sentence naming the setting and the fix, never a throw.
 */
export type EmbeddingsSettings =
  | { provider: "offline" }
  | { provider: "openai" | "compatible"; model: string; baseUrl: string; timeoutMs: number };

export type CacheSettings = {
  enabled: boolean;
  /** Serve only temperature-0 requests from the cache (answers at higher temperatures vary on purpose). */
  onlyTemperatureZero: boolean;
  ttlHours: number;
  maxEntries: number;
  /** Minimum cosine similarity for a semantic hit; the intent gate must also agree. */
  similarityThreshold: number;
  embeddings: EmbeddingsSettings;
};

/** Calibrated on test/fixtures/cache/tune (see docs/cache.md). */
export const DEFAULT_SIMILARITY_THRESHOLD = 0.45;

export const DEFAULT_CACHE_SETTINGS: CacheSettings = Object.freeze({
  enabled: true,
  onlyTemperatureZero: true,
  ttlHours: 24 * 7,
  maxEntries: 10_000,
  similarityThreshold: DEFAULT_SIMILARITY_THRESHOLD,
  embeddings: { provider: "offline" },
}) as CacheSettings;

function field(raw: unknown, key: string): unknown {
  return raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>)[key] : undefined;
}

function bool(raw: unknown, key: string, def: boolean, problems: string[]): boolean {
  if (raw === undefined || raw === null) return def;
  if (typeof raw !== "boolean") {
    problems.push(`preflight.cache.${key} must be true or false; using ${def}.`);
    return def;
  }
  return raw;
}

function num(raw: unknown, key: string, def: number, min: number, max: number, problems: string[]): number {
  if (raw === undefined || raw === null) return def;
  if (typeof raw !== "number" || !Number.isFinite(raw) || raw < min || raw > max) {
    problems.push(`preflight.cache.${key} must be a number from ${min} to ${max}; using ${def}.`);
    return def;
  }
  return raw;
}

function embeddingsFromRaw(raw: unknown, problems: string[]): EmbeddingsSettings {
  if (raw === undefined || raw === null) return { provider: "offline" };
  const provider = field(raw, "provider");
  if (provider === undefined || provider === "offline") return { provider: "offline" };
  if (provider !== "openai" && provider !== "compatible") {
    problems.push(`preflight.cache.embeddings.provider must be "offline", "openai" or "compatible"; using the offline embedder.`);
    return { provider: "offline" };
  }
  const model = field(raw, "model");
  if (typeof model !== "string" || model.trim() === "") {
    problems.push(`preflight.cache.embeddings.model must name an embedding model (e.g. text-embedding-3-small or nomic-embed-text); using the offline embedder.`);
    return { provider: "offline" };
  }
  let baseUrl = "";
  const rawUrl = field(raw, "baseUrl");
  if (typeof rawUrl === "string" && rawUrl.trim() !== "") {
    try {
      const u = new URL(rawUrl.trim());
      if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("protocol");
      baseUrl = rawUrl.trim().replace(/\/+$/, "");
    } catch {
      problems.push(`preflight.cache.embeddings.baseUrl must be an http(s) URL such as http://localhost:11434/v1; using the offline embedder.`);
      return { provider: "offline" };
    }
  } else if (provider === "compatible") {
    problems.push(`preflight.cache.embeddings.baseUrl is required for the "compatible" provider (e.g. http://localhost:11434/v1); using the offline embedder.`);
    return { provider: "offline" };
  }
  const timeoutSeconds = num(field(raw, "timeoutSeconds"), "embeddings.timeoutSeconds", 5, 1, 120, problems);
  return { provider, model: model.trim(), baseUrl, timeoutMs: timeoutSeconds * 1000 };
}

/** Parses the raw `preflight.cache` object. */
export function cacheSettingsFromRaw(raw: unknown): { settings: CacheSettings; problems: string[] } {
  const problems: string[] = [];
  const d = DEFAULT_CACHE_SETTINGS;
  if (raw !== undefined && raw !== null && typeof raw !== "object") {
    problems.push(`preflight.cache must be an object; using the defaults.`);
    return { settings: { ...d }, problems };
  }
  return {
    settings: {
      enabled: bool(field(raw, "enabled"), "enabled", d.enabled, problems),
      onlyTemperatureZero: bool(field(raw, "onlyTemperatureZero"), "onlyTemperatureZero", d.onlyTemperatureZero, problems),
      ttlHours: num(field(raw, "ttlHours"), "ttlHours", d.ttlHours, 0.001, 24 * 365, problems),
      maxEntries: Math.floor(num(field(raw, "maxEntries"), "maxEntries", d.maxEntries, 1, 1_000_000, problems)),
      similarityThreshold: num(field(raw, "similarityThreshold"), "similarityThreshold", d.similarityThreshold, 0.3, 1, problems),
      embeddings: embeddingsFromRaw(field(raw, "embeddings"), problems),
    },
    problems,
  };
}
