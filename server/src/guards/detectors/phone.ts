/**
 * Phone numbers in national and E.164 formats. A bounded candidate scan finds runs of digits
 * and separators; the candidate's groups are then checked against known shapes (E.164 with
 * `+`, North American 3-3-4, national numbers with a trunk `0`) or a phone label nearby.
 * Dates, versions, IPs, SSN shapes and bare integers are not phone numbers.
 */
import { before, eachMatch, pattern } from "../scan";
import type { FindingSink } from "../types";

const CANDIDATE = pattern(`(?<![\\w+./\\-:#=@$])\\+?\\(?\\d[\\d ().\\-]{5,24}\\d(?![\\w]|[.\\-]\\d)`);
const LABEL =
  /(?:\b(?:tel|tele|phone|ph|mobile|mob|cell|call|fax|whatsapp|sms|text|contact|telefon|handy|tel[e\u00e9]fono|m[o\u00f3]vil|t[e\u00e9]l[e\u00e9]phone|portable|telefone|celular|telemovel)\b|\u0442\u0435\u043b\u0435\u0444\u043e\u043d|\u0442\u0435\u043b\.?|\u7535\u8bdd|\u624b\u673a|\u96fb\u8a71|\u643a\u5e2f)[^\n\d]{0,20}$/i;

/** True when a digit/separator string (already trimmed to groups) has a phone number's shape. */
export function phoneShape(candidate: string, labeled: boolean): boolean {
  const digits = candidate.replace(/\D/g, "");
  const n = digits.length;
  if (/^(\d)\1+$/.test(digits) || /0{6,}/.test(digits)) return false;
  if (/^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/.test(candidate)) return false;
  if (/^\d{3}-\d{2}-\d{4}$/.test(candidate)) return false;
  if (/^\d{1,3}(?:\.\d{1,3}){2,3}$/.test(candidate)) return false;
  if (/^\d{4}([ -])\d{4}\1\d{4}\1\d{4}$/.test(candidate)) return false;
  if (candidate.startsWith("+")) return n >= 8 && n <= 15 && !/^\+0/.test(candidate);
  if (/^(?:1[ .-])?\(?[2-9]\d{2}\)?[ .-]?\d{3}[ .-]\d{4}$/.test(candidate) && !/^\d{3}\.\d{3}\.\d{4}$/.test(candidate.replace(/^1\./, "")) ) return true;
  if (/^(?:1\.)?[2-9]\d{2}\.\d{3}\.\d{4}$/.test(candidate)) return true;
  const groups = candidate.split(/[ ().\-]+/).filter((g) => g.length > 0);
  if (/^\(?0/.test(candidate) && n >= 9 && n <= 12 && groups.length >= 2 && groups.every((g) => g.length >= 2)) return true;
  if (/^\(?0/.test(candidate) && n >= 10 && n <= 11 && groups.length === 1 && labeled) return true;
  return labeled && n >= 7 && n <= 15 && (groups.length >= 2 || n >= 9);
}

/** Pushes each phone number; the span excludes extensions and surrounding words. */
export function detectPhones(text: string, sink: FindingSink): void {
  eachMatch(CANDIDATE, text, (m) => {
    const labeled = LABEL.test(before(text, m.index, 40, true));
    const parts = splitGroups(m[0]);
    for (let len = parts.length; len >= 1; len--) {
      for (let i = 0; i + len <= parts.length; i++) {
        const first = parts[i]!;
        const last = parts[i + len - 1]!;
        let s = first.start;
        const e = last.end;
        if (i > 0 && m[0][s - 1] === "(") s--;
        if (i > 0 && m[0][s - 1] === "+") s--;
        const candidate = m[0].slice(s, e);
        if (phoneShape(candidate, labeled)) {
          sink("PHONE", m.index + s, m.index + e, 1.5);
          return;
        }
      }
    }
  });
}

/** Splits a candidate into its digit runs (with offsets); a leading `+` or `(` joins the first. */
function splitGroups(candidate: string): { start: number; end: number }[] {
  const units: { start: number; end: number }[] = [];
  const re = /\d+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(candidate)) !== null) units.push({ start: m.index, end: m.index + m[0].length });
  const first = units[0];
  if (first && (candidate[0] === "+" || candidate[0] === "(")) first.start = 0;
  return units.slice(0, 8);
}
