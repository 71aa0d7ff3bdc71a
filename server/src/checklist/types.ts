/**
 * The checklist's own vocabulary: rule ids, severities and findings. Nothing here knows about
 * LSP or tree-sitter, so the CLI, the language server and the tests share it.
 */
export const RULE_IDS = [
  "hardcoded-api-key",
  "missing-timeout",
  "missing-retry",
  "missing-max-tokens",
  "unchecked-finish-reason",
  "no-fallback-provider",
  "raw-prompt-logged",
  "prompt-injection-risk",
  "unbounded-history",
  "cors-wildcard",
  "missing-rate-limit",
  "cache-nondeterministic",
  "missing-streaming",
  "pii-sent-unredacted",
  "missing-cost-tracking",
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export type Severity = "error" | "warning" | "info";

export function isRuleId(value: string): value is RuleId {
  return (RULE_IDS as readonly string[]).includes(value);
}

/** A 0-based range inside one file (tree-sitter rows and columns). */
export type Span = { startLine: number; startCol: number; endLine: number; endCol: number };

/** A mechanical text edit: replace [start, end) (UTF-16 offsets into the file text) with `text`. */
export type TextEdit = { start: number; end: number; text: string };

/** One quick fix: a title and the edits that apply it. */
export type QuickFix = { title: string; edits: TextEdit[]; preferred?: boolean };

/** One finding of one rule; `span` is 0-based, `line` in messages is 1-based. */
export type Finding = {
  rule: RuleId;
  severity: Severity;
  message: string;
  span: Span;
  fixes: QuickFix[];
};

/** Documentation link for a rule, used as the diagnostic's codeDescription. */
export function ruleDocUrl(rule: RuleId): string {
  return `https://github.com/preflight-dev/preflight/blob/main/docs/rules/${rule}.md`;
}
