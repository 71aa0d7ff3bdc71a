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

/** The line of text around an offset (bounded to `max` characters on each side). */
export function lineAround(text: string, start: number, end: number, max = 200): { line: string; offset: number } {
  const lo = Math.max(0, start - max);
  let s = text.lastIndexOf("\n", start - 1);
  s = s < lo ? lo : s + 1;
  let e = text.indexOf("\n", end);
  if (e === -1 || e > end + max) e = Math.min(text.length, end + max);
  return { line: text.slice(s, e), offset: s };
}

/** Text before an offset, at most `max` characters, cut at the previous newline when `sameLine`. */
export function before(text: string, start: number, max: number, sameLine = false): string {
  let s = Math.max(0, start - max);
  if (sameLine) {
    const nl = text.lastIndexOf("\n", start - 1);
    if (nl >= s) s = nl + 1;
  }
  return text.slice(s, start);
}

/** Text after an offset, at most `max` characters, cut at the next newline when `sameLine`. */
export function after(text: string, end: number, max: number, sameLine = false): string {
  let e = Math.min(text.length, end + max);
  if (sameLine) {
    const nl = text.indexOf("\n", end);
    if (nl !== -1 && nl < e) e = nl;
  }
  return text.slice(end, e);
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / value.length;
    h -= p * Math.log2(p);
  }
  return h;
}
