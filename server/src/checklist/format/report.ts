import { RULE_IDS, ruleDocUrl, type Finding, type RuleId } from "../types";

/** One finding with the file path as it should be shown (given or relative to cwd). */
export type ReportItem = { file: string; finding: Finding };

/** One-line summaries of the rules, used by SARIF and the text output. */
export const RULE_TITLES: Record<RuleId, string> = {
  "hardcoded-api-key": "Credential literal in source",
  "missing-timeout": "LLM call without a timeout",
  "missing-retry": "LLM call without retries",
  "missing-max-tokens": "LLM call without an output-token cap",
  "unchecked-finish-reason": "Result used without checking finish_reason",
  "no-fallback-provider": "No fallback provider",
  "raw-prompt-logged": "Raw prompt written to logs",
  "prompt-injection-risk": "User text in the system prompt",
  "unbounded-history": "Conversation history grows without bound",
  "cors-wildcard": "CORS allows any origin",
  "missing-rate-limit": "Entry point without a rate limit",
  "cache-nondeterministic": "Sampled LLM output cached",
  "missing-streaming": "Chat route does not stream",
  "pii-sent-unredacted": "PII sent to the model unredacted",
  "missing-cost-tracking": "Usage/cost not recorded",
};

/** `preflight scan --format json`: exactly the CLI.md shape, 1-based lines and columns. */
export function toJson(items: ReportItem[]): string {
  const findings = items.map(({ file, finding: f }) => ({
    file,
    line: f.span.startLine + 1,
    column: f.span.startCol + 1,
    endLine: f.span.endLine + 1,
    endColumn: f.span.endCol + 1,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
  }));
  return JSON.stringify({ version: 1, findings }, null, 2);
}

/** `preflight scan --format text`: one `file:line:col  severity  rule  message` line per finding. */
export function toText(items: ReportItem[]): string {
  const lines = items.map(({ file, finding: f }) => `${file}:${f.span.startLine + 1}:${f.span.startCol + 1}  ${f.severity}  ${f.rule}  ${f.message}`);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const i of items) counts[i.finding.severity]++;
  lines.push(`${items.length} finding${items.length === 1 ? "" : "s"} (${counts.error} error, ${counts.warning} warning, ${counts.info} info)`);
  return lines.join("\n");
}

/** `preflight scan --format sarif`: a SARIF 2.1.0 log with one run. */
export function toSarif(items: ReportItem[], toolVersion: string): string {
  const level = (s: Finding["severity"]): "error" | "warning" | "note" => (s === "info" ? "note" : s);
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "Preflight",
            version: toolVersion,
            informationUri: "https://github.com/preflight-dev/preflight",
            rules: RULE_IDS.map((id) => ({ id, name: id, shortDescription: { text: RULE_TITLES[id] }, helpUri: ruleDocUrl(id) })),
          },
        },
        results: items.map(({ file, finding: f }) => ({
          ruleId: f.rule,
          ruleIndex: RULE_IDS.indexOf(f.rule),
          level: level(f.severity),
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: file.split("\\").join("/") },
                region: { startLine: f.span.startLine + 1, startColumn: f.span.startCol + 1, endLine: f.span.endLine + 1, endColumn: f.span.endCol + 1 },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
