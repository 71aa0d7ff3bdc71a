/**
 * Runs every detector over a text and resolves overlapping spans: a vendor format beats a
 * URL password, which beats a context rule; among equals the longer span wins. Settings can
 * turn types off and allow-list exact values.
 */
import { detectEmails } from "./detectors/email";
import { detectCliSecrets, detectGenericSecrets, detectPairedSecrets, detectSpacedConfigSecrets } from "./detectors/genericSecret";
import { detectIpAddresses } from "./detectors/ipAddress";
import { detectCards, detectIbans, detectSsns } from "./detectors/numbers";
import { detectPersonNames } from "./detectors/personName";
import { detectPhones } from "./detectors/phone";
import { detectPrivateKeys } from "./detectors/privateKey";
import { detectUrlPasswords } from "./detectors/urlPassword";
import { detectVendorKeys } from "./detectors/vendorKeys";
import type { Finding, FindingSink, FindingType } from "./types";

/** One detector: scans the whole text and reports spans through the sink. */
export type Detector = {
  name: string;
  run(text: string, sink: FindingSink): void;
  /** A cheap test that must pass for the detector to find anything (skips whole scans of short texts). */
  gate?: (text: string, facts: TextFacts) => boolean;
};

const DIGIT = /\d/;
/** Facts about the whole text that several gates share (computed once per detect call). */
export type TextFacts = { digit: boolean };
const hasDigit = (_t: string, facts: TextFacts): boolean => facts.digit;

/** Every detector, in the order they run (order does not affect the result). */
export const DETECTORS: readonly Detector[] = [
  { name: "vendorKeys", run: detectVendorKeys },
  { name: "privateKey", run: detectPrivateKeys, gate: (t) => t.includes("PRIVATE KEY") },
  { name: "urlPassword", run: detectUrlPasswords, gate: (t) => t.includes("://") },
  { name: "genericSecret", run: detectGenericSecrets },
  { name: "pairedSecret", run: detectPairedSecrets, gate: (t) => t.includes("value") || t.includes("(") },
  { name: "spacedConfig", run: detectSpacedConfigSecrets, gate: (t) => /pass|secret|token|key/i.test(t) },
  { name: "cliSecret", run: detectCliSecrets, gate: (t) => /curl|wget|http|mysql|maria|sshpass|login/.test(t) },
  { name: "email", run: detectEmails, gate: (t) => t.includes("@") },
  { name: "ipAddress", run: detectIpAddresses, gate: (t) => t.includes(".") || t.includes(":") },
  { name: "card", run: detectCards, gate: hasDigit },
  { name: "iban", run: detectIbans, gate: hasDigit },
  { name: "ssn", run: detectSsns, gate: hasDigit },
  { name: "phone", run: detectPhones, gate: hasDigit },
  { name: "personName", run: detectPersonNames },
];

export type DetectOptions = {
  /** Types that are not detected at all. */
  disabledTypes?: readonly FindingType[];
  /** Exact values that are never reported. */
  allowValues?: readonly string[];
};

const byRank = (a: Finding, b: Finding): number => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start;
const byStart = (a: Finding, b: Finding): number => a.start - b.start;

/**
 * Keeps the strongest of overlapping findings and returns them sorted by start. Findings that
 * overlap nothing are kept as they are; only each cluster of (transitively) overlapping
 * findings is ranked, which decides the same as ranking them all, since a finding can only
 * lose to one in its own cluster. Sorting by start first is stable, so within a cluster full
 * ties keep the input order, as a single stable ranking would.
 */
export function resolveOverlaps(findings: Finding[]): Finding[] {
  const sorted = findings.slice().sort(byStart);
  const out: Finding[] = [];
  const n = sorted.length;
  let i = 0;
  while (i < n) {
    let maxEnd = sorted[i]!.end;
    let j = i + 1;
    while (j < n && sorted[j]!.start < maxEnd) {
      if (sorted[j]!.end > maxEnd) maxEnd = sorted[j]!.end;
      j++;
    }
    if (j === i + 1) out.push(sorted[i]!);
    else for (const f of resolveCluster(sorted.slice(i, j))) out.push(f);
    i = j;
  }
  return out;
}

/** Greedy by rank within one cluster; the kept findings sorted by start. */
function resolveCluster(findings: Finding[]): Finding[] {
  const ranked = findings.sort(byRank);
  if (ranked.length > 64) return resolveMany(ranked);
  // Kept spans are disjoint, so sorted by start they are also sorted by end: one binary search
  // finds the only kept spans that can overlap a new one (its neighbours).
  const kept: Finding[] = [];
  for (const f of ranked) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (kept[mid]!.start < f.start) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && kept[lo - 1]!.end > f.start) continue;
    if (lo < kept.length && kept[lo]!.start < f.end) continue;
    kept.splice(lo, 0, f);
  }
  return kept;
}

/** The same for many findings: a map of covered offsets instead of inserting into a sorted array. */
function resolveMany(ranked: Finding[]): Finding[] {
  let minStart = Infinity;
  let maxEnd = 0;
  for (const f of ranked) {
    if (f.end > maxEnd) maxEnd = f.end;
    if (f.start < minStart) minStart = f.start;
  }
  const base = minStart;
  const covered = new Uint8Array(maxEnd - base);
  const kept: Finding[] = [];
  for (const f of ranked) {
    const s = f.start - base;
    const e = f.end - base;
    if (covered[s] === 1 || covered[e - 1] === 1) continue;
    let free = true;
    for (let i = s + 1; i < e - 1; i++) {
      if (covered[i] === 1) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    covered.fill(1, s, e);
    kept.push(f);
  }
  return kept.sort(byStart);
}

/** Detects every finding in `text`, with overlaps resolved. */
export function detect(text: string, options: DetectOptions = {}): Finding[] {
  const raw: Finding[] = [];
  const disabled = options.disabledTypes && options.disabledTypes.length > 0 ? new Set(options.disabledTypes) : null;
  const sink: FindingSink = (type, start, end, priority = 1) => {
    if (end > start && (disabled === null || !disabled.has(type))) raw.push({ type, start, end, priority });
  };
  const facts: TextFacts = { digit: DIGIT.test(text) };
  for (const d of DETECTORS) if (!d.gate || d.gate(text, facts)) d.run(text, sink);
  const allowed = options.allowValues && options.allowValues.length > 0 ? new Set(options.allowValues) : null;
  const kept = allowed === null ? raw : raw.filter((f) => !allowed.has(text.slice(f.start, f.end)));
  return resolveOverlaps(kept);
}
