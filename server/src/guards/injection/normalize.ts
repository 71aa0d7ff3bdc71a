/**
 * Normalisation before matching. Each view is a transformed copy of the text plus a map from
 * view offsets back to original offsets, so evidence spans always point into the original:
 * - `nfkc`: Unicode tag characters decoded, zero-width and bidi controls removed, NFKC
 *   (enclosed, fullwidth and mathematical letters become plain), lower-cased. Real Cyrillic
 *   and CJK text stays intact for the non-English patterns.
 * - `folded`: `nfkc` plus homoglyph folding (Cyrillic/Greek look-alikes → Latin), leetspeak
 *   inside words that mix letters and digits, and spaced-out letters joined (`i g n o r e`).
 */

export type View = { form: string; text: string; map: Int32Array };

const spacedRun = /(?<![a-z])[a-z](?:[ .\-_*]{1,3}[a-z](?![a-z])){3}/;

const INVISIBLE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufe00-\ufe0f]/;

const HOMOGLYPHS: Record<string, string> = {
  "\u0430": "a", "\u0435": "e", "\u043e": "o", "\u0440": "p", "\u0441": "c", "\u0443": "y", "\u0445": "x", "\u0456": "i",
  "\u0458": "j", "\u0455": "s", "\u0501": "d", "\u0261": "g", "\u04bb": "h", "\u0442": "t", "\u043a": "k", "\u043c": "m",
  "\u043d": "h", "\u0432": "b", "\u0433": "r", "\u0438": "u", "\u043f": "n", "\u0457": "i", "\u04cf": "l", "\u0491": "r",
  "\u03bf": "o", "\u03b1": "a", "\u03b9": "i", "\u03bd": "v", "\u03b5": "e", "\u03ba": "k", "\u03c1": "p", "\u03c4": "t",
  "\u03c5": "u", "\u03c7": "x", "\u03b7": "n", "\u03bc": "u", "\u0131": "i", "\u1d00": "a", "\u0269": "i", "\u01c0": "l",
};
const LEET: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s", "8": "b", "9": "g" };

/** Starts of 26-letter blocks of enclosed Latin capitals without a compatibility decomposition. */
const ENCLOSED_BASES: [number][] = [[0x1f150], [0x1f170], [0x1f1e6]];

const NEEDS_WORK = /[^\x00-\x7f]|[\ud800-\udfff]/;

/** One shared identity map, grown on demand; views of ASCII text get a read-only window of it. */
let IDENTITY = new Int32Array(0);

/** An identity offset map for views that keep every character in place (a subarray of the shared map: nothing writes to view maps). */
function identity(n: number): Int32Array {
  if (IDENTITY.length < n + 1) {
    IDENTITY = new Int32Array(Math.max(n + 1, IDENTITY.length * 2, 4096));
    for (let i = 0; i < IDENTITY.length; i++) IDENTITY[i] = i;
  }
  return IDENTITY.subarray(0, n + 1);
}

/** Builds the `nfkc` view. */
export function nfkcView(text: string): View {
  if (!NEEDS_WORK.test(text)) return { form: "nfkc", text: text.toLowerCase(), map: identity(text.length) };
  let out = "";
  const map: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (cp >= 0xe0000 && cp <= 0xe007f) {
      if (cp >= 0xe0020 && cp <= 0xe007e) {
        out += String.fromCharCode(cp - 0xe0000).toLowerCase();
        map.push(i);
      }
    } else if (ENCLOSED_BASES.some(([lo]) => cp >= lo && cp < lo + 26)) {
      // Negative circled/squared letters and regional indicators have no NFKC form; fold them by hand.
      const [lo] = ENCLOSED_BASES.find(([b]) => cp >= b && cp < b + 26)!;
      out += String.fromCharCode(97 + cp - lo);
      map.push(i);
    } else {
      const ch = text.slice(i, i + width);
      if (!INVISIBLE.test(ch)) {
        const norm = (cp < 0x80 ? ch : ch.normalize("NFKC")).toLowerCase();
        for (let k = 0; k < norm.length; k++) {
          out += norm[k];
          map.push(i);
        }
      }
    }
    i += width;
  }
  map.push(text.length);
  return { form: "nfkc", text: out, map: Int32Array.from(map) };
}

