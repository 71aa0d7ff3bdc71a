/**
 * Vendor token formats with a constant prefix: OpenAI, Anthropic, AWS, GitHub, Slack, Stripe,
 * Google, JWT, and vendor keys without a dedicated type (GENERIC_SECRET). Spans include the
 * prefix and exclude quotes or `Bearer `. Checksums decide where the format has one.
 */
import { githubChecksumValid, jwtHeaderValid } from "../checksums";
import { isMaskedToken } from "../exclusions";
import { pattern } from "../scan";
import type { FindingSink, FindingType } from "../types";

type Rule = { type: FindingType; re: RegExp; prefix: number; check?: (token: string) => boolean };

const B = "";
const E = "";

const RULES: Rule[] = [
  { type: "ANTHROPIC_KEY", re: pattern(`${B}sk-ant-[a-z]{2,8}\\d{0,3}-[A-Za-z0-9_-]{20,200}${E}`), prefix: 14 },
  { type: "OPENAI_KEY", re: pattern(`${B}sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{20,250}${E}`), prefix: 8, check: notOtherVendor },
  { type: "OPENAI_KEY", re: pattern(`${B}sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}${E}`), prefix: 3 },
  { type: "OPENAI_KEY", re: pattern(`${B}sk-(?!ant-|lf-|or-|proj-|svcacct-|admin-)[A-Za-z0-9]{40,100}${E}`), prefix: 3 },
  { type: "GENERIC_SECRET", re: pattern(`${B}sk-(?:or-v1-[0-9a-f]{64}|[0-9a-f]{32})${E}`), prefix: 3 },
  { type: "AWS_ACCESS_KEY_ID", re: pattern(`(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])`), prefix: 4 },
  { type: "AWS_SECRET", re: pattern(`(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdz|FQoGZXIvYXdz)[A-Za-z0-9/+]{40,1500}={0,2}`), prefix: 12 },
  { type: "GITHUB_TOKEN", re: pattern(`${B}gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9_-])`), prefix: 4, check: githubChecksumValid },
  { type: "GITHUB_TOKEN", re: pattern(`${B}github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}${E}`), prefix: 11 },
  { type: "SLACK_TOKEN", re: pattern(`${B}xox[abposer]-(?:\\d{6,15}-){1,3}[A-Za-z0-9-]{8,64}${E}`), prefix: 5 },
  { type: "SLACK_TOKEN", re: pattern(`${B}xapp-\\d-[A-Z0-9]{6,15}-\\d{6,15}-[a-f0-9]{32,80}${E}`), prefix: 5 },
  { type: "SLACK_TOKEN", re: pattern(`https://hooks\\.slack\\.com/(?:services|workflows|triggers)/T[A-Z0-9]{6,12}/[A-Z0-9]{6,14}/[A-Za-z0-9/]{16,80}`), prefix: 30 },
  { type: "STRIPE_KEY", re: pattern(`${B}(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247}${E}`), prefix: 8 },
  { type: "STRIPE_KEY", re: pattern(`${B}whsec_[A-Za-z0-9+/]{24,100}${E}`), prefix: 6 },
  { type: "GOOGLE_API_KEY", re: pattern(`${B}AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])`), prefix: 4 },
  { type: "JWT", re: pattern(`${B}eyJ[A-Za-z0-9_-]{8,2000}\\.[A-Za-z0-9_-]{8,8000}\\.[A-Za-z0-9_-]{0,1000}${E}`), prefix: 3, check: jwtHeaderValid },
  { type: "GENERIC_SECRET", re: pattern(`${B}(?:hf_[A-Za-z0-9]{34}|r8_[A-Za-z0-9]{37}|sk-lf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|glpat-[A-Za-z0-9_-]{20}|npm_[A-Za-z0-9]{36}|pypi-AgE[A-Za-z0-9_-]{50,300}|xai-[A-Za-z0-9]{60,90}|gsk_[A-Za-z0-9]{52}|pplx-[A-Za-z0-9]{40,60}|pcsk_[A-Za-z0-9_]{40,100}|dop_v1_[a-f0-9]{64}|shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}|lin_api_[A-Za-z0-9]{40}|dapi[0-9a-f]{32}|SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}|tskey-[a-z]{3,8}-[A-Za-z0-9]{10,20}-[A-Za-z0-9]{20,40}|ya29\\.[A-Za-z0-9_-]{30,400}|1//0[A-Za-z0-9_-]{40,200}|key-[0-9a-f]{32}|sq0(?:atp|csp)-[A-Za-z0-9_-]{22,43})${E}`), prefix: 3 },
];

