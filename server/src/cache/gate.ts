/**
 * The intent gate: refuses a semantic hit when the two questions differ in what the policy
 * (shared/specs/cache.md) lists: negation, numbers and units, versions, languages and
 * runtimes, libraries, direction, order, OS, scope, added constraints, and the operation
 * asked for. Words are compared after synonyms, stemming and typo repair; ordered relations
 * ("int to str") must agree; a context phrase ("in my Flask project") may be one-sided.
 * A word on one side only is looked up in the category lists (categories.ts): a listed word
 * refuses, a light word is ignored, and unlisted wording is left to similarity within limits.
 */
import { CONSTRAINT_MARKERS, LIGHT_WORDS, listedWords, type Category } from "./categories";
import { OPPOSING_PREFIXES } from "./lexicon";
import { analyse, stem, type Analysis } from "./text";

export type GateVerdict = { ok: true } | { ok: false; reason: string; words: string[] };

const KEYBOARD_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
const KEY_POS = new Map<string, [number, number]>();
KEYBOARD_ROWS.forEach((row, r) => [...row].forEach((ch, c) => KEY_POS.set(ch, [r, c + r * 0.5])));

function adjacentKeys(a: string, b: string): boolean {
  const pa = KEY_POS.get(a);
  const pb = KEY_POS.get(b);
  if (!pa || !pb) return false;
  return Math.abs(pa[0] - pb[0]) <= 1 && Math.abs(pa[1] - pb[1]) <= 1;
}

function opposedByPrefix(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return OPPOSING_PREFIXES.some((p) => long === p + short || long.startsWith(p) && long.slice(p.length) === short);
}

/**
 * True when `a` and `b` are the same word up to one typing slip: a swap of neighbours, a
 * missing or extra letter inside the word, a dropped last letter of a long word, or a
 * neighbouring key (longer words only). Other changes at either end are not slips: they are
 * how real words differ ("route"/"router", "sync"/"async").
 */
