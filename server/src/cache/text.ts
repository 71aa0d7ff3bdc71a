/**
 * Reads a question into canonical words for the intent gate and the offline embedder:
 * lower-cased, contractions expanded, phrases rewritten, light stemming, synonyms folded.
 * Each word keeps its role: meaningful, filler, grammar, or part of a context phrase.
 */
import { listedWords } from "./categories";
import { EQUIVALENT_PHRASES } from "./equivalences";
import { CONTEXT_HEADS, FILLER_WORDS, FUNCTION_WORDS, OPPOSING_PREFIXES, PHRASES, RELATIONAL, SYNONYM_GROUPS } from "./lexicon";

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

/**
 * Content words the lexicon knows (synonyms, category lists, the words of the equivalence
 * phrases). A word of five or more letters that is not one of them but is a typing slip of
 * exactly one of them is read as that word before phrases are matched, so "remvoe duplicates"
 * meets "remove duplicates" the way the gate's own typo repair would have.
 */
const VOCABULARY = new Set<string>();
for (const group of SYNONYM_GROUPS) for (const w of group) VOCABULARY.add(w);
for (const [w] of listedWords()) VOCABULARY.add(w);
for (const [pattern] of EQUIVALENT_PHRASES) for (const w of pattern.source.replace(/\\[bwsd]/g, " ").match(/[a-z]{5,}/g) ?? []) VOCABULARY.add(w);
const KNOWN = new Set<string>([...VOCABULARY, ...FILLER_WORDS, ...FUNCTION_WORDS]);
const BY_INITIAL = new Map<string, string[]>();
for (const w of VOCABULARY) if (w.length >= 4 && /^[a-z]+$/.test(w)) BY_INITIAL.set(w[0]!, [...(BY_INITIAL.get(w[0]!) ?? []), w]);
const corrections = new Map<string, string>();

/** The known word `w` is a slip of, when there is exactly one; otherwise `w`. */
function correct(w: string): string {
  if (w.length < 5 || KNOWN.has(w) || KNOWN.has(stem(w))) return w;
  const cached = corrections.get(w);
  if (cached !== undefined) return cached;
  const hits = new Set<string>();
  for (const v of BY_INITIAL.get(w[0]!) ?? []) if (isTypo(w, v)) hits.add(v);
  const out = hits.size === 1 ? [...hits][0]! : w;
  if (corrections.size < 10_000) corrections.set(w, out);
  return out;
}


type Literal = string | number | Literal[];

/** Reads a literal (quoted string, number, or [array] of literals) at `i`; returns it and where it ends. */
function readLiteral(text: string, i: number): [Literal, number] | undefined {
  const ch = text[i];
  if (ch === '"' || ch === "'" || ch === "\u201c") {
    const close = ch === "\u201c" ? "\u201d" : ch;
    const end = text.indexOf(close, i + 1);
    return end < 0 ? undefined : [text.slice(i + 1, end), end + 1];
  }
  if (ch === "[") {
    const items: Literal[] = [];
    let j = i + 1;
    for (;;) {
      while (text[j] === " ") j++;
      if (text[j] === "]") return [items, j + 1];
      const item = readLiteral(text, j);
      if (item === undefined) return undefined;
      items.push(item[0]);
      j = item[1];
      while (text[j] === " ") j++;
      if (text[j] === ",") j++;
      else if (text[j] !== "]") return undefined;
    }
  }
  const m = /^-?\d+(?:\.\d+)?/.exec(text.slice(i));
  return m ? [Number(m[0]), i + m[0].length] : undefined;
}

const SEPARATORS: [string, string][] = [[", ", "commas"], [",", "commas"], [" ", "spaces"], [";", "semicolons"], ["\n", "newlines"], ["-", "dashes"], ["_", "underscores"], ["|", "pipes"], ["", "characters"]];
const same = (x: Literal, y: Literal): boolean => JSON.stringify(x) === JSON.stringify(y);
const decimals = (n: number): number => (String(n).split(".")[1] ?? "").length;
const flat = (x: Literal[]): Literal[] => x.flatMap((v) => (Array.isArray(v) ? flat(v) : [v]));

/**
 * What an example shows, in words: "turn "hello" into "HELLO"" is "convert a string to
 * uppercase", "turn [1, [2]] into [1, 2]" is "flatten a nested list". The policy serves a
 * question given by example the answer of the question that describes it; an example no rule
 * here explains stays as it is (its values then differ from the description and the gate refuses).
 */
