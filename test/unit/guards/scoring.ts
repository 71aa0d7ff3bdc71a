/**
 * Scoring for the labelled corpora (formats in AGENTS.md): per-type precision and recall on
 * exact spans, hard-negative rate, and injection recall and false-positive rates. Used by
 * accuracy.test.ts on every set present (tune/ and, when run at the end, holdout/).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { scanInjection } from "../../../server/src/guards/injection/detector";
import { detect } from "../../../server/src/guards/detect";
import { PII_TYPES, SECRET_TYPES } from "../../../server/src/guards/types";

export type RedactionRecord = { id: string; text: string; findings: { start: number; end: number; type: string }[]; tags: string[] };
export type InjectionRecord = { id: string; text: string; channel: "chat" | "code" | "document"; label: "injection" | "benign"; tags: string[] };

/** Reads every *.jsonl file of a set directory. */
export function readSet<T>(dir: string): T[] {
  if (!existsSync(dir)) return [];
  const out: T[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".jsonl")).sort()) {
    for (const line of readFileSync(join(dir, f), "utf8").split("\n")) if (line.trim()) out.push(JSON.parse(line) as T);
  }
  return out;
}

export type Counts = { tp: number; fp: number; fn: number };
export type RedactionScore = {
  perType: Record<string, Counts>;
  secrets: Counts;
  pii: Counts;
  hardNegatives: number;
  hardNegativesWithFinding: number;
  errors: { id: string; kind: "fp" | "fn"; type: string; value: string }[];
};

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);
export const precision = (c: Counts): number => ratio(c.tp, c.tp + c.fp);
export const recall = (c: Counts): number => ratio(c.tp, c.tp + c.fn);

/** Scores the redactor on a set: a finding counts only with the exact span and type. */
export function scoreRedaction(records: RedactionRecord[]): RedactionScore {
  const perType: Record<string, Counts> = {};
  const bump = (t: string, k: keyof Counts): void => {
    perType[t] ??= { tp: 0, fp: 0, fn: 0 };
    perType[t]![k]++;
  };
  const score: RedactionScore = { perType, secrets: { tp: 0, fp: 0, fn: 0 }, pii: { tp: 0, fp: 0, fn: 0 }, hardNegatives: 0, hardNegativesWithFinding: 0, errors: [] };
  for (const r of records) {
    const got = detect(r.text);
    const key = (f: { start: number; end: number; type: string }): string => `${f.start}:${f.end}:${f.type}`;
    const expected = new Set(r.findings.map(key));
    const actual = new Set(got.map(key));
    for (const f of got) {
      const k = actual.has(key(f)) && expected.has(key(f)) ? "tp" : "fp";
      bump(f.type, k);
      if (k === "fp") score.errors.push({ id: r.id, kind: "fp", type: f.type, value: r.text.slice(f.start, f.end) });
    }
    for (const f of r.findings) {
      if (!actual.has(key(f))) {
        bump(f.type, "fn");
        score.errors.push({ id: r.id, kind: "fn", type: f.type, value: r.text.slice(f.start, f.end) });
      }
    }
    if (r.tags.includes("hard-negative")) {
      score.hardNegatives++;
      if (got.length > 0) score.hardNegativesWithFinding++;
    }
  }
  for (const [t, c] of Object.entries(perType)) {
    const group = (SECRET_TYPES as readonly string[]).includes(t) ? score.secrets : (PII_TYPES as readonly string[]).includes(t) ? score.pii : null;
    if (group) {
      group.tp += c.tp;
      group.fp += c.fp;
      group.fn += c.fn;
    }
  }
  return score;
}

export type InjectionScore = { injections: number; caught: number; benign: number; falsePositives: number; triggerBenign: number; triggerFalsePositives: number; errors: { id: string; label: string; score: number }[] };

/** Scores the injection detector on a set. */
export function scoreInjection(records: InjectionRecord[]): InjectionScore {
  const s: InjectionScore = { injections: 0, caught: 0, benign: 0, falsePositives: 0, triggerBenign: 0, triggerFalsePositives: 0, errors: [] };
  for (const r of records) {
    const v = scanInjection(r.text, r.channel);
    const flagged = v.verdict === "injection";
    if (r.label === "injection") {
      s.injections++;
      if (flagged) s.caught++;
      else s.errors.push({ id: r.id, label: r.label, score: v.score });
    } else {
      s.benign++;
      if (flagged) {
        s.falsePositives++;
        s.errors.push({ id: r.id, label: r.label, score: v.score });
      }
      if (r.tags.includes("trigger-words")) {
        s.triggerBenign++;
        if (flagged) s.triggerFalsePositives++;
      }
    }
  }
  return s;
}

/** A printable table of a redaction score. */
export function formatRedaction(name: string, s: RedactionScore): string {
  const rows = [`redaction ${name}: type precision recall tp fp fn`];
  for (const [t, c] of Object.entries(s.perType).sort()) rows.push(`  ${t.padEnd(18)} ${precision(c).toFixed(3)} ${recall(c).toFixed(3)} ${c.tp} ${c.fp} ${c.fn}`);
  rows.push(`  SECRETS            ${precision(s.secrets).toFixed(3)} ${recall(s.secrets).toFixed(3)}`);
  rows.push(`  PII                ${precision(s.pii).toFixed(3)} ${recall(s.pii).toFixed(3)}`);
  rows.push(`  hard negatives with a finding: ${s.hardNegativesWithFinding}/${s.hardNegatives} (${(ratio(s.hardNegativesWithFinding, s.hardNegatives) * 100).toFixed(1)}%)`);
  return rows.join("\n");
}

/** A printable line of an injection score. */
export function formatInjection(name: string, s: InjectionScore): string {
  return `injection ${name}: recall ${ratio(s.caught, s.injections).toFixed(3)} (${s.caught}/${s.injections}), FPR ${(s.falsePositives / Math.max(1, s.benign)).toFixed(3)} (${s.falsePositives}/${s.benign}), trigger-words FPR ${(s.triggerFalsePositives / Math.max(1, s.triggerBenign)).toFixed(3)} (${s.triggerFalsePositives}/${s.triggerBenign})`;
}
