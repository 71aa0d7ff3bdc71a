import type { Node } from "./tree";
import { isRuleId, type RuleId } from "./types";

/** Inline disables of one file: whole-file rules and per-line rules ("*" means every rule). */
export type Disables = { file: Set<RuleId | "*">; lines: Map<number, Set<RuleId | "*">> };

function rulesIn(rest: string): Set<RuleId | "*"> {
  const ids = rest.split(/[\s,]+/).map((s) => s.trim()).filter((s) => isRuleId(s)) as RuleId[];
  return new Set(ids.length > 0 ? ids : ["*"]);
}

/**
 * Reads `preflight-disable-next-line RULE`, `preflight-disable-line RULE` and
 * `preflight-disable-file [RULE]` from the file's comment nodes (no rule = every rule).
 */
export function readDisables(comments: readonly Node[]): Disables {
  const out: Disables = { file: new Set(), lines: new Map() };
  for (const c of comments) {
    if (!c) continue;
    const m = /preflight-disable-(next-line|line|file)\b(.*)$/m.exec(c.text);
    if (!m) continue;
    const rules = rulesIn((m[2] ?? "").replace(/\*\/\s*$/, ""));
    if (m[1] === "file") {
      for (const r of rules) out.file.add(r);
      continue;
    }
    const line = m[1] === "next-line" ? c.endPosition.row + 1 : c.startPosition.row;
    const set = out.lines.get(line) ?? new Set();
    for (const r of rules) set.add(r);
    out.lines.set(line, set);
  }
  return out;
}

/** True when `rule` is disabled at 0-based `line`. */
export function isDisabled(d: Disables, rule: RuleId, line: number): boolean {
  if (d.file.has("*") || d.file.has(rule)) return true;
  const s = d.lines.get(line);
  return !!s && (s.has("*") || s.has(rule));
}
