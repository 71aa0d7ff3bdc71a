/**
 * Phone numbers in national and E.164 formats. A bounded candidate scan finds runs of digits
 * and separators; the candidate's groups are then checked against known shapes (E.164 with
 * `+`, North American 3-3-4, national numbers with a trunk `0`) or a phone label nearby.
 * Dates, versions, IPs, SSN shapes and bare integers are not phone numbers.
 */
import { before, eachMatch, hasAny, pattern } from "../scan";
import type { FindingSink } from "../types";

// The character before the number is consumed (not looked behind), so a run of digits fails fast at each position.
// After `=` or `:` only an international number starts a candidate (`to=+61…`, `tel:+1…`).
const CANDIDATE = pattern(`(?:^|[^\\w+./\\-:#=@$]|[=:](?=\\+))([+(\\d][\\d ().\\-]{5,25}\\d)(?![\\w]|[.\\-]\\d)`);
const NOT_PHONE_CONTEXT = /\b(?:case|order|invoice|ticket|sku|part|ref|reference|serial|account|acct|po|batch|lot|tracking|item|article|art|model|product|transaction|txn|receipt|booking|confirmation|claim|policy|contract|customer id|id)\.?(?:[ \t]{0,2}(?:no\.?|nr\.?|number|#))?[ \t]{0,2}[:#=]?[ \t]{0,2}$/i;
/** German-style area code and number separated by a slash: `089/1234567`. */
const SLASHED = pattern(`(?<![\\w/.\\-])0\\d{2,4}/\\d{4,8}(?![\\w/]|[.\\-]\\d)`);
/** A parenthesised area code after a country or trunk prefix: `8 (495) 123-45-67`, `+7 (912) …`. */
const PAREN_AREA = /^(?:\+?\d{1,3} ?)?\(\d{2,5}\) ?\d/;
const LABEL =
  /(?:\b(?:tel|tele|phone|ph|mobile|mob|cell|call|fax|whatsapp|sms|text|contact|telefon|handy|tel[e\u00e9]fono|m[o\u00f3]vil|t[e\u00e9]l[e\u00e9]phone|portable|telefone|celular|telemovel|ll[a\u00e1]m(?:ame|anos)|ruf(?:en|e|nummer)?|anrufen|appel(?:ez|le)|ligue|liga|n[u\u00fa]mero|nummer|num[e\u00e9]ro)\b|\u0437\u0432\u043e\u043d|\u0442\u0435\u043b\u0435\u0444\u043e\u043d|\u0442\u0435\u043b\.?|\u7535\u8bdd|\u624b\u673a|\u96fb\u8a71|\u643a\u5e2f)[^\n\d]{0,20}$/i;

const LABEL_HINTS = ["tel", "phone", "ph", "mob", "cell", "call", "fax", "whatsapp", "sms", "text", "contact", "handy", "m\u00f3vil", "movil", "portable", "celular", "ll\u00e1m", "llam", "ruf", "appel", "ligue", "liga", "\u0437\u0432\u043e\u043d", "n\u00famero", "numero", "nummer", "num\u00e9ro", "\u0442\u0435\u043b", "\u7535\u8bdd", "\u624b\u673a", "\u96fb\u8a71", "\u643a\u5e2f"];

const GROUP_DIGITS = new Int32Array(64);
/** The group count of the candidate phoneShape is looking at (read by groupDigits and hasShape). */
let GROUPS = 0;

/** Digits in group k of the current candidate, -1 past the last group. */
function groupDigits(k: number): number {
  return k < GROUPS && k < 64 ? GROUP_DIGITS[k]! : -1;
}

/** True when the current candidate's groups have exactly these digit counts. */
function hasShape(lens: readonly number[]): boolean {
  if (GROUPS !== lens.length) return false;
  for (let k = 0; k < lens.length; k++) if (groupDigits(k) !== lens[k]) return false;
  return true;
}
// Top-level helpers and constant shapes: no closure or array is created per candidate.
const S_22222 = [2, 2, 2, 2, 2];
const S_324 = [3, 2, 4];
const S_4444 = [4, 4, 4, 4];
const S_334 = [3, 3, 4];
const S_1334 = [1, 3, 3, 4];

/** True when a digit/separator string (already trimmed to groups) has a phone number's shape. */
export function phoneShape(candidate: string, labeled: boolean): boolean {
  // One pass: digit count, repeated/zero runs, and the digit count of each group (maximal runs
  // of characters other than the separators space ( ) . -).
  let n = 0;
  let first = -1;
  let second = -1;
  let allSame = true;
  let zeros = 0;
  let zeroRun = false;
  let groups = 0;
  let inGroup = false;
  let groupChars = 0;
  let longGroup = false;
  let spaceParenDash = false;
  let dot = false;
  let dashDotSlash = false;
  for (let i = 0; i < candidate.length; i++) {
    const c = candidate.charCodeAt(i);
    const separator = c === 32 || c === 40 || c === 41 || c === 46 || c === 45;
    if (c === 32 || c === 40 || c === 41 || c === 45) spaceParenDash = true;
    if (c === 46) dot = true;
    if (c === 45 || c === 46 || c === 47) dashDotSlash = true;
    if (separator) {
      inGroup = false;
      continue;
    }
    if (!inGroup) {
      inGroup = true;
      if (groups < 64) GROUP_DIGITS[groups] = 0;
      groups++;
      groupChars = 0;
    }
    if (++groupChars > 3) longGroup = true;
    if (c >= 48 && c <= 57) {
      if (groups <= 64) GROUP_DIGITS[groups - 1]!++;
      if (n === 0) first = c;
      else if (c !== first) allSame = false;
      if (n === 1) second = c;
      n++;
      if (c === 48) {
        if (++zeros >= 6) zeroRun = true;
      } else zeros = 0;
    }
  }
  if (n < 7 || n > 15 || allSame || zeroRun) return false;
  GROUPS = groups;
  const g = groupDigits;
  const onlyDots = !spaceParenDash && dot;
  if (groups === 3 && dashDotSlash) {
    const [a, b, c] = [g(0), g(1), g(2)];
    if ((a === 4 && (b === 1 || b === 2) && (c === 1 || c === 2)) || ((a === 1 || a === 2) && (b === 1 || b === 2) && (c === 2 || c === 4))) return false;
  }
  // Dotted groups of at most three are versions or addresses, except the French 0x.xx.xx.xx.xx.
  if (onlyDots && !longGroup && !(groups === 5 && first === 48 && hasShape(S_22222))) return false;
  if (hasShape(S_324) && candidate.includes("-")) return false;
  if (hasShape(S_4444)) return false;
  if (candidate.startsWith("+")) return n >= 8 && !candidate.startsWith("+0");
  if (n >= 9 && n <= 13 && groups >= 3 && PAREN_AREA.test(candidate)) return true;
  if (hasShape(S_334) && first >= 50 && (!onlyDots || /^\d{3}\.\d{3}\.\d{4}$/.test(candidate))) return true;
  if (hasShape(S_1334) && first === 49 && second >= 50) return true;
  // International access prefix 00 + country code: `0044 20 7946 0958`.
  if (first === 48 && second === 48 && n >= 10 && g(0) >= 3 && g(0) <= 5 && groups >= 3) return true;
  const trunk = first === 48;
  if (trunk && n >= 9 && n <= 12 && groups >= 2) {
    let all = true;
    for (let k = 0; k < groups; k++) if (g(k) < 2) all = false;
    if (all) return true;
  }
  if (trunk && n >= 10 && n <= 11 && groups === 1 && labeled) return true;
  return labeled && (groups >= 2 || n >= 9);
}

/** Pushes each phone number; the span excludes extensions and surrounding words. */
export function detectPhones(text: string, sink: FindingSink): void {
  eachMatch(CANDIDATE, text, (m) => {
    const c = m[1]!;
    if ((c[0] === "+" && !/^\+\(?\d/.test(c)) || (c[0] === "(" && !/^\(\d/.test(c))) return;
    checkCandidate(text, c, m.index + m[0].length - c.length, sink);
  });
  if (text.includes("/")) {
    eachMatch(SLASHED, text, (m) => {
      const n = m[0].length - 1;
      if (n >= 9 && n <= 12) sink("PHONE", m.index, m.index + m[0].length, 1.5);
    });
  }
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
        if (labeled === 0 && lead !== "0" && !PAREN_AREA.test(cand.slice(s, e))) continue;
      }
      const candidate = cand.slice(s, e);
      let shaped = phoneShape(candidate, labeled === 1);
      if (!shaped && labeled === -1 && (lead === "(" || lead === "0" || lead === "1")) {
        const prev = before(text, at, 40, true).toLowerCase();
        labeled = hasAny(prev, LABEL_HINTS) && LABEL.test(prev) ? 1 : 0;
        if (labeled === 1) shaped = phoneShape(candidate, true);
      }
      // An unlabeled number right after an id word (`Case 0231-4471-88`, `Order no. …`) is that id.
      if (shaped && labeled !== 1 && NOT_PHONE_CONTEXT.test(before(text, at + s, 30, true))) return;
      if (shaped) {
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
