/**
 * The injection detector: normalises the text into views, decodes candidates, runs the
 * pattern families on each, discounts mentions, and returns a score in [0,1] with evidence
 * (which pattern, which decoded or normalised form, which span of the original text).
 */
import type { GuardEvidence } from "../../../../shared/src/events";
import type { Channel } from "../../pipeline/context";
import { decodeCandidates, identifierCandidates, joinedFragments, REVERSED_HINTS, ROT13_HINTS, wholeTextForms } from "./decode";
import { discussionSignals, isQuoted, mentionFactor } from "./mention";
import { foldedView, nfkcView, type View } from "./normalize";
import { EN_PATTERNS as BASE_EN_PATTERNS, type InjectionPattern } from "./patterns";
import { GENERAL_PATTERNS } from "./patternsGeneral";
import { INTL_PATTERNS } from "./patternsIntl";
import { SENTENCE_PATTERNS, sentenceHits } from "./sentences";

const EN_PATTERNS: InjectionPattern[] = [...BASE_EN_PATTERNS, ...GENERAL_PATTERNS];

export type InjectionVerdict = { verdict: "injection" | "benign"; score: number; findings: GuardEvidence[] };

type Hit = { pattern: InjectionPattern; form: string; start: number; end: number; weight: number };

const MAX_SCAN = 200_000;
/** How far apart (in characters) two pieces of evidence may start and still add up. */
const CLUSTER_SPAN = 600;
/** A developer's question about a thing ("how do I …", "is it possible to …"), not a request to the model. */
const DEV_QUESTION = /^\s{0,4}(?:how (?:do|can|should|would|could) (?:i|we)|how to|what(?:'s| is| are| does)|why (?:does|do|is|are)|is it possible|is there a way|where (?:do|can|should) (?:i|we)|which|when should (?:i|we)|(?:is|are) (?:the|this|that|these|there|it)|(?:does|do) (?:the|this|my|our|it)|(?:can|should) (?:i|we))\b/i;

/** The same question later in the sentence ("In LangChain, how do I …"). */
const DEV_QUESTION_INSIDE = /[,;:]\s{0,3}(?:how (?:do|can|should|would|could) (?:i|we)|how to|is it possible|is there a way|where (?:do|can|should) (?:i|we))\b[^.!?]{0,120}$/i;

/** Question words that open a developer's question in the other supported languages. */
const DEV_QUESTION_INTL = /^\s{0,4}(?:\u00bf\s{0,2})?(?:c[o\u00f3]mo|por qu[e\u00e9]|qu[e\u00e9]|wie|warum|comment|pourquoi|quel(?:le)?|por que|\u043a\u0430\u043a|\u043f\u043e\u0447\u0435\u043c\u0443|\u5982\u4f55|\u600e\u4e48|\u600e\u6837|\u4e3a\u4ec0\u4e48|\u3069\u3046\u3084\u3063\u3066|\u306a\u305c)/i;
/** Japanese "how do I …" after the verb. */
const JA_HOW = /^[^\n\u3002]{0,20}(?:\u3069\u3046\u3059\u308c\u3070|\u3069\u3046\u3084\u3063\u3066|\u65b9\u6cd5)/;
/** The sentence goes on to a question mark. */
const QUESTION_END = /^[^\n.!\u3002]{0,120}[?\uff1f]/;

/** The offset of the end of the line that contains `at`. */
function lineEnd(text: string, at: number): number {
  const nl = text.indexOf("\n", at);
  return nl === -1 ? text.length : nl;
}

/** The sentence text before an offset (back to the previous sentence end or newline, at most 200 characters). */
function sentenceBefore(text: string, start: number): string {
  const window = text.slice(Math.max(0, start - 200), start);
  const cut = Math.max(window.lastIndexOf("\n"), window.lastIndexOf(". "), window.lastIndexOf("? "), window.lastIndexOf("! "));
  return cut === -1 ? window : window.slice(cut + 1);
}
const DEFENSIVE_TAIL = /^\s{0,2}(?:inside|in|within|contained in)\s{1,2}(?:it|them)\b|^\s{0,2}(?:that|which)?\s{0,2}(?:may |might |could )?(?:appear|appears|are|is|come|comes|arrive|show up|occur)?\s{0,2}(?:in|inside|within|from|contained in|embedded in|found in|hidden in)\s{1,2}(?:the\s{1,2}|any\s{1,2})?(?:retrieved|user|untrusted|external|third-party|tool|web|input|content|data|documents?|emails?|pages?|files?|search|context|messages)/;
/** A subject or modal before the verb ("the engine should ignore …") reads as description, not a command. */
const NON_IMPERATIVE = /(?<!\byou\s{1,3})\b(?:should|will|would|can|could|must|to|does|doesn't|don't|not|never|it|that|which|who|we|they|he|she|i|people|users|someone|somebody|everyone|nobody|always|often|sometimes|usually|engine|parser|linter|compiler|git|tests?|attackers?|hackers?|adversaries|criminals|scammers|researchers|models|bots|llms|agents|assistants|chatbots|lets?|allows?|helps?|enables?)\s{1,3}$/;

/** Someone else's request described conditionally ("if the user asks you to ignore these rules, refuse"). */
const CONDITIONAL_REQUEST = /\b(?:if|when|whenever|should)\s{1,3}(?:the user|a user|users|someone|anyone|they|people|somebody|a customer|customers)\s{1,3}(?:asks?|tells?|tries|try|wants?|requests?|says?)\b[^.!?\n]{0,30}$/;
/** A comment that prompts a completion tool for the author's own code ("// Copilot: write a debounce helper"). */
const COMPLETION_PROMPT = /^[^\n]{0,60}?[:,]\s{0,3}(?:please\s{1,3})?(?:write|generate|create|implement|add|make|build|complete|suggest|refactor|document|convert|fix|explain)\s{1,3}(?:a|an|the|me|some|unit|tests?|this|docstrings?|types?|jsdoc)\b(?![^\n]{0,120}\b(?:ignore|disregard|secret|password|token|credential|send|upload|forward|exfiltrat|approve|report|delete|curl|wget|\.env|api key|without telling|silently|never mention|don't mention))[^\n]*$/;

/**
 * Someone describing what an attacker does to a model ("asked the model to print its hidden
 * instructions", "attempts to override the system prompt") rather than giving the order.
 */
const THIRD_PERSON_ORDER = /\b(?:ask(?:s|ed|ing)?|tell(?:s|ing)?|told|instruct(?:s|ed|ing)?|prompt(?:s|ed|ing)|trick(?:s|ed|ing)?|convinc(?:e|es|ed|ing)|persuad(?:e|es|ed|ing)|caus(?:e|es|ed|ing)|get(?:s|ting)?|got|mak(?:e|es|ing)|made|coax(?:es|ed|ing)?)\s{1,3}(?:it|them|the (?:target )?(?:model|bot|assistant|agent|llm|chatbot|ai|system)s?|models|llms|agents|assistants|chatbots)\s{1,3}(?:to\s{1,3})?(?:[a-z'-]+\s{1,3}){0,3}$|\b(?:attempts?|attempting|attempted|tries|tried|trying|efforts?) to\s{1,3}(?:[a-z'-]+\s{1,3}){0,3}$/;
/** The governed noun is a modifier of another noun ("the old setup steps", "the system prompt template"). */
const COMPOUND_NOUN = /^[\s-]{1,2}(?:steps?|files?|pages?|sections?|scripts?|wizard|screens?|docs|documentation|folders?|templates?|examples?|samples?|guides?|tab|panel|button|dialog|flow|editor|fields?|variables?|length|size|format|design|engineering|library|generator|builder|versions?|repo|path|best practices|checklist|tutorial|course|video|sheet|booklet|leaflet)\b/;
/**
 * The instructions are qualified by a topic of the human world ("the instructions sent on
 * Monday", "las instrucciones anteriores de instalación", "инструкции по оплате"): a notice
 * to people, unless the qualifier points back at the AI or the conversation.
 */
const HUMAN_TOPIC = /^\s{0,2}(?:(?:sent|posted|emailed|mailed|issued|shared|listed|printed|handed out|circulated|published)\s{1,2}(?:on|in|last|by|yesterday|earlier|this|with)\b|about|regarding|concerning|on how|related to|for (?:the )?(?:v\d|version|install|installation|setup|set-up|migration|upgrade|parking|payment|travel|expenses|building|office|exam|project|event|form|trip)|(?:in|from) (?:the|my|our|last|yesterday's|this morning's) (?:box|manual|guide|handbook|e-?mail|letter|form|leaflet|booklet|readme|wiki|brochure|package|memo|meeting|notice|circular|newsletter)|(?:del|de la|de los|do|da|des|du|de l'|der|des|van de|van het|della|dello|dell')\s{1,2}(?:correo|e-?mail|mail|mensaje|documento|memor[a\u00e1]ndum|reuni[o\u00f3]n|circular|courriel|message|r[e\u00e9]union|note|brief|nachricht|sitzung|besprechung|bericht|mensagem|reuni[a\u00e3]o|bericht|vergadering|riunione|messaggio|lettera|memo)|of the (?:manual|guide|handbook|form|wizard|installer|worksheet|booklet)|de (?:instalaci[o\u00f3]n|configuraci[o\u00f3]n|pago|env[i\u00ed]o|uso|la versi[o\u00f3]n|instala[c\u00e7][a\u00e3]o)|sobre|acerca|referentes?|relativ[ae]s?|del manual|do manual|concernant|au sujet|sur (?:le|la|les|l')|du manuel|zur|zum|\u00fcber|bez\u00fcglich|im handbuch|des handbuchs|(?:по|о|об|для|касательно|насч[её]т)\s|del manuale|sul|sulla|sui|sulle|riguard|betreffende|over (?:het|de)|van de handleiding)/i;
/** The qualifier mentions the AI, the conversation or its safety rules after all. */
const AI_AFTER = /\b(?:you|your|ai|ia|ki|assistant|model|llm|gpt|chatbot|bot|prompt|conversation|chat|safety|guidelines|content|tu|tus|vos|votre|tes|dein\w*|seus?|suas?|tuo|tua|jouw|твои\w*|ваши\w*|ии)\b/i;
/** A request for a piece of creative writing about a subject ("write a haiku about forgetting everything you were told"). */
const CREATIVE_REQUEST = /\b(?:write|compose|draft|create|tell)\s{1,3}(?:me\s{1,3})?(?:a|an|some|the)\s{1,3}(?:[a-z-]+\s{1,3}){0,2}(?:story|stories|poem|haiku|song|limerick|sonnet|scene|novel|chapter|screenplay|lyrics|ballad|tale|fable|riddle)\b[^.!?\n]{0,20}\b(?:about|on|of)\b/;
/** A speaker label at the start of a line of a transcript or chat log ("User:", "[09:15] ops-bot:", "<mod>"). */
const SPEAKER_LINE = /^[\t ]{0,4}(\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s{0,2})?(?:<([\p{L}\d_.@-]{1,24})>|([\p{L}\d_.@-]{1,24})\s{0,2}:(?!\/\/))/gmu;
const HUMAN_SIDE = new Set(["user", "human", "customer", "me", "you", "client"]);
/**
 * The end offsets of the speaker labels when the text reads as a transcript or chat log: at
 * least three labelled lines from at least two speakers, with timestamps, IRC-style names or a
 * human side (User, Human, Customer); otherwise null (YAML keys are not speakers).
 */
function speakerLabels(text: string): Map<number, number> | null {
  const labels = new Map<number, number>();
  const speakers = new Set<string>();
  let stamped = 0;
  SPEAKER_LINE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SPEAKER_LINE.exec(text)) !== null) {
    const name = (m[2] ?? m[3] ?? "").toLowerCase();
    speakers.add(name);
    if (m[1] || m[2]) stamped++;
    labels.set(m.index, m.index + m[0].length);
  }
  if (labels.size < 3 || speakers.size < 2) return null;
  if (stamped * 2 < labels.size && ![...speakers].some((n) => HUMAN_SIDE.has(n))) return null;
  return labels;
}
/** True when a span starts inside the speaker label of its line. */
function atSpeakerLabel(text: string, start: number, labels: Map<number, number>): boolean {
  const end = labels.get(text.lastIndexOf("\n", start - 1) + 1);
  return end !== undefined && start < end;
}
/** A line that is one short key/value string (an i18n entry, a label in config): `"key": "Ignore all"`, `msgid "…"`. */
const KV_LINE = /^[\t ]*(?:-\s{1,3})?(?:"[^"\n]{1,60}"|'[^'\n]{1,60}'|[\w.\-]{1,60}|msg(?:id|str))\s{0,2}[:=]?\s{0,2}(["'])([^"'\n]{1,80})\1\s{0,2},?[\t ]*$/;
const KV_LINES = /^[\t ]*(?:-\s{1,3})?(?:"[^"\n]{1,60}"|'[^'\n]{1,60}'|[\w.\-]{1,60}|msg(?:id|str))\s{0,2}[:=]?\s{0,2}["'][^"'\n]{1,80}["']\s{0,2},?[\t ]*$/gm;
/** True when [start, end) lies on a key/value line with a short string value, in a file of such lines. */
function inShortValue(text: string, start: number, end: number): boolean {
  const ls = text.lastIndexOf("\n", start - 1) + 1;
  const le = lineEnd(text, start);
  if (end > le) return false;
  const line = text.slice(ls, le);
  const m = KV_LINE.exec(line);
  if (!m) return false;
  KV_LINES.lastIndex = 0;
  let n = 0;
  while (KV_LINES.exec(text) !== null && n < 2) n++;
  return n >= 2;
}
/** True when [start, end) lies on one row of a markdown table (a line that starts with "|" and has at least three). */
function inTableCell(text: string, start: number, end: number): boolean {
  const ls = text.lastIndexOf("\n", start - 1) + 1;
  const le = lineEnd(text, start);
  if (end > le || le - ls > 2000) return false;
  const line = text.slice(ls, le);
  return /^\s{0,3}\|/.test(line) && line.split("|").length >= 4;
}

/** Reported speech: the quote is introduced as what someone says or what a text contains ('a message might say "…"'). */
const REPORTED_SPEECH = /\b(?:say|says|said|saying|read|reads|reading|titled|entitled|containing|contains|contained|asks?|asked|asking|typed|types|wrote|writes|written|replied|replies|sentence|phrase|string)\s{0,2}[:,]?\s{0,2}$/;
/** Or the quote is what someone was told, asked or instructed to do ('was told by a web page to "…"'). */
const REPORTED_ORDER = /\b(?:told|asked|instructed|ordered|urged|prompted)\b[^"'\u201c\n]{0,60}\bto\s{0,2}[:,]?\s{0,2}$/;
function reportedSpeech(text: string, start: number): boolean {
  const ls = Math.max(text.lastIndexOf("\n", start - 1) + 1, start - 200);
  const left = text.slice(ls, start);
  let q = -1;
  for (let i = left.length - 1; i >= 0; i--) {
    if (`"'\u201c\u2018\u00ab\u300c`.includes(left[i]!) && !(left[i] === "'" && i > 0 && /\p{L}/u.test(left[i - 1]!) && /\p{L}/u.test(left[i + 1] ?? ""))) {
      q = i;
      break;
    }
  }
  if (q === -1) return false;
  const lead = left.slice(0, q).toLowerCase();
  return REPORTED_SPEECH.test(lead) || REPORTED_ORDER.test(lead);
}

/** All needles in one regex, so one pass over a view tells which needles occur in it. */
const ALL_NEEDLES = [...new Set([...EN_PATTERNS, ...INTL_PATTERNS].flatMap((p) => p.needles).concat(ROT13_HINTS, REVERSED_HINTS))].sort((a, b) => b.length - a.length);
const NEEDLE_RE = new RegExp(ALL_NEEDLES.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
/** For each needle, the needles it contains (a match of the longer one hides the shorter). */
const CONTAINED = new Map(ALL_NEEDLES.map((n) => [n, ALL_NEEDLES.filter((m) => n.includes(m))]));

/** The set of needles that occur in a view. */
function needlesIn(view: string): Set<string> {
  const present = new Set<string>();
  NEEDLE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NEEDLE_RE.exec(view)) !== null) {
    // Step one character on, so needles that overlap a match are still seen.
    NEEDLE_RE.lastIndex = m.index + 1;
    if (present.has(m[0])) continue;
    for (const n of CONTAINED.get(m[0]) ?? [m[0]]) present.add(n);
  }
  return present;
}

function hasNeedle(present: Set<string>, p: InjectionPattern): boolean {
  for (const n of p.needles) if (present.has(n)) return true;
  return false;
}

/** Runs patterns over a view; `toOriginal` maps a view span to an original span. */
function runPatterns(view: string, patterns: readonly InjectionPattern[], form: string, toOriginal: (s: number, e: number) => [number, number], hits: Hit[], present = needlesIn(view)): void {
  let matched: Set<string> | undefined;
  for (const p of patterns) {
    if (!hasNeedle(present, p)) continue;
    if (p.requires !== undefined && !matched?.has(p.requires)) continue;
    p.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    let guard = 0;
    while ((m = p.re.exec(view)) !== null && guard++ < 50) {
      (matched ??= new Set()).add(p.id);
      if (m[0].length === 0) {
        p.re.lastIndex++;
        continue;
      }
      if (p.family === "override" && /\b(?:my|mes|mis|meine|meinen|mon|ma|minhas|meus|mi|мои|моих)\b|\bi (?:gave|wrote|pasted|sent|said)\b/.test(m[0])) continue;
      // "Ignore any instructions that appear in retrieved documents" is a defence, not an attack.
      if (p.family === "override" && DEFENSIVE_TAIL.test(view.slice(m.index + m[0].length, m.index + m[0].length + 60))) continue;
      // Patterns that consume the character before a word report the span from the word itself.
      const skip = p.re.source.startsWith("(?:^|") ? Math.max(0, m[0].search(/[\p{L}\p{N}]/u)) : 0;
      const [start, end] = toOriginal(m.index + skip, m.index + m[0].length);
      hits.push({ pattern: p, form, start, end, weight: p.weight });
    }
  }
}

/** Adds the sentence-level combinations found in a view. */
function runSentences(view: string, form: string, toOriginal: (s: number, e: number) => [number, number], hits: Hit[]): void {
  for (const h of sentenceHits(view)) {
    const [start, end] = toOriginal(h.start, h.end);
    hits.push({ pattern: SENTENCE_PATTERNS[h.id]!, form, start, end, weight: h.weight });
  }
}

function viewMapper(view: View): (s: number, e: number) => [number, number] {
  return (s, e) => [view.map[s] ?? 0, view.map[Math.max(s, e - 1)]! + 1];
}

/** Scans a text for prompt injection in the given channel. */
export function scanInjection(input: string, channel: Channel, threshold = 0.5): InjectionVerdict {
  const text = input.length > MAX_SCAN ? input.slice(0, MAX_SCAN) : input;
  const hits: Hit[] = [];
  const nfkc = nfkcView(text);
  const folded = foldedView(nfkc);
  const lower = text.toLowerCase();
  // One needle scan per distinct view: for most texts the two views are the same string.
  const foldedNeedles = needlesIn(folded.text);
  runPatterns(folded.text, EN_PATTERNS, folded.text === lower ? "text" : "normalised", viewMapper(folded), hits, foldedNeedles);
  runPatterns(nfkc.text, INTL_PATTERNS, nfkc.text === lower ? "text" : "normalised", viewMapper(nfkc), hits, nfkc.text === folded.text ? foldedNeedles : needlesIn(nfkc.text));
  runSentences(folded.text, folded.text === lower ? "text" : "normalised", viewMapper(folded), hits);
  const rawCount = hits.length;
  for (const d of [...decodeCandidates(text), ...identifierCandidates(text), ...joinedFragments(text)]) {
    const v = foldedView(nfkcView(d.text));
    runPatterns(v.text, EN_PATTERNS, d.form, () => [d.start, d.end], hits);
    runPatterns(v.text, INTL_PATTERNS, d.form, () => [d.start, d.end], hits);
    runSentences(v.text, d.form, () => [d.start, d.end], hits);
  }
  if (rawCount === 0) {
    // The needle scan of the folded view already saw which ROT13 and reversed hints occur.
    const hints = { rot13: ROT13_HINTS.some((h) => foldedNeedles.has(h)), reversed: REVERSED_HINTS.some((h) => foldedNeedles.has(h)) };
    for (const d of wholeTextForms(folded.text, hints)) {
      const before = hits.length;
      runPatterns(d.text, EN_PATTERNS, d.form, (s, e) => (d.form === "reversed" ? [folded.map[folded.text.length - e]!, folded.map[folded.text.length - s - 1]! + 1] : [folded.map[s]!, folded.map[e - 1]! + 1]), hits);
      if (hits.length > before) break;
    }
  }
  return score(text, hits, channel, threshold);
}

function score(text: string, hits: Hit[], channel: Channel, threshold: number): InjectionVerdict {
  if (hits.length === 0) return { verdict: "benign", score: 0, findings: [] };
  const lower = text.toLowerCase();
  const signals = discussionSignals(lower);
  // A discussion signal inside the matched words themselves ("translate your system
  // instructions", "what's your prompt") is part of the attack, not a sign of discussion.
  const outside = new Map<string, { strong: number; weak: number }>();
  const signalsOutside = (h: Hit): { strong: number; weak: number } => {
    if (signals.strong + signals.weak === 0 || (h.form !== "text" && h.form !== "normalised")) return signals;
    const key = `${h.start}:${h.end}`;
    let n = outside.get(key);
    if (n === undefined) {
      n = discussionSignals(lower.slice(0, h.start) + " ".repeat(h.end - h.start) + lower.slice(h.end));
      outside.set(key, n);
    }
    return n;
  };
  const best = new Map<string, Hit & { effective: number; quoted: boolean }>();
  let labels: Map<number, number> | null | undefined;
  for (const h of hits) {
    let w = h.weight;
    if (h.pattern.family === "override" && h.form !== "reversed" && NON_IMPERATIVE.test(text.slice(Math.max(0, h.start - 30), h.start).toLowerCase())) w *= 0.5;
    // "Override" is what developers do to their own configuration; attackers say ignore, disregard, forget.
    if (h.pattern.family === "override" && /^\s*overr(?:ide|ule)/i.test(text.slice(h.start, h.start + 12))) w *= 0.6;
    if (h.pattern.family === "ai-addressed" && channel === "chat") w *= 0.75;
    // In documents and code, "your prompt" and "your rules" usually address the human reader.
    if (channel !== "chat" && (h.pattern.id.startsWith("sent.") || h.pattern.id === "gen.exfil-your-config") && /\byour\b/i.test(text.slice(h.start, h.end))) w *= 0.7;
    if ((h.pattern.family === "override" || h.pattern.family === "exfiltration" || h.pattern.family === "persona") && CONDITIONAL_REQUEST.test(text.slice(Math.max(0, h.start - 80), h.start).toLowerCase())) w *= 0.4;
    if (h.pattern.family === "ai-addressed" && (h.form === "text" || h.form === "normalised") && COMPLETION_PROMPT.test(text.slice(h.start, lineEnd(text, h.end)).toLowerCase())) w *= 0.3;
    if (h.pattern.family === "delimiter" && channel === "code") w *= 0.5;
    if (h.form === "text" || h.form === "normalised") {
      const family = h.pattern.family;
      const lowBefore = text.slice(Math.max(0, h.start - 80), h.start).toLowerCase();
      const after = text.slice(h.end, h.end + 60);
      const isSentence = h.pattern.id.startsWith("sent.");
      if (family !== "markdown-exfiltration" && (THIRD_PERSON_ORDER.test(lowBefore) || (isSentence && THIRD_PERSON_ORDER.test(text.slice(Math.max(0, h.start - 80), h.end).toLowerCase().replace(/[\s\S]*?((?:\S+\s+){0,8}\S*)$/, "$1"))))) w *= 0.5;
      if ((family === "override" || family === "exfiltration") && COMPOUND_NOUN.test(after.toLowerCase())) w *= 0.4;
      if (family === "override" && HUMAN_TOPIC.test(after) && !AI_AFTER.test(after.slice(0, 40))) w *= 0.45;
      if (family !== "ai-addressed" && CREATIVE_REQUEST.test(sentenceBefore(text, h.start).toLowerCase())) w *= 0.5;
      if (family === "delimiter" || family === "ai-addressed") {
        if (labels === undefined) labels = speakerLabels(text);
        if (labels && atSpeakerLabel(text, h.start, labels)) w *= 0.5;
      }
      if (family !== "ai-addressed" && family !== "markdown-exfiltration" && inShortValue(text, h.start, h.end)) w *= 0.5;
      if (reportedSpeech(text, h.start) && isQuoted(text, h.start, h.end)) w *= 0.5;
    }
    if (h.form === "text" || h.form === "normalised") {
      const sentence = sentenceBefore(text, h.start);
      if (DEV_QUESTION.test(sentence) || DEV_QUESTION_INSIDE.test(sentence) || ((DEV_QUESTION_INTL.test(sentence) || JA_HOW.test(text.slice(h.end, h.end + 40))) && QUESTION_END.test(text.slice(h.end, h.end + 120)))) w *= 0.5;
    }
    if (h.form !== "text" && h.form !== "normalised") w = Math.min(0.95, w + 0.1);
    // A cell of a markdown table in a text that discusses attacks is a quoted example.
    const quoted = isQuoted(text, h.start, h.end) || (signals.strong + signals.weak > 0 && inTableCell(text, h.start, h.end));
    const effective = w * mentionFactor(quoted, signalsOutside(h), channel);
    const prev = best.get(h.pattern.id);
    if (!prev || prev.effective < effective) best.set(h.pattern.id, { ...h, effective, quoted });
  }
  // Two patterns of one family over the same words are one piece of evidence, not two.
  const ranked = [...best.values()].sort((a, b) => b.effective - a.effective);
  const distinct: typeof ranked = [];
  for (const h of ranked) {
    if (distinct.some((d) => d.pattern.family === h.pattern.family && d.start < h.end && h.start < d.end)) continue;
    // Tags and delimiters alone are weak: only the strongest one counts.
    if (h.pattern.family === "delimiter" && distinct.some((d) => d.pattern.family === "delimiter")) continue;
    distinct.push(h);
  }
  best.clear();
  for (const h of distinct) best.set(h.pattern.id, h);
  // Evidence combines only when it is close together: weak signals scattered over a long
  // document (a tag here, "no restrictions" there) do not add up to an attack.
  const byStart = [...best.values()].sort((a, b) => a.start - b.start);
  let top = 0;
  // In a text that discusses attacks, quoted evidence does not add up: several quoted attack
  // strings (a list of examples, a table of attack families) are one mention, so only the
  // strongest quoted one counts. Elsewhere (JSON fields, quoted customer notes) it adds up.
  const mentionContext = signals.strong + signals.weak > 0;
  for (let i = 0; i < byStart.length; i++) {
    let keep = 1;
    let quotedMax = 0;
    for (let j = i; j < byStart.length && byStart[j]!.start - byStart[i]!.start <= CLUSTER_SPAN; j++) {
      const h = byStart[j]!;
      if (h.quoted && mentionContext) quotedMax = Math.max(quotedMax, h.effective);
      else keep *= 1 - h.effective;
    }
    top = Math.max(top, 1 - keep * (1 - quotedMax));
  }
  const s = Math.round(top * 1000) / 1000;
  const findings: GuardEvidence[] = [...best.values()]
    .sort((a, b) => b.effective - a.effective)
    .map((h) => ({ kind: h.pattern.family, start: h.start, end: h.end, evidence: `${h.pattern.id} (${h.pattern.lang}, form: ${h.form})` }));
  return { verdict: s >= threshold ? "injection" : "benign", score: s, findings };
}
