import { RULE_IDS, isRuleId, type RuleId, type Severity } from "./types";

/** Per-rule level: a severity, or "off" to disable the rule. */
export type RuleLevel = Severity | "off";

/** The `preflight.checklist` settings section after sanitising. */
export type ChecklistSettings = {
  enabled: boolean;
  rules: Record<RuleId, RuleLevel>;
  /** Files larger than this are skipped by the workspace scan and by on-edit linting. */
  maxFileKb: number;
  /** Extra glob patterns (gitignore syntax) excluded from the workspace scan. */
  exclude: string[];
};

/** Default severities: credentials and open CORS are errors, the rest warnings. */
export const DEFAULT_RULE_LEVELS: Record<RuleId, RuleLevel> = {
  "hardcoded-api-key": "error",
  "missing-timeout": "warning",
  "missing-retry": "warning",
  "missing-max-tokens": "warning",
  "unchecked-finish-reason": "warning",
  "no-fallback-provider": "info",
  "raw-prompt-logged": "warning",
  "prompt-injection-risk": "warning",
  "unbounded-history": "warning",
  "cors-wildcard": "error",
  "missing-rate-limit": "warning",
  "cache-nondeterministic": "warning",
  "missing-streaming": "info",
  "pii-sent-unredacted": "warning",
  "missing-cost-tracking": "info",
};

export const DEFAULT_CHECKLIST_SETTINGS: ChecklistSettings = {
  enabled: true,
  rules: { ...DEFAULT_RULE_LEVELS },
  maxFileKb: 512,
  exclude: [],
};

const LEVELS: readonly RuleLevel[] = ["off", "info", "warning", "error"];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Sanitises the raw `preflight.checklist` section. Unknown or ill-typed values fall back to the
 * defaults and each produces one sentence in `problems` naming the setting and the fix.
 */
export function checklistSettingsFromRaw(raw: unknown): { settings: ChecklistSettings; problems: string[] } {
  const problems: string[] = [];
  const settings: ChecklistSettings = { ...DEFAULT_CHECKLIST_SETTINGS, rules: { ...DEFAULT_RULE_LEVELS }, exclude: [] };
  if (raw === undefined || raw === null) return { settings, problems };
  if (!isRecord(raw)) {
    problems.push("preflight.checklist must be an object; using the defaults.");
    return { settings, problems };
  }
  if (raw.enabled !== undefined) {
    if (typeof raw.enabled === "boolean") settings.enabled = raw.enabled;
    else problems.push("preflight.checklist.enabled must be true or false; using true.");
  }
  if (raw.rules !== undefined) {
    if (!isRecord(raw.rules)) problems.push("preflight.checklist.rules must map rule ids to off|info|warning|error.");
    else {
      for (const [id, level] of Object.entries(raw.rules)) {
        if (!isRuleId(id)) {
          problems.push(`preflight.checklist.rules: "${id}" is not a rule; known rules: ${RULE_IDS.join(", ")}.`);
        } else if (typeof level !== "string" || !LEVELS.includes(level as RuleLevel)) {
          problems.push(`preflight.checklist.rules.${id} must be one of off, info, warning, error.`);
        } else settings.rules[id] = level as RuleLevel;
      }
    }
  }
  if (raw.maxFileKb !== undefined) {
    const v = raw.maxFileKb;
    if (typeof v === "number" && Number.isFinite(v) && v >= 1 && v <= 100_000) settings.maxFileKb = v;
    else problems.push(`preflight.checklist.maxFileKb must be a number from 1 to 100000; using ${settings.maxFileKb}.`);
  }
  if (raw.exclude !== undefined) {
    if (Array.isArray(raw.exclude) && raw.exclude.every((g) => typeof g === "string")) settings.exclude = raw.exclude.map(String);
    else problems.push("preflight.checklist.exclude must be a list of glob strings; ignoring it.");
  }
  return { settings, problems };
}