export function isTypo(a: string, b: string): boolean {
  if (a === b) return true;
  if (/\d/.test(a) || /\d/.test(b)) return false;
  if (Math.min(a.length, b.length) < 4 || Math.abs(a.length - b.length) > 1 || opposedByPrefix(a, b)) return false;
  if (a[0] !== b[0]) return false;
  if (a.length === b.length) {
    const diffs: number[] = [];
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diffs.push(i);
    if (diffs.length === 2 && diffs[1] === diffs[0]! + 1) return a[diffs[0]!] === b[diffs[1]!] && a[diffs[1]!] === b[diffs[0]!];
    return diffs.length === 1 && a.length >= 6 && diffs[0]! < a.length - 1 && adjacentKeys(a[diffs[0]!]!, b[diffs[0]!]!);
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  // A dropped last letter ("colum", "conver") is a slip in longer words, unless it is one that
  // makes a different word ("route"/"router", "use"/"used", "node"/"nodes").
  if (i === short.length) return short.length >= 5 && !"sdry".includes(long[long.length - 1]!);
  if (i === 0) return false;
  return short.slice(i) === long.slice(i + 1);
}

/** Words of `mine` with no counterpart (equal, or a typo of one of its written forms) in `theirs`. */
function unmatched(mine: Set<string>, theirs: Set<string>, myForms: Map<string, Set<string>>, theirForms: Map<string, Set<string>>): string[] {
  const out: string[] = [];
  for (const w of mine) {
    if (theirs.has(w)) continue;
    const mineWritten = myForms.get(w) ?? new Set([w]);
    let found = false;
    for (const t of theirs) {
      const theirWritten = theirForms.get(t) ?? new Set([t]);
      for (const x of mineWritten) for (const y of theirWritten) if (isTypo(x, y)) found = true;
      if (found) break;
    }
    if (!found) out.push(w);
  }
  return out;
}

function union(a: Set<string>, b: Set<string>): Set<string> {
  return new Set([...a, ...b]);
}

const CATEGORY_BY_FORM = new Map<string, Category>();
for (const [w, c] of listedWords()) {
  for (const f of [w, stem(w)]) if (!CATEGORY_BY_FORM.has(f)) CATEGORY_BY_FORM.set(f, c);
}
const LIGHT = new Set<string>();
for (const w of LIGHT_WORDS) for (const f of [w, stem(w)]) LIGHT.add(f);
/** Light verbs that ask to obtain, display or inspect something, and those that ask to make or do something. */
const LOOK = new Set("get find see show display view tell look obtain retrieve access print list output check know".split(" "));
const MAKE = new Set("create make do put take give use have".split(" "));

/** The written forms of canonical word `w` in a question. */
function written(a: Analysis, w: string): string[] {
  return a.words.filter((x) => x.canon === w).map((x) => x.raw);
}

/**
 * The policy category of an unmatched word, "light" for words that ask for nothing, or
 * undefined. Light is decided on the written word, not its synonym group ("make" is light,
 * "generate" is not, though both fold to "create").
 */
function classify(w: string, forms: Set<string> | undefined, raws: string[]): Category | "light" | undefined {
  const all = [w, ...(forms ?? [])];
  if (all.some((f) => /\d/.test(f))) return "number";
  if (raws.length > 0 && raws.every((r) => LIGHT.has(r) || LIGHT.has(stem(r)))) return "light";
  for (const f of all) {
    const c = CATEGORY_BY_FORM.get(f) ?? CATEGORY_BY_FORM.get(stem(f));
    if (c !== undefined) return c;
  }
  return undefined;
}

/** Similarity a pair must reach when it differs in unlisted wording (calibrated on tune; docs/cache.md). */
export const REWORDED_MIN_SIMILARITY = 0.8;
/** One-sided unlisted words up to this many are an added detail, not rewording. */
const MAX_DETAIL = 2;
/** At most this many unlisted words may differ in all. */
const MAX_REWORDED = 8;

/** True when a word of `words` in `unknown` sits in a clause opened by a constraint marker ("with", "only", "that", ...). */
function inConstraintClause(a: Analysis, unknown: Set<string>): string | undefined {
  let marker: string | undefined;
  let since = 0;
  for (const w of a.words) {
    if (/^[,.;:!?()]$/.test(w.raw)) {
      marker = undefined;
      continue;
    }
    if (CONSTRAINT_MARKERS.has(w.raw)) {
      marker = w.raw;
      since = 0;
      continue;
    }
    since++;
    if (marker !== undefined && since <= 6 && (w.role === "meaning" || w.role === "context") && unknown.has(w.canon)) return `${marker} ${w.raw}`;
  }
  return undefined;
}

/**
 * Compares two analysed questions. A pair whose meaningful words all match is accepted (the
 * threshold has already kept unrelated texts away). Otherwise every word on one side only is
 * classified: a word of a policy category (negation, number, version, language, library, OS,
 * direction, order, scope, constraint, operation) refuses; a light word ("get", "editor") is
 * ignored; the rest is unlisted wording, accepted only when the similarity is high and it is
 * not a one-for-one swap, not inside a constraint clause, not a one- or two-word detail added
 * to the same question, and not too much of it.
 */
export function compareIntent(a: Analysis, b: Analysis, similarity?: number): GateVerdict {
  if (a.meaning.size === 0 || b.meaning.size === 0) {
    return { ok: false, reason: "a question without meaningful words is never served from the semantic cache", words: [] };
  }
  const fullA = union(a.meaning, a.context);
  const fullB = union(b.meaning, b.context);
  const onlyA = unmatched(fullA, fullB, a.forms, b.forms);
  const onlyB = unmatched(fullB, fullA, b.forms, a.forms);
  // A context phrase on one side only is filler; on both sides it must agree.
  const forgivable = (only: string[], ctx: Set<string>, otherCtx: Set<string>) => otherCtx.size === 0 && only.every((w) => ctx.has(w));
  const keepA = forgivable(onlyA, a.context, b.context) ? [] : onlyA;
  const keepB = forgivable(onlyB, b.context, a.context) ? [] : onlyB;
  for (const rel of a.relations) {
    const [x, y] = rel.split(">");
    if (b.relations.has(`${y}>${x}`)) return { ok: false, reason: "the questions ask for opposite directions", words: [x!, y!] };
  }
  if (keepA.length === 0 && keepB.length === 0) return { ok: true };
  const unknownA: string[] = [];
  const unknownB: string[] = [];
  const listed: [Category, string][] = [];
  const lightA: string[] = [];
  const lightB: string[] = [];
  for (const [words, analysis, out, light] of [[keepA, a, unknownA, lightA], [keepB, b, unknownB, lightB]] as const) {
    for (const w of words) {
      const raws = written(analysis, w);
      const c = classify(w, analysis.forms.get(w), raws);
      if (c === "light") light.push(...raws);
      else if (c !== undefined) listed.push([c, w]);
      else out.push(w);
    }
  }
  // A light word is ignored, unless one side makes something where the other looks at
  // something ("make a temp file" vs "see a temp file"): that is a different operation.
  const mix = (x: string[], y: string[]) => x.some((r) => MAKE.has(r)) && y.some((r) => LOOK.has(r));
  if (mix(lightA, lightB) || mix(lightB, lightA)) {
    listed.push(...[...lightA, ...lightB].map((r): [Category, string] => ["operation", r]));
  }
  if (listed.length > 0) {
    const categories = [...new Set(listed.map(([c]) => c))];
    return { ok: false, reason: `the questions differ in ${categories.join(", ")}`, words: listed.map(([, w]) => w) };
  }
  if (unknownA.length === 0 && unknownB.length === 0) return { ok: true };
  const words = [...unknownA, ...unknownB];
  if (similarity === undefined || similarity < REWORDED_MIN_SIMILARITY) {
    return { ok: false, reason: "the questions are worded differently and not similar enough", words };
  }
  if (unknownA.length > 0 && unknownB.length > 0 && Math.max(unknownA.length, unknownB.length) <= 2) {
    return { ok: false, reason: "a word is swapped for one not known to mean the same", words };
  }
  const clause = inConstraintClause(a, new Set(unknownA)) ?? inConstraintClause(b, new Set(unknownB));
  if (clause !== undefined) return { ok: false, reason: "one question adds a condition", words: [clause] };
  if (Math.min(unknownA.length, unknownB.length) === 0 && words.length <= MAX_DETAIL) {
    // One or two words added to an otherwise equal question are a detail ("an ISO date", "a nested dict").
    return { ok: false, reason: "one question adds a detail", words };
  }
  if (words.length > MAX_REWORDED) return { ok: false, reason: "the questions differ in too many words", words };
  return { ok: true };
}

/** The gate on raw (redacted) question texts. */
export function sameIntent(a: string, b: string, similarity?: number): GateVerdict {
  return compareIntent(analyse(a), analyse(b), similarity);
}
