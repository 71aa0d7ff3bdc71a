/**
 * Typed settings shared by client and server. The client reads VS Code configuration and
 * passes it through `fromRaw`, so the server only ever sees sanitised values; problems are
 * reported as strings that name the setting and the fix, never thrown.
 */
export type ProviderKind = "openai" | "anthropic" | "compatible" | "demo";

/** `provider:model`, e.g. `openai:gpt-4o-mini`, `anthropic:claude-sonnet-4-5`, `demo:preflight-demo`. */
export type ModelRef = { provider: ProviderKind; model: string };

export type Settings = {
  /** The model used first; `demo:preflight-demo` (the offline demo model) when none is configured. */
  model: ModelRef;
  /** Fallback chain tried in order after `model` fails before the first token. */
  fallbacks: ModelRef[];
  /** Base URLs; empty string means the SDK default (or env for the CLI). */
  endpoints: { openai: string; anthropic: string; compatible: string };
  maxTokens: number;
  temperature: number;
  timeouts: { attemptMs: number; firstTokenMs: number; totalMs: number };
  retry: { maxAttempts: number; baseMs: number; maxWaitMs: number };
  limits: { maxInputChars: number };
  logging: { logRawPrompts: boolean; maxLogBytes: number };
};

export const DEFAULT_SETTINGS: Settings = {
  model: { provider: "demo", model: "preflight-demo" },
  fallbacks: [],
  endpoints: { openai: "", anthropic: "", compatible: "" },
  maxTokens: 1024,
  temperature: 0,
  timeouts: { attemptMs: 60_000, firstTokenMs: 20_000, totalMs: 120_000 },
  retry: { maxAttempts: 3, baseMs: 500, maxWaitMs: 20_000 },
  limits: { maxInputChars: 200_000 },
  logging: { logRawPrompts: false, maxLogBytes: 5 * 1024 * 1024 },
};

const PROVIDERS: readonly ProviderKind[] = ["openai", "anthropic", "compatible", "demo"];

/** Parses `provider:model`; returns an error sentence instead of throwing. */
export function parseModelRef(value: string): ModelRef | string {
  const i = value.indexOf(":");
  const provider = i > 0 ? value.slice(0, i) : "";
  const model = i > 0 ? value.slice(i + 1).trim() : "";
  if (!PROVIDERS.includes(provider as ProviderKind) || model === "") {
    return `"${value}" is not a model: write provider:model with provider one of ${PROVIDERS.join(", ")} (e.g. openai:gpt-4o-mini).`;
  }
  return { provider: provider as ProviderKind, model };
}

export function formatModelRef(ref: ModelRef): string {
  return `${ref.provider}:${ref.model}`;
}

type Problems = string[];

function num(raw: unknown, key: string, def: number, min: number, max: number, problems: Problems): number {
  if (raw === undefined || raw === null) return def;
  if (typeof raw !== "number" || !Number.isFinite(raw) || raw < min || raw > max) {
    problems.push(`preflight.${key} must be a number from ${min} to ${max}; using ${def}.`);
    return def;
  }
  return raw;
}

function str(raw: unknown, key: string, def: string, problems: Problems): string {
  if (raw === undefined || raw === null) return def;
  if (typeof raw !== "string") {
    problems.push(`preflight.${key} must be a string; using "${def}".`);
    return def;
  }
  return raw.trim();
}

function url(raw: unknown, key: string, problems: Problems): string {
  const value = str(raw, key, "", problems);
  if (value === "") return "";
  try {
    const u = new URL(value);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("protocol");
    return value.replace(/\/+$/, "");
  } catch {
    problems.push(`preflight.${key} must be an http(s) URL such as http://localhost:11434/v1; ignoring "${value}".`);
    return "";
  }
}

function get(raw: unknown, path: string): unknown {
  let cur: unknown = raw;
  for (const part of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/**
 * Sanitises raw configuration (the `preflight` section as an object) into Settings.
 * Unknown keys are ignored; malformed values fall back to defaults with a problem sentence.
 */
export function fromRaw(raw: unknown): { settings: Settings; problems: string[] } {
  const problems: Problems = [];
  const d = DEFAULT_SETTINGS;
  let model = d.model;
  const rawModel = get(raw, "model");
  if (typeof rawModel === "string" && rawModel.trim() !== "") {
    const parsed = parseModelRef(rawModel.trim());
    if (typeof parsed === "string") problems.push(`preflight.model: ${parsed}`);
    else model = parsed;
  } else if (rawModel !== undefined && rawModel !== "" && rawModel !== null) {
    problems.push(`preflight.model must be a string like openai:gpt-4o-mini; using the demo model.`);
  }
  const fallbacks: ModelRef[] = [];
  const rawFallbacks = get(raw, "fallbacks");
  if (Array.isArray(rawFallbacks)) {
    for (const f of rawFallbacks) {
      const parsed = typeof f === "string" ? parseModelRef(f.trim()) : `${JSON.stringify(f)} is not a string`;
      if (typeof parsed === "string") problems.push(`preflight.fallbacks: ${parsed}`);
      else fallbacks.push(parsed);
    }
  } else if (rawFallbacks !== undefined && rawFallbacks !== null) {
    problems.push(`preflight.fallbacks must be a list like ["anthropic:claude-3-5-haiku-latest"]; ignoring it.`);
  }
  return {
    settings: {
      model,
      fallbacks,
      endpoints: {
        openai: url(get(raw, "endpoints.openai"), "endpoints.openai", problems),
        anthropic: url(get(raw, "endpoints.anthropic"), "endpoints.anthropic", problems),
        compatible: url(get(raw, "endpoints.compatible"), "endpoints.compatible", problems),
      },
      maxTokens: num(get(raw, "maxTokens"), "maxTokens", d.maxTokens, 1, 200_000, problems),
      temperature: num(get(raw, "temperature"), "temperature", d.temperature, 0, 2, problems),
      timeouts: {
        attemptMs: num(get(raw, "timeouts.attemptSeconds"), "timeouts.attemptSeconds", d.timeouts.attemptMs / 1000, 1, 600, problems) * 1000,
        firstTokenMs: num(get(raw, "timeouts.firstTokenSeconds"), "timeouts.firstTokenSeconds", d.timeouts.firstTokenMs / 1000, 1, 600, problems) * 1000,
        totalMs: num(get(raw, "timeouts.totalSeconds"), "timeouts.totalSeconds", d.timeouts.totalMs / 1000, 1, 3600, problems) * 1000,
      },
      retry: {
        maxAttempts: num(get(raw, "retry.maxAttempts"), "retry.maxAttempts", d.retry.maxAttempts, 1, 10, problems),
        baseMs: num(get(raw, "retry.baseMs"), "retry.baseMs", d.retry.baseMs, 1, 60_000, problems),
        maxWaitMs: num(get(raw, "retry.maxWaitSeconds"), "retry.maxWaitSeconds", d.retry.maxWaitMs / 1000, 0, 600, problems) * 1000,
      },
      limits: { maxInputChars: num(get(raw, "limits.maxInputChars"), "limits.maxInputChars", d.limits.maxInputChars, 100, 10_000_000, problems) },
      logging: {
        logRawPrompts: get(raw, "logging.logRawPrompts") === true,
        maxLogBytes: num(get(raw, "logging.maxLogMegabytes"), "logging.maxLogMegabytes", d.logging.maxLogBytes / 1048576, 1, 1024, problems) * 1048576,
      },
    },
    problems,
  };
}
