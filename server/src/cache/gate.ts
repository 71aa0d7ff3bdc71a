/**
 * The intent gate: refuses a semantic hit when the two questions differ in what the policy
 * (shared/specs/cache.md) lists: negation, numbers and units, versions, languages and
 * runtimes, libraries, direction, order, OS, scope, added constraints, and the operation
 * asked for. Words are compared after synonyms, stemming and typo repair; ordered relations
 * ("int to str") must agree; a context phrase ("in my Flask project") may be one-sided.
 * A word on one side only is looked up in the category lists (categories.ts): a listed word
 * refuses, a light word is ignored, and unlisted wording is left to similarity within limits.
 */
import { CONSTRAINT_MARKERS, IMPLIED_TOPICS, LIGHT_WORDS, listedWords, STRONG_CATEGORIES, type Category } from "./categories";
import { STORY_WORDS } from "./lexicon";
import { analyse, canonical, isTypo, stem, type Analysis } from "./text";

export { isTypo };

export type GateVerdict = { ok: true } | { ok: false; reason: string; words: string[] };

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
// Listed words first, then their stems, so a word listed as itself ("log") is not taken for the stem of another ("logging").
for (const [w, c] of listedWords()) if (!CATEGORY_BY_FORM.has(w)) CATEGORY_BY_FORM.set(w, c);
for (const [w, c] of listedWords()) if (!CATEGORY_BY_FORM.has(stem(w))) CATEGORY_BY_FORM.set(stem(w), c);
const LIGHT = new Set<string>();
for (const w of LIGHT_WORDS) for (const f of [w, stem(w)]) LIGHT.add(f);
/** Light verbs that ask to obtain, display or inspect something, and those that ask to make or do something. */
const LOOK = new Set("get find see show display view tell look obtain retrieve access print list output check know read".split(" "));
const MAKE = new Set("create make do put take give use have set".split(" "));

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


const IMPLIED = new Map<string, Set<string>>();
for (const [w, topics] of IMPLIED_TOPICS) {
  for (const f of [w, canonical(w)]) {
    const set = IMPLIED.get(f) ?? new Set<string>();
    for (const t of topics) set.add(canonical(t));
    IMPLIED.set(f, set);
  }
}

/** Topic words (language, tool, OS) of `only` that some word of the other question implies. */
function impliedBy(only: string[], other: Analysis): Set<string> {
  const implied = new Set<string>();
  for (const w of other.words) for (const t of IMPLIED.get(w.raw) ?? IMPLIED.get(w.canon) ?? []) implied.add(t);
  return new Set(only.filter((w) => implied.has(w)));
}

/** Canonical meaningful words inside the question clauses (after a "§" marker, up to the end of that sentence). */
function questionWords(a: Analysis): Set<string> | undefined {
  const out = new Set<string>();
  let inQuestion = false;
  let marked = false;
  let story = 0;
  for (const w of a.words) {
    if (w.raw === "§") {
      inQuestion = true;
      marked = true;
      continue;
    }
    if (/^[.?!;]$/.test(w.raw)) {
      inQuestion = false;
      continue;
    }
    if (w.role !== "meaning" && w.role !== "context") continue;
    if (inQuestion) out.add(w.canon);
    else story++;
  }
  return marked && story > 0 && out.size > 0 ? out : undefined;
}

/**
 * A verbose question tells a story around its question ("I have a list where some values appear
 * more than once. How do I remove the duplicates?"). It is served the answer of the plain
 * question when the question part itself holds every word of the plain question (a language,
 * tool or OS may be named in the story), the plain question adds nothing, and the words that
 * only the story holds are of no category that changes an answer on its own (negation,
 * numbers, versions, languages, libraries, OS, constraints); a story word no list knows needs
 * the similarity unlisted wording needs.
 */
function storyOnly(long: Analysis, short: Analysis, onlyLong: string[], onlyShort: string[], similarity: number | undefined): boolean {
  if (onlyShort.length > 0) return false;
  const q = questionWords(long);
  if (q === undefined) return false;
  const inQuestion = (w: string) => q.has(w) || [...q].some((x) => isTypo(x, w));
  for (const w of short.meaning) {
    if (inQuestion(w)) continue;
    const c = classify(w, short.forms.get(w), []);
    if (c !== "language" && c !== "library" && c !== "os") return false;
  }
  return onlyLong.every((w) => {
    if (inQuestion(w)) return false;
    if (written(long, w).every((r) => STORY_WORDS.has(r))) return true;
    const c = classify(w, long.forms.get(w), written(long, w));
    // A word no list knows may name a library or a detail: as everywhere, only a high similarity lets it pass.
    if (c === undefined) return similarity !== undefined && similarity >= REWORDED_MIN_SIMILARITY;
    return c === "light" || !STRONG_CATEGORIES.has(c);
  });
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
    if (/^[,.;:!?()§]$/.test(w.raw)) {
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
  // A topic the other question implies ("pip freeze" is Python) is not a difference.
  const impliedA = impliedBy(onlyA, b);
  const impliedB = impliedBy(onlyB, a);
  const keepA = forgivable(onlyA, a.context, b.context) ? [] : onlyA.filter((w) => !impliedA.has(w));
  const keepB = forgivable(onlyB, b.context, a.context) ? [] : onlyB.filter((w) => !impliedB.has(w));
  for (const rel of a.relations) {
    const [x, y] = rel.split(">");
    if (b.relations.has(`${y}>${x}`)) return { ok: false, reason: "the questions ask for opposite directions", words: [x!, y!] };
  }
  if (keepA.length === 0 && keepB.length === 0) return { ok: true };
  if (storyOnly(a, b, keepA, keepB, similarity) || storyOnly(b, a, keepB, keepA, similarity)) return { ok: true };
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
