/**
 * Use versus mention: attack strings quoted in detector code, tests, fixtures, research
 * summaries, advisories or translation requests are benign, and so are trigger words in a
 * developer's question about them. These signals lower the score of a match; they never
 * raise it.
 */

const DISCUSSION = [
  /\b(?:detect(?:s|ed|ing|or|ion)?|classif(?:y|ier|ies)|filter(?:s|ing)?|sanitiz|regex(?:es)?|blocklist|denylist|guardrails? (?:library|check)|payloads?|test ?cases?|fixtures?|unit tests?|examples? of|known (?:attacks?|jailbreaks?|patterns?)|attack strings?|post-?mortem|root cause|incident report|usage polic(?:y|ies)|acceptable use|prohibit(?:s|ed)?|social engineering|methodology|annotators?|attempts? to (?:jailbreak|bypass|trick|manipulate|override|extract)|research(?:ers?)?|\bexample (?:inputs?|prompts?|payloads?|attacks?)\b|(?:attack )?vectors?|paper|advisory|cve-\d|owasp|red[- ]?team|benchmark|dataset|corpus|heuristic|slides?|conference talk|lecture|workshop|tutorial|write-?up|blog post|article|newsletter|course)\b/,
  /\b(?:translate|translation|traduce|traduire|übersetze|traduza|переведи|翻译|翻訳)\b/,
  /\b(?:what does|what is|what's|meaning of|explain|why does|why do|why is|how (?:do|can|should|would|to) (?:i|we)|how does|escap(?:e|ing))\b/,
  /\b(?:special tokens?|chat templates?|chatml|fine-?tun\w*|tokeniz\w*|prompt injection|jailbreak (?:attempts?|prompts?|attacks?|detection|techniques?|methods?)|injection attacks?|adversarial prompts?|such as|for example|for instance|like the (?:classic|famous|well-known))\b|\be\.g\.|\bi\.e\.|\b(?:phrases|prompts|messages|strings|variants|things|text|inputs|attacks|examples|payloads|requests|lines) (?:like|such as)\s{0,2}["'\u201c\u2018(]|\battack (?:success|families|family|types?|categories)\b/,
  /(?:\bassert\w*\b|\bexpect\(|\bit\(["']|\btest\(["']|\bdef test_|\bdescribe\(["']|\bis_injection\b|\bshould_block\b|\bpytest\b|\b(?:injection|attack|jailbreak|malicious)_?(?:patterns|phrases|strings|examples|samples|prompts|payloads)\b)/,
  /(?:\b(?:expected|label|labels|verdict|is_attack|is_injection|blocked|should_block|category|pattern|regex|severity|rule_?id)\b["']?\s{0,2}[:=]|\b(?:attacks?|payloads?|jailbreaks?|injections?|malicious|adversarial|red_?team)\w{0,12}\s{0,2}=\s{0,2}[[({]|(?:^|\n)\s{0,4}(?:cases|fixtures|samples|examples|payloads):|\b\w{0,20}(?:phrases|patterns|keywords|blocklist|denylist|signatures|triggers)\w{0,10}["']?\s{0,2}[:=])/,
];

/** Signals that only mark a mention when the attack words are quoted (translation requests, question words). */
const WEAK = new Set([1, 2]);

/** How many distinct kinds of discussion signals the text shows: strong ones (code, tests, research) and weak ones. */
export function discussionSignals(lowerText: string): { strong: number; weak: number } {
  const n = { strong: 0, weak: 0 };
  DISCUSSION.forEach((re, i) => {
    if (re.test(lowerText)) n[WEAK.has(i) ? "weak" : "strong"]++;
  });
  return n;
}

const QUOTES = `"'\`\u201c\u201d\u2018\u2019\u00ab\u00bb\u300c\u300d`;

/** True when the start or the last character of the span [start, end) sits inside quotes on its line. */
export function isQuoted(text: string, start: number, end: number): boolean {
  return startQuoted(text, start, end) || (end - 1 > start && startQuoted(text, end - 1, end));
}

const APOSTROPHE = /(?<=\p{L})['\u2019](?=(?:s|t|re|ve|ll|d|m)\b)|(?<=\b(?:[ldjmnstc]|qu))['\u2019](?=\p{L})/giu;

const HAS_APOSTROPHE = /['\u2019]/;

function startQuoted(text: string, start: number, end: number): boolean {
  // Wide enough that quote parity is rarely broken by cutting a line in the middle of a quote.
  const leftWindow = text.slice(Math.max(0, start - 1000), start);
  const rawLeft = leftWindow.slice(leftWindow.lastIndexOf("\n") + 1);
  const rightWindow = text.slice(end, Math.min(text.length, end + 200));
  const nl = rightWindow.indexOf("\n");
  const rawRight = nl === -1 ? rightWindow : rightWindow.slice(0, nl);
  // Apostrophes inside words (what's, l'IA) are not quotes; removing them changes only the
  // counts of ' and ’, so the (costly) removal runs only for the quotes that need it.
  let left: string | undefined;
  let right: string | undefined;
  for (const q of QUOTES) {
    const open = q === "\u201d" ? "\u201c" : q === "\u2019" ? "\u2018" : q === "\u00bb" ? "\u00ab" : q === "\u300d" ? "\u300c" : q;
    const close = q === "\u201c" ? "\u201d" : q === "\u2018" ? "\u2019" : q === "\u00ab" ? "\u00bb" : q === "\u300c" ? "\u300d" : q;
    if (open !== q) continue;
    let l = rawLeft;
    let r = rawRight;
    if (open === "'" || close === "\u2019") {
      left ??= HAS_APOSTROPHE.test(rawLeft) ? rawLeft.replace(APOSTROPHE, "") : rawLeft;
      right ??= HAS_APOSTROPHE.test(rawRight) ? rawRight.replace(APOSTROPHE, "") : rawRight;
      l = left;
      r = right;
    }
    const countLeft = l.split(open).length - 1;
    if (countLeft > 0 && (open !== close || countLeft % 2 === 1) && r.includes(close)) return true;
  }
  return false;
}

/** The factor a match's weight is multiplied by, from its quoting and the text's discussion signals. */
export function mentionFactor(quoted: boolean, found: { strong: number; weak: number }, channel: string): number {
  // Weak signals count only next to a strong one or around quoted words.
  const signals = found.strong + (found.strong > 0 || quoted ? found.weak : 0);
  if (quoted && signals >= 1) return 0.2;
  if (signals >= 2) return channel === "code" ? 0.5 : 0.45;
  if (quoted) return channel === "chat" ? 0.6 : 0.85;
  if (signals === 1) return 0.75;
  return 1;
}
