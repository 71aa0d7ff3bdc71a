/**
 * Checksums that decide whether a format-shaped string is real: Luhn for card numbers,
 * ISO 7064 mod-97 for IBANs, the CRC32 suffix of GitHub tokens, and a decodable JSON header
 * for JWTs. Each runs in time linear in its input.
 */

/** Luhn check over a string of digits (separators must already be removed). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Lengths of IBANs per country for the countries the redactor recognises. */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AT: 20, BE: 16, BG: 22, BH: 22, BR: 29, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18,
  EE: 20, ES: 24, FI: 18, FR: 27, GB: 22, GI: 23, GR: 27, HR: 21, HU: 28, IE: 22, IL: 23, IS: 26,
  IT: 27, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MT: 31, NL: 18, NO: 15, PL: 28, PT: 25, QA: 29,
  RO: 24, SA: 24, SE: 24, SI: 19, SK: 24, SM: 27, TR: 26, UA: 29,
};

/** ISO 13616 check: known country length and mod-97 remainder 1 (input without spaces). */
export function ibanValid(compact: string): boolean {
  const iban = compact.toUpperCase();
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected === undefined || iban.length !== expected) return false;
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i);
    const v = c >= 65 ? String(c - 55) : String(c - 48);
    for (let j = 0; j < v.length; j++) rem = (rem * 10 + (v.charCodeAt(j) - 48)) % 97;
  }
  return rem === 1;
}

const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE) of an ASCII string. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = (crc >>> 8) ^ CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff]!;
  return (crc ^ 0xffffffff) >>> 0;
}

const BASE62_UPPER_FIRST = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE62_LOWER_FIRST = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

function base62(value: number, alphabet: string): string {
  let out = "";
  let v = value;
  do {
    out = alphabet[v % 62]! + out;
    v = Math.floor(v / 62);
  } while (v > 0);
  return out.padStart(6, "0");
}

/**
 * GitHub's token format: `<prefix>_` + 30 random base62 characters + a 6-character base62
 * CRC32 checksum. Implementations disagree on the alphabet order and on whether the prefix is
 * hashed, so every documented variant is accepted.
 */
export function githubChecksumValid(token: string): boolean {
  const underscore = token.indexOf("_");
  const body = token.slice(underscore + 1);
  if (body.length !== 36) return false;
  const random = body.slice(0, 30);
  const check = body.slice(30);
  for (const input of [random, token.slice(0, underscore + 31)]) {
    const crc = crc32(input);
    if (base62(crc, BASE62_UPPER_FIRST) === check || base62(crc, BASE62_LOWER_FIRST) === check) return true;
  }
  return false;
}

/** Decodes base64url (with or without padding) to a string; null when it is not base64url. */
export function decodeBase64Url(segment: string): string | null {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(segment)) return null;
  try {
    return Buffer.from(segment.replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("utf8");
  } catch {
    return null;
  }
}

/** A JWT is real when its first segment decodes to a JSON object with an `alg` or `typ`. */
export function jwtHeaderValid(token: string): boolean {
  const header = decodeBase64Url(token.slice(0, token.indexOf(".")));
  if (header === null || !header.startsWith("{")) return false;
  try {
    const parsed: unknown = JSON.parse(header);
    return typeof parsed === "object" && parsed !== null && ("alg" in parsed || "typ" in parsed);
  } catch {
    return false;
  }
}
