import * as fs from "node:fs";
import * as path from "node:path";
import { toJson, toSarif, toText, type ReportItem } from "../checklist/format/report";
import { Checklist } from "../checklist/linter";
import { DEFAULT_CHECKLIST_SETTINGS } from "../checklist/settings";
import { isRuleId, RULE_IDS, type RuleId, type Severity } from "../checklist/types";
import { lintFiles, listFiles } from "../checklist/workspace";
import { VERSION } from "../version";
import { EXIT, usageError, type CliCommand } from "./io";

type ScanArgs = { paths: string[]; format: "text" | "json" | "sarif"; rules?: RuleId[]; failOn: Severity };

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

function parseArgs(argv: string[]): ScanArgs | string {
  const out: ScanArgs = { paths: [], format: "text", failOn: "error" };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] as string;
    const eq = raw.startsWith("--") ? raw.indexOf("=") : -1;
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    const value = (): string | undefined => (eq > 0 ? raw.slice(eq + 1) : argv[++i]);
    if (flag === "--format") {
      const v = value();
      if (v !== "text" && v !== "json" && v !== "sarif") return `--format must be text, json or sarif (got "${v ?? ""}").`;
      out.format = v;
    } else if (flag === "--rules") {
      const ids = (value() ?? "").split(",").map((s) => s.trim()).filter(Boolean);
      const bad = ids.filter((id) => !isRuleId(id));
      if (ids.length === 0 || bad.length > 0) return `--rules takes a comma-separated list of rule ids; unknown: ${bad.join(", ") || "(empty)"}. Known rules: ${RULE_IDS.join(", ")}.`;
      out.rules = ids as RuleId[];
    } else if (flag === "--fail-on") {
      const v = value();
      if (v !== "warning" && v !== "error") return `--fail-on must be warning or error (got "${v ?? ""}").`;
      out.failOn = v;
    } else if (raw.startsWith("-")) return `unknown option ${raw} for scan. Usage: preflight scan [PATH...] [--format text|json|sarif] [--rules a,b] [--fail-on warning|error]`;
    else out.paths.push(raw);
  }
  return out;
}

/**
 * `preflight scan [PATH...] [--format text|json|sarif] [--rules a,b] [--fail-on warning|error]`:
 * lints the given files/directories (default: cwd) and exits 1 when a finding is at or above
 * `--fail-on` (default error), 2 on usage errors.
 */
export const scan: CliCommand = async (io) => {
  const args = parseArgs(io.argv);
  if (typeof args === "string") return usageError(io, args);
  const roots = (args.paths.length > 0 ? args.paths : ["."]).map((p) => path.resolve(io.cwd, p));
  const missing = roots.filter((r) => !fs.existsSync(r));
  if (missing.length > 0) return usageError(io, `no such file or directory: ${missing.join(", ")}`);
  const checklist = await Checklist.create(__dirname, { lazy: true });
  const files = await listFiles(roots, DEFAULT_CHECKLIST_SETTINGS);
  const opts = args.rules ? { settings: DEFAULT_CHECKLIST_SETTINGS, only: args.rules } : { settings: DEFAULT_CHECKLIST_SETTINGS };
  const results = await lintFiles(checklist, files, opts);
  const items: ReportItem[] = [];
  for (const [file, findings] of results) {
    const rel = path.relative(io.cwd, file);
    const shown = rel === "" ? path.basename(file) : rel.startsWith("..") || path.isAbsolute(rel) ? file : rel;
    for (const finding of findings) items.push({ file: shown, finding });
  }
  if (args.format === "json") io.stdout.write(`${toJson(items)}\n`);
  else if (args.format === "sarif") io.stdout.write(`${toSarif(items, VERSION)}\n`);
  else io.stdout.write(`${toText(items)}\n`);
  io.stderr.write(`preflight scan: ${files.length} file${files.length === 1 ? "" : "s"} scanned, ${items.length} finding${items.length === 1 ? "" : "s"}.\n`);
  return items.some((i) => RANK[i.finding.severity] >= RANK[args.failOn]) ? EXIT.findings : EXIT.ok;
};