function describe(x: Literal, y: Literal, seq: string): string | undefined {
  if (typeof x === "string" && typeof y === "string") {
    if (x === y) return undefined;
    if (y === x.toLowerCase()) return "convert a string to lowercase";
    if (y === x.toUpperCase()) return "convert a string to uppercase";
    if (y === [...x].reverse().join("")) return "reverse a string";
    if (y === x.trim()) return "trim whitespace from a string";
    if (y === x.charAt(0).toUpperCase() + x.slice(1)) return "capitalize the first letter of a string";
    if (/^\.\w+$/.test(y) && x.endsWith(y)) return "get the file extension from a filename";
    return undefined;
  }
  if (typeof x === "string" && Array.isArray(y) && y.every((v) => typeof v === "string") && y.length > 1) {
    for (const [sep, name] of SEPARATORS) if (same(x.split(sep), y)) return sep === "" ? "split a string into characters" : `split a string by ${name}`;
    return undefined;
  }
  if (Array.isArray(x) && typeof y === "string" && x.length > 1 && x.every((v) => typeof v === "string")) {
    for (const [sep, name] of SEPARATORS) if (x.join(sep) === y) return sep === "" ? `join a ${seq} of strings into one string` : `join a ${seq} of strings with ${name}`;
    return undefined;
  }
  if (Array.isArray(x) && Array.isArray(y) && x.length > 1) {
    if (x.some(Array.isArray) && !y.some(Array.isArray) && same(flat(x), y)) return `flatten a nested ${seq}`;
    if (same([...x].reverse(), y)) return `reverse a ${seq}`;
    if (same([...new Set(x.map((v) => JSON.stringify(v)))].map((v) => JSON.parse(v) as Literal), y) && y.length < x.length) return `remove duplicates from a ${seq}`;
    const sorted = [...x].sort((p, q) => (p < q ? -1 : p > q ? 1 : 0));
    if (!same(x, sorted) && same(sorted, y)) return `sort a ${seq}`;
    if (!same(x, [...sorted].reverse()) && same([...sorted].reverse(), y)) return `sort a ${seq} in descending order`;
    return undefined;
  }
  if (typeof x === "string" && typeof y === "number") {
    if (x.trim() !== "" && Number(x) === y) return Number.isInteger(y) && !x.includes(".") ? "convert a string to an integer" : "convert a string to a float";
    if (y === x.length && x.length > 0) return "get the length of a string";
    return undefined;
  }
  if (Array.isArray(x) && typeof y === "number" && y === x.length && x.length > 0) return `get the length of a ${seq}`;
  if (typeof x === "number" && typeof y === "string" && String(x) === y) return Number.isInteger(x) ? "convert an integer to a string" : "convert a float to a string";
  if (typeof x === "number" && typeof y === "number" && decimals(y) < decimals(x)) {
    const d = decimals(y);
    if (Math.abs(Number(x.toFixed(d)) - y) < 1e-9) return d === 0 ? "round a number to the nearest integer" : `round a number to ${d} decimal places`;
  }
  return undefined;
}

/** Rewrites "turn X into Y" and "get Y from X" with literal X and Y into the operation they show. */
export function describeExamples(text: string): string {
  const seq = /\b(?:javascript|js|typescript|ts|node|numpy|ruby|php|java|swift|bash)\b/i.test(text) ? "array" : "list";
  const verb = /\b(?:turn|convert|change|transform|make|map|go from|get|obtain|extract)\s+(?=["'\u201c\[\d-])/gi;
  let out = "";
  let last = 0;
  for (let m = verb.exec(text); m !== null; m = verb.exec(text)) {
    const first = readLiteral(text, m.index + m[0].length);
    if (first === undefined) continue;
    const link = /^\s+(into|to|from)\s+(?:(?:the|a|an)\s+)?(?:(?:number|integer|int|float|string|list|array)\s+)?/i.exec(text.slice(first[1]));
    if (link === null) continue;
    const second = readLiteral(text, first[1] + link[0].length);
    if (second === undefined) continue;
    const backwards = link[1]!.toLowerCase() === "from";
    if (backwards !== /^(?:get|obtain|extract)/i.test(m[0])) continue;
    const words = backwards ? describe(second[0], first[0], seq) : describe(first[0], second[0], seq);
    if (words === undefined) continue;
    out += text.slice(last, m.index) + words;
    last = second[1];
    verb.lastIndex = second[1];
  }
  return out + text.slice(last);
}

/** Lower-cases and rewrites contractions and phrases into plain words. */
export function normalise(text: string): string {
  let t = ` ${describeExamples(text.normalize("NFKC")).toLowerCase().replace(/[\u2018\u2019\u02bc`]/g, "'")} `;
  t = t.replace(/\bcan'?t\b/g, "can not").replace(/\bcannot\b/g, "can not").replace(/\bwon'?t\b/g, "will not").replace(/n't\b/g, " not");
  t = t.replace(/'(?:s|re|ve|m|ll|d)\b/g, "");
  t = t.replace(/[a-z]{5,}/g, correct);
  // "§" marks where a question starts, so the gate can tell the question from the story around it.
  t = t.replace(/(^\s*|[.?!;,:]\s*)(?=(?:how|what|where|which|is there|are there|can (?:i|we|you|someone|anyone)|could (?:i|we|you|someone|anyone)|should (?:i|we))\b)/g, "$1 § ");
  for (const [pattern, replacement] of EQUIVALENT_PHRASES) {
    const next = t.replace(pattern, replacement);
    // Collapse the spaces a rewrite leaves, so later phrases see single spaces.
    if (next !== t) t = next.replace(/ {2,}/g, " ");
  }
  for (const [pattern, replacement] of PHRASES) t = t.replace(pattern, replacement);
  return t;
}

const TOKEN = /\d+(?:\.(?:\d+|x))*(?:xx)?|[a-z]+|[,.;:!?()§]/g;
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