const OTHER_VENDOR = /^sk-(?:ant|lf|or)-/;
const TOKEN_CHAR = /[A-Za-z0-9_\-/+]/;
const TOKEN_TAIL = /[A-Za-z0-9_-]/;

function notOtherVendor(token: string): boolean {
  return !OTHER_VENDOR.test(token);
}

/**
 * Candidate places: every position where some rule's constant prefix occurs (overlapping ones
 * too), or a superset of them. Each rule's own regex is then tried only there, sticky. For each
 * rule the matches are the same as a global scan of that rule alone: the leftmost match at or
 * after the end of its previous match. The prefixes are found by two cheap scans: one for
 * prefixes ending in `-`, `_` or `.` (anchored on that character, which the regex engine finds
 * fast, and confirmed by looking behind), one for the few without such a character.
 */
const PUNCT_WORDS: readonly (readonly [string, string])[] = [
  ..."sk rk ghp gho ghu ghs ghr github_pat whsec hf r8 npm gsk pcsk dop_v1 shpat shpss shpca shppa lin_api".split(" ").map((w) => [w, "_"] as const),
  ..."sk xoxa xoxb xoxp xoxo xoxs xoxe xoxr xapp glpat pypi xai pplx tskey key sq0atp sq0csp".split(" ").map((w) => [w, "-"] as const),
  ["ya29", "."],
];
const PUNCT_PREFIX = pattern(`[-_.](?<=(?:${[...new Set(PUNCT_WORDS.map(([w]) => w))].join("|")})[-_.])`);
const OTHER_PREFIX = pattern(`A(?:KIA|SIA|BIA|CCA|3T|Iza)|IQoJb3JpZ2luX2Vj|F[wQ]oGZXIvYXdz|SG\\.|eyJ|dapi`);
const LITERAL_PREFIXES = ["1//0", "https://hooks.slack.com/"];

const NONE: number[] = [];

/** Sorted candidate positions, or null when they are denser than one per 64 characters. */
function candidates(text: string): number[] | null {
  let out: number[] | null = null;
  let m: RegExpExecArray | null;
  OTHER_PREFIX.lastIndex = 0;
  while ((m = OTHER_PREFIX.exec(text)) !== null) {
    (out ??= []).push(m.index);
    OTHER_PREFIX.lastIndex = m.index + 1;
    if (out.length > 512 && out.length * 64 > m.index) return null;
  }
  const base = out === null ? 0 : out.length;
  PUNCT_PREFIX.lastIndex = 0;
  while ((m = PUNCT_PREFIX.exec(text)) !== null) {
    const i = m.index;
    const c = text[i]!;
    for (const [w, punct] of PUNCT_WORDS) if (punct === c && i >= w.length && text.startsWith(w, i - w.length)) (out ??= []).push(i - w.length);
    if (out !== null && out.length - base > 512 && (out.length - base) * 64 > i) return null;
  }
  for (const lit of LITERAL_PREFIXES) for (let i = text.indexOf(lit); i !== -1; i = text.indexOf(lit, i + 1)) (out ??= []).push(i);
  if (out === null) return NONE;
  if (out.length > 1) out.sort((a, b) => a - b);
  return out;
}

/** Text length over which 32 sticky misses of one rule switch that rule to a single scan. */
const MISS_WINDOW = 16384;

const STICKY = RULES.map((r) => new RegExp(r.re.source, "y"));
/**
 * The literal prefixes each rule's match starts with (a rule is tried only where one occurs, so a
 * miss means a real near-match, not another vendor's token: `sk-proj-…` is no miss of `sk-lf-`).
 */
