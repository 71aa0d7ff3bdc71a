/**
 * Decoded candidates: base64 and hex runs decoded when the result is readable text, and the
 * whole text read as ROT13 and reversed. Each candidate keeps the original span it came from.
 */
import { eachMatch, pattern } from "../scan";

export type Decoded = { form: "base64" | "hex" | "rot13" | "reversed"; text: string; start: number; end: number };

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
  return s.replace(/[a-zA-Z]/g, (c) => {
    const base = c <= "Z" ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

/** Base64 and hex candidates that decode to readable text. */
export function decodeCandidates(text: string): Decoded[] {
  const out: Decoded[] = [];
  eachMatch(BASE64, text, (m) => {
    if (!/[A-Z]/.test(m[0]) || !/[a-z]/.test(m[0]) || m[0].startsWith("eyJ")) return;
    const decoded = Buffer.from(m[0].replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("utf8");
    if (readable(decoded)) out.push({ form: "base64", text: decoded, start: m.index, end: m.index + m[0].length });
  });
  eachMatch(HEX, text, (m) => {
    const hex = m[0].replace(/\\x|[ :]/g, "");
    if (hex.length % 2 !== 0) return;
    const decoded = Buffer.from(hex, "hex").toString("utf8");
    if (readable(decoded)) out.push({ form: "hex", text: decoded, start: m.index, end: m.index + m[0].length });
  });
  return out;
}

/** The whole-text transforms: ROT13 and reversed. */
export function wholeTextForms(text: string): Decoded[] {
  return [
    { form: "rot13", text: rot13(text), start: 0, end: text.length },
    { form: "reversed", text: [...text].reverse().join(""), start: 0, end: text.length },
  ];
}
