/**
 * Decoded candidates: base64 and hex runs decoded when the result is readable text, and the
 * whole text read as ROT13 and reversed. Each candidate keeps the original span it came from.
 */
import { eachMatch, pattern } from "../scan";

export type Decoded = { form: "base64" | "hex" | "rot13" | "reversed" | "identifier" | "joined"; text: string; start: number; end: number };

const BASE64 = pattern(`(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{16,8192}={0,2}`);
const HEX = pattern(`(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{2}[ :]?){10,4096}(?![0-9A-Fa-f])|(?:\\\\x[0-9A-Fa-f]{2}){8,4096}`);

/** True when decoded bytes read as text (mostly printable, some letters and spaces). */
function readable(s: string): boolean {
  if (s.length < 8) return false;
  let printable = 0;
  let letters = 0;
  let spaces = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c === 0xfffd) return false;
    if (c >= 32 || c === 10 || c === 13 || c === 9) printable++;
    if (/\p{L}/u.test(ch)) letters++;
    if (ch === " ") spaces++;
  }
  return printable / s.length > 0.95 && letters / s.length > 0.5 && spaces >= 1;
}

/** ROT13 of ASCII letters. */
export function rot13(s: string): string {
  const out = new Array<string>(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) out[i] = String.fromCharCode(((c - 52) % 26) + 65);
    else if (c >= 97 && c <= 122) out[i] = String.fromCharCode(((c - 84) % 26) + 97);
    else out[i] = s[i]!;
  }
  return out.join("");
}

const KEYWORDS = ["ignore", "disregard", "forget", "instructions", "previous", "system prompt", "reveal", "jailbreak", "do anything now", "no restrictions", "override", "you are now"];
/** ROT13 forms of attack keywords; the detector's one-pass needle scan looks for them too. */
export const ROT13_HINTS = KEYWORDS.map(rot13);
/** Reversed forms of attack keywords. */
export const REVERSED_HINTS = KEYWORDS.map((k) => [...k].reverse().join(""));

/** True when a lower-cased text shows ROT13 or reversed forms of attack keywords. */
export function hasTransformedHints(lower: string): { rot13: boolean; reversed: boolean } {
  return { rot13: ROT13_HINTS.some((h) => lower.includes(h)), reversed: REVERSED_HINTS.some((h) => lower.includes(h)) };
}

/**
 * What the encoded-run regexes could possibly match, from one pass over the character codes:
 * a run of at least 16 base64 characters (every BASE64 match is one), and a run of hex digits,
 * spaces and colons holding at least 20 hex digits or an escaped `\x` (every HEX match is in
 * one). The regexes, with their look-behinds, cost far more per character on ordinary prose.
 */
function encodedRuns(text: string): { base64: boolean; hex: boolean } {
  let b64 = 0;
  let hexDigits = 0;
  let base64 = false;
  let hex = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    const upper = c >= 65 && c <= 90;
    const lower = c >= 97 && c <= 122;
    if (digit || upper || lower || c === 43 || c === 47 || c === 95 || c === 45) {
      if (++b64 >= 16) base64 = true;
    } else b64 = 0;
    if (digit || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)) {
      if (++hexDigits >= 20) hex = true;
    } else if (c !== 32 && c !== 58) hexDigits = 0;
    if (c === 92 && text.charCodeAt(i + 1) === 120) hex = true;
    if (base64 && hex) break;
  }
  return { base64, hex };
}

