/**
 * Guard settings: the `preflight.redaction` section (enabled, disabledTypes, allowValues,
 * allowTypes) and the `preflight.guard` section (linkAllowList, bannedPatterns,
 * injectionThreshold). Malformed values fall back to defaults with a problem sentence.
 */
import { regexProblem } from "./regexSafety";
import { isFindingType, type FindingType } from "./types";

export type GuardSettings = {
  redaction: {
    enabled: boolean;
    /** Types that are not detected at all. */
    disabledTypes: FindingType[];
    /** Exact values that are never redacted (e.g. a public test address). */
    allowValues: string[];
    /** Types that are detected and shown in the preview but sent as they are. */
    allowTypes: FindingType[];
  };
  guard: {
    /** Hosts (and their subdomains) that markdown links and images in answers may point to. */
    linkAllowList: string[];
    /** Regex sources; output matching one is blocked. */
    bannedPatterns: string[];
    /** Injection score at or above which a text is an injection. */
    injectionThreshold: number;
  };
};

export const DEFAULT_GUARD_SETTINGS: GuardSettings = {
  redaction: { enabled: true, disabledTypes: [], allowValues: [], allowTypes: [] },
  guard: { linkAllowList: ["github.com", "developer.mozilla.org", "docs.python.org", "nodejs.org", "learn.microsoft.com"], bannedPatterns: [], injectionThreshold: 0.5 },
};

function field(raw: unknown, key: string): unknown {
  return raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>)[key] : undefined;
}

function stringList(raw: unknown, key: string, problems: string[]): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.some((v) => typeof v !== "string")) {
    problems.push(`preflight.${key} must be a list of strings; ignoring it.`);
    return [];
  }
  return raw.map((v: string) => v.trim()).filter((v) => v.length > 0);
}

function typeList(raw: unknown, key: string, problems: string[]): FindingType[] {
  const out: FindingType[] = [];
  for (const v of stringList(raw, key, problems)) {
    if (isFindingType(v)) out.push(v);
    else problems.push(`preflight.${key}: "${v}" is not a finding type (for example EMAIL, OPENAI_KEY); ignoring it.`);
  }
  return out;
}

/** Sanitises the raw `preflight` configuration object into GuardSettings. */
export function guardSettingsFromRaw(raw: unknown): { settings: GuardSettings; problems: string[] } {
  const problems: string[] = [];
  const red = field(raw, "redaction");
  const grd = field(raw, "guard");
  const enabledRaw = field(red, "enabled");
  if (enabledRaw !== undefined && typeof enabledRaw !== "boolean") problems.push("preflight.redaction.enabled must be true or false; using true.");
  const hosts = field(grd, "linkAllowList");
  const bannedPatterns: string[] = [];
  for (const source of stringList(field(grd, "bannedPatterns"), "guard.bannedPatterns", problems)) {
    const problem = regexProblem(source);
    try {
      new RegExp(source, "u");
    } catch {
      problems.push(`preflight.guard.bannedPatterns: "${source}" is not a valid regular expression; ignoring it.`);
      continue;
    }
    if (problem) problems.push(`preflight.guard.bannedPatterns: "${source}" is unsafe (${problem}); ignoring it.`);
    else bannedPatterns.push(source);
  }
  let threshold = DEFAULT_GUARD_SETTINGS.guard.injectionThreshold;
  const t = field(grd, "injectionThreshold");
  if (t !== undefined && t !== null) {
    if (typeof t === "number" && t > 0 && t <= 1) threshold = t;
    else problems.push(`preflight.guard.injectionThreshold must be a number above 0 and at most 1; using ${threshold}.`);
  }
  return {
    settings: {
      redaction: {
        enabled: enabledRaw !== false,
        disabledTypes: typeList(field(red, "disabledTypes"), "redaction.disabledTypes", problems),
        allowValues: stringList(field(red, "allowValues"), "redaction.allowValues", problems),
        allowTypes: typeList(field(red, "allowTypes"), "redaction.allowTypes", problems),
      },
      guard: {
        linkAllowList: hosts === undefined || hosts === null ? [...DEFAULT_GUARD_SETTINGS.guard.linkAllowList] : stringList(hosts, "guard.linkAllowList", problems).map((h) => h.toLowerCase()),
        bannedPatterns,
        injectionThreshold: threshold,
      },
    },
    problems,
  };
}
