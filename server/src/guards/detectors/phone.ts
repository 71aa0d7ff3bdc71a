/**
 * Phone numbers in national and E.164 formats. A bounded candidate scan finds runs of digits
 * and separators; the candidate's groups are then checked against known shapes (E.164 with
 * `+`, North American 3-3-4, national numbers with a trunk `0`) or a phone label nearby.
 * Dates, versions, IPs, SSN shapes and bare integers are not phone numbers.
 */
import { before, eachMatch, hasAny, pattern } from "../scan";
import type { FindingSink } from "../types";

// The character before the number is consumed (not looked behind), so a run of digits fails fast at each position.
const CANDIDATE = pattern(`(?:^|[^\\w+./\\-:#=@$])([+(\\d][\\d ().\\-]{5,25}\\d)(?![\\w]|[.\\-]\\d)`);
const LABEL =
  /(?:\b(?:tel|tele|phone|ph|mobile|mob|cell|call|fax|whatsapp|sms|text|contact|telefon|handy|tel[e\u00e9]fono|m[o\u00f3]vil|t[e\u00e9]l[e\u00e9]phone|portable|telefone|celular|telemovel|ll[a\u00e1]m(?:ame|anos)|ruf(?:en|e|nummer)?|anrufen|appel(?:ez|le)|ligue|liga|n[u\u00fa]mero|nummer|num[e\u00e9]ro)\b|\u0437\u0432\u043e\u043d|\u0442\u0435\u043b\u0435\u0444\u043e\u043d|\u0442\u0435\u043b\.?|\u7535\u8bdd|\u624b\u673a|\u96fb\u8a71|\u643a\u5e2f)[^\n\d]{0,20}$/i;

const LABEL_HINTS = ["tel", "phone", "ph", "mob", "cell", "call", "fax", "whatsapp", "sms", "text", "contact", "handy", "m\u00f3vil", "movil", "portable", "celular", "ll\u00e1m", "llam", "ruf", "appel", "ligue", "liga", "\u0437\u0432\u043e\u043d", "n\u00famero", "numero", "nummer", "num\u00e9ro", "\u0442\u0435\u043b", "\u7535\u8bdd", "\u624b\u673a", "\u96fb\u8a71", "\u643a\u5e2f"];

/** True when a digit/separator string (already trimmed to groups) has a phone number's shape. */
export function phoneShape(candidate: string, labeled: boolean): boolean {
  const digits = candidate.replace(/\D/g, "");
  const n = digits.length;
  if (n < 7 || n > 15 || /^(\d)\1+$/.test(digits) || digits.includes("000000")) return false;
  const groups = candidate.split(/[ ().\-]+/).filter((g) => g.length > 0);
  const lens = groups.map((g) => g.replace(/\D/g, "").length).join(",");
  const onlyDots = !/[ ()\-]/.test(candidate) && candidate.includes(".");
  if (/^(?:4,[12],[12]|[12],[12],[24])$/.test(lens) && /[-./]/.test(candidate)) return false;
  if (onlyDots && groups.every((g) => g.length <= 3)) return false;
  if (lens === "3,2,4" && candidate.includes("-")) return false;
  if (lens === "4,4,4,4") return false;
  if (candidate.startsWith("+")) return n >= 8 && !candidate.startsWith("+0");
  const first = digits[0]!;
  if (lens === "3,3,4" && first >= "2" && (!onlyDots || /^\d{3}\.\d{3}\.\d{4}$/.test(candidate))) return true;
  if (lens === "1,3,3,4" && first === "1" && digits[1]! >= "2") return true;
  const trunk = first === "0";
  if (trunk && n >= 9 && n <= 12 && groups.length >= 2 && groups.every((g) => g.replace(/\D/g, "").length >= 2)) return true;
  if (trunk && n >= 10 && n <= 11 && groups.length === 1 && labeled) return true;
  return labeled && (groups.length >= 2 || n >= 9);
}

/** Pushes each phone number; the span excludes extensions and surrounding words. */
export function detectPhones(text: string, sink: FindingSink): void {
  eachMatch(CANDIDATE, text, (m) => {
    const c = m[1]!;
    if ((c[0] === "+" && !/^\+\(?\d/.test(c)) || (c[0] === "(" && !/^\(\d/.test(c))) return;
    checkCandidate(text, c, m.index + m[0].length - c.length, sink);
  });
}

/** Tries the candidate's digit-group sub-ranges, longest first, and pushes the first phone number. */
function checkCandidate(text: string, cand: string, at: number, sink: FindingSink): void {
  let labeled = -1;
  const parts = splitGroups(cand);
  const digitsUpTo: number[] = [0];
  for (const p of parts) digitsUpTo.push(digitsUpTo[digitsUpTo.length - 1]! + p.end - p.start - (cand[p.start] === "+" || cand[p.start] === "(" ? 1 : 0));
  for (let len = parts.length; len >= 1; len--) {
    for (let i = 0; i + len <= parts.length; i++) {
      const n = digitsUpTo[i + len]! - digitsUpTo[i]!;
      if (n < 7 || n > 15) continue;
      let s = parts[i]!.start;
      const e = parts[i + len - 1]!.end;
      if (i > 0 && cand[s - 1] === "(") s--;
      if (i > 0 && cand[s - 1] === "+") s--;
      const lead = cand[s]!;
      const nanp = len === 3 && digitsUpTo[i + 1]! - digitsUpTo[i]! === 3 && digitsUpTo[i + 2]! - digitsUpTo[i + 1]! === 3 && n === 10;
      if ((lead >= "2" && lead <= "9" && !nanp) || (lead === "0" && len === 1)) {
        if (labeled === -1) {
          const prev = before(text, at, 40, true).toLowerCase();
          labeled = hasAny(prev, LABEL_HINTS) && LABEL.test(prev) ? 1 : 0;
        }
        if (labeled === 0 && lead !== "0") continue;
      }
      const candidate = cand.slice(s, e);
      if (!phoneShape(candidate, labeled === 1) && labeled === -1 && (lead === "(" || lead === "0" || lead === "1")) {
        const prev = before(text, at, 40, true).toLowerCase();
        labeled = hasAny(prev, LABEL_HINTS) && LABEL.test(prev) ? 1 : 0;
      }
      if (phoneShape(candidate, labeled === 1)) {
        sink("PHONE", at + s, at + e, 1.5);
        return;
      }
    }
  }
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