/** Leetspeak in one word-like chunk that mixes letters with leet characters; other chunks stay as they are. */
function unleetWord(folded: string, w: string, at: number): string {
  return /[a-z]/.test(w) && /[0-9@$]/.test(w) && !/^\d+$/.test(w) && !(w.includes("@") && /^[a-z0-9-]{0,40}\.[a-z]/.test(folded.slice(at + w.length, at + w.length + 42)))
    ? w.replace(/[013457@$89]/g, (c, i: number) => (c === "@" && i === 0 ? c : c === "1" && i > 0 && /[aeiou]/.test(w[i - 1]!) && /[e3]/.test(w[i + 1] ?? "") ? "l" : LEET[c] ?? c))
    : w;
}

/** True for the characters of word-like chunks: a-z, 0-9, @ and $. */
function wordish(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 64 || c === 36;
}

/**
 * Leetspeak folding over the chunks `/[a-z0-9@$]{3,40}/g` would visit (each maximal run cut into
 * greedy chunks of at most 40, a last chunk shorter than 3 left alone), but only chunks holding a
 * digit, @ or $ are looked at, so ordinary words cost one character test each.
 */
function unleet(folded: string): string {
  let out = "";
  let copied = 0;
  const n = folded.length;
  let i = 0;
  while (i < n) {
    if (!wordish(folded.charCodeAt(i))) {
      i++;
      continue;
    }
    let runEnd = i;
    while (runEnd < n && wordish(folded.charCodeAt(runEnd))) runEnd++;
    for (let at = i; runEnd - at >= 3; at += 40) {
      const end = Math.min(at + 40, runEnd);
      let special = false;
      for (let k = at; k < end && !special; k++) {
        const c = folded.charCodeAt(k);
        special = c < 97;
      }
      if (!special) continue;
      const w = folded.slice(at, end);
      const r = unleetWord(folded, w, at);
      if (r !== w) {
        out += folded.slice(copied, at) + r;
        copied = end;
      }
    }
    i = runEnd;
  }
  return copied === 0 ? folded : out + folded.slice(copied);
}

/** Builds the `folded` view from the `nfkc` view. */
export function foldedView(base: View): View {
  const src = base.text;
  let folded = src;
  if (NEEDS_WORK.test(src)) {
    folded = "";
    for (let i = 0; i < src.length; i++) folded += HOMOGLYPHS[src[i]!] ?? src[i];
  }
  // Leetspeak: only inside word-like runs that mix letters with leet characters.
  const leeted = !/[a-z][0-9@$]|[0-9@$][a-z]/.test(folded) ? folded : unleet(folded);
  // Spaced letters: runs of at least four single letters separated by one space, dot, dash or underscore.
  spacedRun.lastIndex = 0;
  if (!spacedRun.test(leeted)) return { form: "folded", text: leeted, map: base.map };
  let out = "";
  const map: number[] = [];
  const spaced = /(?<![a-z])[a-z](?:[ .\-_*]{1,3}[a-z](?![a-z])){3,200}/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = spaced.exec(leeted)) !== null) {
    for (let k = last; k < m.index; k++) {
      out += leeted[k];
      map.push(base.map[k]!);
    }
    let gap = 0;
    for (let k = m.index; k < m.index + m[0].length; k++) {
      if (/[a-z]/.test(leeted[k]!)) {
        if (gap >= 2) {
          out += " ";
          map.push(base.map[k]!);
        }
        out += leeted[k];
        map.push(base.map[k]!);
        gap = 0;
      } else gap++;
    }
    last = m.index + m[0].length;
    // Keep a word break after a joined run.
    out += " ";
    map.push(base.map[last] ?? base.map[base.map.length - 1]!);
  }
  for (let k = last; k < leeted.length; k++) {
    out += leeted[k];
    map.push(base.map[k]!);
  }
  map.push(base.map[base.map.length - 1]!);
  return { form: "folded", text: out, map: Int32Array.from(map) };
}