/** Base64 and hex candidates that decode to readable text. */
export function decodeCandidates(text: string): Decoded[] {
  const out: Decoded[] = [];
  const runs = encodedRuns(text);
  if (runs.base64) eachMatch(BASE64, text, (m) => {
    if (!/[A-Z]/.test(m[0]) || !/[a-z]/.test(m[0]) || m[0].startsWith("eyJ")) return;
    const decoded = Buffer.from(m[0].replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("utf8");
    if (readable(decoded)) out.push({ form: "base64", text: decoded, start: m.index, end: m.index + m[0].length });
  });
  if (runs.hex) eachMatch(HEX, text, (m) => {
    const hex = m[0].replace(/\\x|[ :]/g, "");
    if (hex.length % 2 !== 0) return;
    const decoded = Buffer.from(hex, "hex").toString("utf8");
    if (readable(decoded)) out.push({ form: "hex", text: decoded, start: m.index, end: m.index + m[0].length });
  });
  return out;
}

/**
 * The whole-text transforms (ROT13 and reversed) worth trying for a lower-cased text; `hints`
 * may be passed when the caller already knows which hints occur (from one scan of the text).
 */
export function wholeTextForms(text: string, hints = hasTransformedHints(text)): Decoded[] {
  const out: Decoded[] = [];
  if (hints.rot13) out.push({ form: "rot13", text: rot13(text), start: 0, end: text.length });
  if (hints.reversed) out.push({ form: "reversed", text: [...text].reverse().join(""), start: 0, end: text.length });
  return out;
}

/** camelCase / PascalCase identifiers of at least five words. */
const CAMEL = pattern(`\\b[a-z]{0,12}(?:[A-Z][a-z0-9]{1,15}){4,30}\\b`);

/** snake_case identifiers of at least five words. */
const SNAKE = pattern(`\\b[A-Za-z][A-Za-z0-9]{0,15}(?:_[A-Za-z0-9]{1,15}){4,30}\\b`);

/** Long camelCase and snake_case identifiers split into words ("aiReviewerMustApprove" → "ai reviewer must approve"). */
export function identifierCandidates(text: string): Decoded[] {
  const out: Decoded[] = [];
  // Cheap checks first: most texts have no long identifiers at all.
  if (/_[A-Za-z0-9]{1,15}_[A-Za-z0-9]{1,15}_/.test(text)) eachMatch(SNAKE, text, (m) => {
    out.push({ form: "identifier", text: m[0].replace(/_/g, " ").toLowerCase(), start: m.index, end: m.index + m[0].length });
  });
  if (/[a-z0-9][A-Z][a-z0-9]{1,15}[A-Z]/.test(text)) eachMatch(CAMEL, text, (m) => {
    out.push({ form: "identifier", text: m[0].replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase(), start: m.index, end: m.index + m[0].length });
  });
  return out;
}

/** A quoted fragment ('…' or "…") on one line. */
const FRAGMENT = /(["'\u2018\u201c])([^"'\u2018\u2019\u201c\u201d\n]{1,80})["'\u2019\u201d]/g;
/** Signs that quoted fragments are meant to be put together. */
const JOIN_HINT = /["'\w]\s{0,3}\+\s{0,3}["'\w]|\b(?:concatenat\w*|combin\w*|join\w*|merg\w*|put together|glue\w*)\b[^.\n]{0,30}\b(?:fragments|strings|parts|pieces|halves|variables|words|them|these|they)\b|\b(?:fragments|strings|parts|pieces|halves|words|they|them)\b[^.\n]{0,30}\b(?:concatenat\w*|combin\w*|join\w*|merg\w*|put together|glue\w*)/i;

/** Payload splitting: the quoted fragments of a short text joined in order, when the text asks for them to be joined. */
export function joinedFragments(text: string): Decoded[] {
  if (text.length > 2000 || !JOIN_HINT.test(text)) return [];
  const parts: string[] = [];
  let first = -1;
  let last = 0;
  FRAGMENT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = FRAGMENT.exec(text)) !== null && parts.length < 20) {
    if (first === -1) first = m.index;
    last = m.index + m[0].length;
    parts.push(m[2]!);
  }
  if (parts.length < 2) return [];
  const out: Decoded[] = [{ form: "joined", text: parts.join(""), start: first, end: last }];
  // Whole words in separate quotes ('reveal', 'your', …) join with spaces.
  if (parts.every((p) => /^\S+$/.test(p))) out.push({ form: "joined", text: parts.join(" "), start: first, end: last });
  return out;
}
