/**
 * PEM and PGP private keys: from `-----BEGIN … PRIVATE KEY-----` through the matching END
 * line, including interior newlines or literal `\n` escapes. A block whose body is elided
 * (`...`, `<key>`) is a placeholder and is skipped. Public keys and certificates never match.
 */
import { eachMatch, pattern } from "../scan";
import type { FindingSink } from "../types";

const BEGIN = pattern(`-----BEGIN ((?:[A-Z0-9]{1,12} ){0,3})PRIVATE KEY(?: BLOCK)?-----`);

/** Pushes each private key block; a block without END runs to the end of its base64 body. */
export function detectPrivateKeys(text: string, sink: FindingSink): void {
  eachMatch(BEGIN, text, (m) => {
    const start = m.index;
    const afterBegin = start + m[0].length;
    const endMarker = `-----END ${m[1] ?? ""}PRIVATE KEY`;
    const endAt = text.indexOf(endMarker, afterBegin);
    let end: number;
    if (endAt !== -1 && endAt - afterBegin < 20000) {
      const close = text.indexOf("-----", endAt + endMarker.length);
      end = close === -1 ? endAt + endMarker.length : close + 5;
    } else {
      end = afterBegin;
      while (end < text.length && end - afterBegin < 20000 && /[A-Za-z0-9+/=\s\\]/.test(text[end]!)) end++;
      while (end > afterBegin && /[\s\\]/.test(text[end - 1]!)) end--;
    }
    const body = text.slice(afterBegin, Math.min(end, endAt === -1 ? end : endAt));
    const base64Chars = body.replace(/\\n|[^A-Za-z0-9+/]/g, "").length;
    if (base64Chars < 40 || /\.\.\.|\u2026|<[^>]*>|x{8,}|X{8,}/.test(body)) return;
    sink("PRIVATE_KEY", start, end, 3);
    BEGIN.lastIndex = Math.max(BEGIN.lastIndex, end);
  });
}
