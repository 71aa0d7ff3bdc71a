/**
 * Small scanning helpers shared by the detectors. Every regex passed here must have bounded
 * repetition (no nested unbounded quantifiers), so a scan is linear in the text length; the
 * guards' unit tests check the sources of every registered pattern for that.
 */

/** All regexes used by the guards, registered so a test can check them for safe shapes. */
export const REGISTERED_PATTERNS: RegExp[] = [];

/** Registers a global regex and returns it. */
export function pattern(source: string, flags = "g"): RegExp {
  const re = new RegExp(source, flags.includes("g") ? flags : `${flags}g`);
  REGISTERED_PATTERNS.push(re);
  return re;
}

/** Calls `fn` for each match of a global regex, from the start of the text. */
export function eachMatch(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) re.lastIndex++;
    fn(m);
  }
}

/** The line of text around an offset (bounded to `max` characters on each side, so it stays O(max)). */
export function lineAround(text: string, start: number, end: number, max = 200): { line: string; offset: number } {
  const lo = Math.max(0, start - max);
  const left = text.slice(lo, start);
  const nl = left.lastIndexOf("\n");
  const s = nl === -1 ? lo : lo + nl + 1;
  const right = text.slice(end, Math.min(text.length, end + max));
  const nr = right.indexOf("\n");
  const e = nr === -1 ? end + right.length : end + nr;
  return { line: text.slice(s, e), offset: s };
}

/** Text before an offset, at most `max` characters, cut at the previous newline when `sameLine`. */
export function before(text: string, start: number, max: number, sameLine = false): string {
  const window = text.slice(Math.max(0, start - max), start);
  if (!sameLine) return window;
  const nl = window.lastIndexOf("\n");
  return nl === -1 ? window : window.slice(nl + 1);
}

/** Text after an offset, at most `max` characters, cut at the next newline when `sameLine`. */
export function after(text: string, end: number, max: number, sameLine = false): string {
  const window = text.slice(end, Math.min(text.length, end + max));
  if (!sameLine) return window;
  const nl = window.indexOf("\n");
  return nl === -1 ? window : window.slice(0, nl);
}

/** True for ASCII letters and digits. */
export function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** True when any of the keywords occurs in the (already lower-cased) text. */
export function hasAny(lower: string, keywords: readonly string[]): boolean {
  for (const k of keywords) if (lower.includes(k)) return true;
  return false;
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  if (value.length <= 4096 && isAscii(value)) return asciiEntropy(value);
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / value.length;
    h -= p * Math.log2(p);
  }
  return h;
}

function isAscii(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 127) return false;
  return true;
}

const COUNTS = new Int32Array(128);
const ORDER = new Int32Array(4096);

/** entropy() for ASCII text without a Map: same sums in the same (first-occurrence) order. */
function asciiEntropy(value: string): number {
  let distinct = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (COUNTS[c]++ === 0) ORDER[distinct++] = c;
  }
  let h = 0;
  for (let k = 0; k < distinct; k++) {
    const c = ORDER[k]!;
    const p = COUNTS[c]! / value.length;
    h -= p * Math.log2(p);
    COUNTS[c] = 0;
  }
  return h;
}
