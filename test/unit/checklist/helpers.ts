import * as fs from "node:fs";
import * as path from "node:path";
import { Checklist } from "../../../server/src/checklist/linter";
import type { Finding, RuleId } from "../../../server/src/checklist/types";
import { lintFiles, listFiles } from "../../../server/src/checklist/workspace";
import { DEFAULT_CHECKLIST_SETTINGS } from "../../../server/src/checklist/settings";

let shared: Promise<Checklist> | undefined;

/** One engine for all checklist tests (grammars load once). */
export function engine(): Promise<Checklist> {
  shared ??= Checklist.create();
  return shared;
}

export const FIXTURES = path.resolve(__dirname, "../../fixtures/checklist");

/** Lints a text as if it were a file with the given name. */
export async function lintText(file: string, text: string, only?: RuleId[]): Promise<Finding[]> {
  const c = await engine();
  return c.lint(file, text, only ? { only } : {});
}

/** Applies text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: { start: number; end: number; text: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

type Expected = { files: Record<string, { rule: string; line: number }[]> };

export type SetScore = {
  perRule: Map<string, { tp: number; fp: number; fn: number }>;
  tp: number;
  fp: number;
  fn: number;
  lineHits: number;
  cleanFiles: number;
  dirtyCleanFiles: string[];
  mistakes: string[];
};

/** Scores a labelled set per (file, rule) pair. */
export async function scoreSet(dir: string): Promise<SetScore> {
  const expected = JSON.parse(fs.readFileSync(path.join(dir, "expected.json"), "utf8")) as Expected;
  const root = path.join(dir, "files");
  const files = await listFiles([root], { ...DEFAULT_CHECKLIST_SETTINGS, exclude: [] });
  const results = await lintFiles(await engine(), files, {});
  const score: SetScore = { perRule: new Map(), tp: 0, fp: 0, fn: 0, lineHits: 0, cleanFiles: 0, dirtyCleanFiles: [], mistakes: [] };
  const bump = (rule: string, k: "tp" | "fp" | "fn"): void => {
    const r = score.perRule.get(rule) ?? { tp: 0, fp: 0, fn: 0 };
    r[k]++;
    score.perRule.set(rule, r);
    score[k]++;
  };
  for (const [rel, exp] of Object.entries(expected.files)) {
    const found = results.get(path.join(root, rel)) ?? [];
    if (exp.length === 0) {
      score.cleanFiles++;
      if (found.length > 0) score.dirtyCleanFiles.push(`${rel}: ${found.map((f) => `${f.rule}@${f.span.startLine + 1}`).join(", ")}`);
    }
    const expRules = new Set(exp.map((e) => e.rule));
    const gotRules = new Set<string>(found.map((f) => f.rule));
    for (const r of expRules) {
      if (gotRules.has(r)) {
        bump(r, "tp");
        const lines = new Set(found.filter((f) => f.rule === r).map((f) => f.span.startLine + 1));
        if (exp.some((e) => e.rule === r && lines.has(e.line))) score.lineHits++;
        else score.mistakes.push(`line  ${rel}: ${r} expected ${exp.filter((e) => e.rule === r).map((e) => e.line).join("/")} got ${[...lines].join("/")}`);
      } else {
        bump(r, "fn");
        score.mistakes.push(`FN    ${rel}: ${r} @${exp.filter((e) => e.rule === r).map((e) => e.line).join("/")}`);
      }
    }
    for (const r of gotRules) {
      if (!expRules.has(r)) {
        bump(r, "fp");
        score.mistakes.push(`FP    ${rel}: ${r} @${found.filter((f) => f.rule === r).map((f) => f.span.startLine + 1).join("/")}`);
      }
    }
  }
  return score;
}

/** A small table of per-rule precision/recall. */
export function formatScore(name: string, s: SetScore): string {
  const pct = (a: number, b: number): string => (b === 0 ? "  -  " : (a / b).toFixed(2).padStart(5));
  const rows = [...s.perRule.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([rule, r]) => `  ${rule.padEnd(24)} P ${pct(r.tp, r.tp + r.fp)}  R ${pct(r.tp, r.tp + r.fn)}  (tp ${r.tp}, fp ${r.fp}, fn ${r.fn})`);
  return [
    `checklist ${name}: precision ${pct(s.tp, s.tp + s.fp)} recall ${pct(s.tp, s.tp + s.fn)} (tp ${s.tp}, fp ${s.fp}, fn ${s.fn}); line match ${s.lineHits}/${s.tp}; clean files with findings ${s.dirtyCleanFiles.length}/${s.cleanFiles}`,
    ...rows,
  ].join("\n");
}
