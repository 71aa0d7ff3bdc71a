/**
 * Reads a question into canonical words for the intent gate and the offline embedder:
 * lower-cased, contractions expanded, phrases rewritten, light stemming, synonyms folded.
 * Each word keeps its role: meaningful, filler, grammar, or part of a context phrase.
 */
import { CONTEXT_HEADS, FILLER_WORDS, FUNCTION_WORDS, PHRASES, RELATIONAL, SYNONYM_GROUPS } from "./lexicon";

export type Role = "meaning" | "filler" | "grammar" | "context";
export type Word = { raw: string; canon: string; role: Role };
export type Analysis = {
  words: Word[];
  /** Canonical meaningful words (what the answer depends on). */
  meaning: Set<string>;
  /** Canonical words inside a context phrase such as "in my Flask project". */
  context: Set<string>;
  /** Ordered relations "x to y" / "y from x" as "x>y" between meaningful words. */
  relations: Set<string>;
  /** The written forms behind each canonical word, for typo repair. */
  forms: Map<string, Set<string>>;
};

/** Undoubles a final double consonant so "install"/"instal" and "commit"/"committ" meet. */
function undouble(w: string): string {
  return /([b-df-hj-np-tv-z])\1$/.test(w) ? w.slice(0, -1) : w;
}

/** A light suffix stemmer: plurals, -ing, -ed, -ly, final e. Deterministic, so both sides agree. */
export function stem(word: string): string {
  let w = word;
  if (/^\d/.test(w) || w.length <= 3) return w;
  if (w.endsWith("ies") && w.length > 4) w = w.slice(0, -3) + "y";
  else if (/(?:sses|xes|ches|shes|zes)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith("s") && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith("ing") && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith("ed") && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith("ly") && w.length > 5) w = w.slice(0, -2);
  if (w.endsWith("e") && w.length > 3) w = w.slice(0, -1);
  return undouble(w);
}

const CANON = new Map<string, string>();
for (const group of SYNONYM_GROUPS) {
  const canon = group[0]!;
  for (const word of group) {
    if (!CANON.has(word)) CANON.set(word, canon);
    const s = stem(word);
    if (!CANON.has(s)) CANON.set(s, canon);
  }
}

/** The canonical form of one lower-case token. */
export function canonical(token: string): string {
  return CANON.get(token) ?? CANON.get(stem(token)) ?? stem(token);
}

/** Lower-cases and rewrites contractions and phrases into plain words. */
export function normalise(text: string): string {
  let t = ` ${text.normalize("NFKC").toLowerCase().replace(/[\u2018\u2019\u02bc`]/g, "'")} `;
  t = t.replace(/\bcan'?t\b/g, "can not").replace(/\bcannot\b/g, "can not").replace(/\bwon'?t\b/g, "will not").replace(/n't\b/g, " not");
  t = t.replace(/'(?:s|re|ve|m|ll|d)\b/g, "");
  for (const [pattern, replacement] of PHRASES) t = t.replace(pattern, replacement);
  return t;
}

const TOKEN = /\d+(?:\.(?:\d+|x))*(?:xx)?|[a-z]+|[,.;:!?()]/g;
const DETERMINERS = new Set(["my", "our", "a", "an", "the", "this", "their", "your"]);
const CONTEXT_PREPS = new Set(["in", "for", "on", "inside", "within", "with"]);

function roleOf(raw: string, canon: string): Role {
  if (!/[a-z0-9]/.test(raw)) return "grammar";
  if (FUNCTION_WORDS.has(raw) || FUNCTION_WORDS.has(canon)) return "grammar";
  if (FILLER_WORDS.has(raw) || FILLER_WORDS.has(canon)) return "filler";
  if (raw.length === 1 && /[a-z]/.test(raw) && raw !== "c" && raw !== "r" && canon === raw) return "filler";
  return "meaning";
}

/** Marks "in my Flask project"-style phrases: their words become context, their head filler. */
function markContext(words: Word[]): void {
  for (let i = 0; i + 2 < words.length; i++) {
    if (!CONTEXT_PREPS.has(words[i]!.raw) || !DETERMINERS.has(words[i + 1]!.raw)) continue;
    for (let j = i + 2; j < Math.min(words.length, i + 6); j++) {
      const w = words[j]!;
      const after = words[j + 1];
      if ((CONTEXT_HEADS.has(w.raw) || CONTEXT_HEADS.has(w.canon)) && (after === undefined || after.role !== "meaning")) {
        for (let k = i + 2; k < j; k++) if (words[k]!.role === "meaning") words[k]!.role = "context";
        w.role = "filler";
        break;
      }
      if (w.role === "grammar") break;
    }
  }
}

/** Up to two meaningful words next to position `i` in one direction, stopping at a relation word. */
function nearby(words: Word[], i: number, step: 1 | -1): string[] {
  const out: string[] = [];
  for (let k = i + step, seen = 0; k >= 0 && k < words.length && seen < 5 && out.length < 2; k += step, seen++) {
    const w = words[k]!;
    if (RELATIONAL.has(w.raw)) break;
    if (w.role === "meaning") out.push(w.canon);
  }
  return out;
}

/**
 * Ordered relations "x>y" for "x to y", "y from x", "from x to y" and friends, between the
 * nearest meaningful words on each side, so "int to str" and "str to int" can be told apart.
 */
function readRelations(words: Word[]): Set<string> {
  const relations = new Set<string>();
  const addAll = (sources: string[], targets: string[]) => {
    for (const x of sources) for (const y of targets) if (x !== y) relations.add(`${x}>${y}`);
  };
  words.forEach((w, i) => {
    const dir = RELATIONAL.get(w.raw);
    if (dir === undefined) return;
    const before = nearby(words, i, -1);
    const after = nearby(words, i, 1);
    if (dir === "forward") addAll(before, after);
    else addAll(after, before);
    if (w.raw === "from") {
      // "from x to y": x flows to y even though a relation word sits between them.
      for (let k = i + 1; k < Math.min(words.length, i + 7); k++) {
        if (words[k]!.raw === "to" || words[k]!.raw === "into") {
          addAll(after, nearby(words, k, 1));
          break;
        }
      }
    }
  });
  return relations;
}

export function analyse(text: string): Analysis {
  const words: Word[] = [];
  for (const raw of normalise(text).match(TOKEN) ?? []) {
    const canon = /[a-z0-9]/.test(raw) ? canonical(raw) : raw;
    words.push({ raw, canon, role: roleOf(raw, canon) });
  }
  markContext(words);
  const meaning = new Set<string>();
  const context = new Set<string>();
  const forms = new Map<string, Set<string>>();
  for (const w of words) {
    if (w.role === "meaning") meaning.add(w.canon);
    else if (w.role === "context") context.add(w.canon);
    else continue;
    const set = forms.get(w.canon) ?? new Set<string>();
    set.add(w.raw).add(w.canon);
    forms.set(w.canon, set);
  }
  return { words, meaning, context, relations: readRelations(words), forms };
}
