/**
 * Number-shaped personal data decided by checksums and structure: payment cards (Luhn and a
 * card prefix), IBANs (mod-97) and US social security numbers (area/group/serial rules, and
 * an explicit label for the undashed forms).
 */
import { ibanValid, IBAN_LENGTHS, luhnValid } from "../checksums";
import { before, eachMatch, hasAny, isAlnum, pattern } from "../scan";
import type { FindingSink } from "../types";

// The first character comes before the lookbehind, so the regex engine can skip ahead to it.
const CARD = pattern(
  `\\d(?<![\\d.\\-/]\\d)(?:\\d{3} \\d{4} \\d{4} \\d{1,7}|\\d{3}-\\d{4}-\\d{4}-\\d{1,7}|\\d{3} \\d{6} \\d{4,5}|\\d{3}-\\d{6}-\\d{4,5}|\\d{12,18})(?![\\d]|[.\\-/]\\d)`,
);
// The first character comes before the lookbehind, so the regex engine can skip ahead to it.
const IBAN_START = pattern(`[A-Z](?<![A-Za-z0-9][A-Z])[A-Z]\\d{2}(?=[ A-Z0-9])`);
// The first character comes before the lookbehind, so the regex engine can skip ahead to it.
const SSN = pattern(`\\d(?<![\\d\\-./]\\d)(?:\\d{2}-\\d{2}-\\d{4}|\\d{2} \\d{2} \\d{4}|\\d{8})(?![\\d]|[\\-./]\\d)`);
const NOT_CARD_CONTEXT = /\b(?:ean|gtin|upc|isbn|barcode|order|tracking|invoice|snowflake|timestamp|epoch|id)\b[^\n]{0,20}$/i;
const CARD_CONTEXT_WORDS = ["ean", "gtin", "upc", "isbn", "barcode", "order", "tracking", "invoice", "snowflake", "timestamp", "epoch", "id"];
const SSN_LABEL = /\b(?:ssn|social\s+security|sozialversicherungs?|ss#|tin)\b[^\n]{0,25}$/i;
const NOT_SSN_CONTEXT = /\b(?:part|order|sku|isbn|ticket|case|invoice|ref|serial|model|phone|tel|fax|call)\b[^\n]{0,15}$/i;

/** True when a card number's prefix belongs to a card network. */
function cardPrefix(d: string): boolean {
  return /^(?:4|5[1-5]|2[2-7]|3[47]|3[068]|35|6(?:011|2|4[4-9]|5)|5[06-9]|6)/.test(d);
}

/** Pushes Luhn-valid payment card numbers. */
export function detectCards(text: string, sink: FindingSink): void {
  eachMatch(CARD, text, (m) => {
    const digits = m[0].replace(/\D/g, "");
    if (digits.length < 13 || digits.length > 19 || !cardPrefix(digits) || !luhnValid(digits)) return;
    if (/^(\d)\1+$/.test(digits)) return;
    const prev = before(text, m.index, 40, true).toLowerCase();
    if (hasAny(prev, CARD_CONTEXT_WORDS) && NOT_CARD_CONTEXT.test(prev)) return;
    sink("CREDIT_CARD", m.index, m.index + m[0].length, 2);
  });
}

/** Pushes mod-97-valid IBANs, spaced in groups of four or compact. */
export function detectIbans(text: string, sink: FindingSink): void {
  eachMatch(IBAN_START, text, (m) => {
    const expected = IBAN_LENGTHS[m[0].slice(0, 2)];
    if (expected === undefined) return;
    // Count first; the compact string is built only for a candidate of the right length.
    let length = 0;
    let spaced = false;
    let e = m.index;
    while (e < text.length && length < expected) {
      const c = text.charCodeAt(e);
      const upperOrDigit = (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
      const next = text.charCodeAt(e + 1);
      if (upperOrDigit) length++;
      else if (c === 32 && ((next >= 48 && next <= 57) || (next >= 65 && next <= 90)) && length % 4 === 0) {
        // A single space between groups of four is part of the printed form.
        spaced = true;
      } else break;
      e++;
    }
    if (length !== expected || (e < text.length && isAlnum(text.charCodeAt(e)))) return;
    const compact = spaced ? text.slice(m.index, e).replace(/ /g, "") : text.slice(m.index, e);
    if (!ibanValid(compact) || /^[A-Z]{2}0{2}/.test(compact)) return;
    sink("IBAN", m.index, e, 2);
  });
}

/** Pushes US social security numbers. */
export function detectSsns(text: string, sink: FindingSink): void {
  eachMatch(SSN, text, (m) => {
    const digits = m[0].replace(/\D/g, "");
    const [area, group, serial] = [digits.slice(0, 3), digits.slice(3, 5), digits.slice(5)];
    const sep = m[0][3] === "-" ? "-" : m[0][3] === " " ? " " : "";
    if (area === "000" || area === "666" || area[0] === "9" || group === "00" || serial === "0000") return;
    const prev = before(text, m.index, 40, true);
    if (sep !== "-" && !SSN_LABEL.test(prev)) return;
    if (sep === "-" && NOT_SSN_CONTEXT.test(prev) && !SSN_LABEL.test(prev)) return;
    sink("SSN", m.index, m.index + m[0].length, 2);
  });
}