const RULE_PREFIXES: readonly (readonly string[])[] = [
  ["sk-ant-"],
  ["sk-proj-", "sk-svcacct-", "sk-admin-", "sk-None-"],
  ["sk-"],
  ["sk-"],
  ["sk-"],
  ["AKIA", "ASIA", "ABIA", "ACCA", "A3T"],
  ["IQoJb3JpZ2luX2Vj", "FwoGZXIvYXdz", "FQoGZXIvYXdz"],
  ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"],
  ["github_pat_"],
  ["xoxa-", "xoxb-", "xoxp-", "xoxo-", "xoxs-", "xoxe-", "xoxr-"],
  ["xapp-"],
  ["https://hooks.slack.com/"],
  ["sk_live_", "sk_test_", "rk_live_", "rk_test_"],
  ["whsec_"],
  ["AIza"],
  ["eyJ"],
  ["hf_", "r8_", "sk-lf-", "glpat-", "npm_", "pypi-AgE", "xai-", "gsk_", "pplx-", "pcsk_", "dop_v1_", "shpat_", "shpss_", "shpca_", "shppa_", "lin_api_", "dapi", "SG.", "tskey-", "ya29.", "1//0", "key-", "sq0atp-", "sq0csp-"],
];
if (RULE_PREFIXES.length !== RULES.length) throw new Error("vendorKeys: RULE_PREFIXES out of step with RULES");
/** The first characters of each rule's prefixes (a cheap test before the prefixes themselves). */
const FIRST_CHARS = RULE_PREFIXES.map((ps) => [...new Set(ps.map((w) => w[0]!))].join(""));

function hasPrefix(text: string, p: number, prefixes: readonly string[]): boolean {
  for (const w of prefixes) if (text.startsWith(w, p)) return true;
  return false;
}

/** Pushes every vendor-format token that is not masked and passes its checksum. */
export function detectVendorKeys(text: string, sink: FindingSink): void {
  const places = candidates(text);
  if (places !== null && places.length === 0) return;
  const next = new Array<number>(RULES.length).fill(0);
  const misses = new Array<number>(RULES.length).fill(0);
  const windowStart = new Array<number>(RULES.length).fill(0);
  const found: { rule: number; start: number; end: number }[] = [];
  const consider = (r: number, p: number, token: string): void => {
    const rule = RULES[r]!;
    // A token glued to a longer word is part of something else (checked here rather than with a
    // leading lookbehind, which would stop the regex engine from skipping ahead to the prefix).
    if (p > 0 && TOKEN_CHAR.test(text[p - 1]!)) return;
    // Likewise a match followed by more token characters is a prefix of a longer string.
    if (p + token.length < text.length && TOKEN_TAIL.test(text[p + token.length]!)) return;
    if (isMaskedToken(token, rule.prefix)) return;
    if (rule.check && !rule.check(token)) return;
    if (rule.type === "AWS_ACCESS_KEY_ID" && /EXAMPLE$/.test(token)) return;
    found.push({ rule: r, start: p, end: p + token.length });
  };
  // Scans the rest of the text from `p` with rule r's own global regex: the same matches,
  // without a call per prefix (used once near-matches make prefixes pile up).
  const scanRest = (r: number, p: number): void => {
    const re = RULES[r]!.re;
    re.lastIndex = p;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) consider(r, m.index, m[0]);
    next[r] = Infinity;
  };
  if (places === null) {
    // A run of near-matches: per-rule scans do the same search without a call per prefix.
    for (let r = 0; r < RULES.length; r++) scanRest(r, 0);
  } else {
    let last = -1;
    for (const p of places) {
      if (p === last) continue;
      last = p;
      const first = text[p]!;
      for (let r = 0; r < RULES.length; r++) {
        if (next[r]! > p || !FIRST_CHARS[r]!.includes(first) || !hasPrefix(text, p, RULE_PREFIXES[r]!)) continue;
        // Misses are counted per window of text: only a dense run of near-matches switches to
        // one scan, not a few misses spread over a long document.
        if (p - windowStart[r]! > MISS_WINDOW) {
          windowStart[r] = p;
          misses[r] = 0;
        }
        if (misses[r]! >= 32) {
          scanRest(r, p);
          continue;
        }
        const re = STICKY[r]!;
        re.lastIndex = p;
        const m = re.exec(text);
        if (m === null) {
          misses[r]!++;
          continue;
        }
        next[r] = p + m[0].length;
        consider(r, p, m[0]);
      }
    }
  }
  if (found.length === 0) return;
  // Reported rule by rule, as separate scans would (the order breaks exact ties between rules).
  found.sort((a, b) => a.rule - b.rule || a.start - b.start);
  for (const f of found) sink(RULES[f.rule]!.type, f.start, f.end, 3);
}
