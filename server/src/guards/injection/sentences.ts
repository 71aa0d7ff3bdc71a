/**
 * Sentence-level co-occurrence: paraphrased attacks rarely share a phrase with known ones, but
 * they keep the same parts in one sentence. A sentence that refers to the model's own
 * configuration ("your guidelines", "the prompt used to configure you") and also neutralises it
 * ("as though you had never received", "no longer", "trumps") reads as an override; the same
 * reference with a verb of showing ("output the full text of …") reads as exfiltration; a new
 * identity ("stop being ChatGPT", "act as") with an absence of limits ("no filter whatsoever",
 * "never apologises") reads as a persona jailbreak. The parts are matched as word lists on the
 * folded view, each sentence at most once per combination, so the cost stays linear.
 */
import { pattern } from "../scan";
import type { Family, InjectionPattern } from "./patterns";

const Q = "['\u2019]";

/** The model's own configuration, addressed in the second person or named as the deployer's. */
const CFG = pattern(
  [
    `\\byour (?:(?:own|current|original|initial|hidden|secret|internal|underlying|core|base|system|safety|content|ethical|built-in|default|previous|prior|existing|confidential|complete|full|entire|real) ){0,2}(?:system ?prompt|prompt|instructions|rules|guidelines|guidance|programming|directives|polic(?:y|ies)|filters?|restrictions|safety (?:guidelines|rules|settings|measures|training)|content policy|training|configuration|set-?up|guardrails|constraints|limitations|principles|ethics|morals|alignment|creators|developers|operators)\\b`,
    `\\b(?:prompt|instructions|rules|guidelines|directives|message)s? (?:that )?(?:the developers?|your (?:creators|developers|makers|operators)|they|someone|openai|anthropic|the company|the admins?) (?:gave|give|wrote|set|provided|programmed|configured) you\\b`,
    `\\b(?:used to|that|which|who) (?:configure|configured|program|programmed|instruct|instructed|set up|initiali[sz]e|initiali[sz]ed) you\\b`,
    `\\byou (?:were|have been|${Q}ve been|got|had) (?:given|told|instructed|configured|programmed)\\b`,
    `\\byou (?:had |have )?(?:never )?received (?:any )?(?:guidelines|instructions|rules|training|directives)`,
    `\\b(?:openai|anthropic|google|microsoft|meta)${Q}?s? (?:usage |content )?(?:policies|policy|guidelines|rules|terms)\\b`,
    `\\b(?:previous|prior|earlier|above|preceding|initial|original) (?:instructions|rules|directives|guidelines|prompts?|system (?:prompt|message))\\b`,
    `\\bthe (?:(?:exact|full|entire|original|very first|first) )?(?:system prompt|system message|hidden instructions|confidential instructions|secret instructions|initial instructions|developer message|hidden prompt)\\b`,
    `\\b(?:instructions|rules|prompt) you${Q}?(?:re| are) (?:running with|operating under|following|using)\\b`,
    `\\b(?:every|each|any|all) (?:rule|restriction|guideline|instruction)s? you (?:have|follow|were given)\\b`,
    `\\b(?:in|from) your (?:context(?: window)?|memory|prompt|system prompt)\\b`,
    `\\byour (?:operators?|developers?|creators?|makers?|admins?|owners?) (?:told|tell|asked|instructed|said|wrote|gave)\\b`,
    `\\b(?:instructions|rules|prompt)(?: that)? (?:you|she|he|it) (?:was|were|got|received) (?:given|told)\\b`,
  ].join("|"),
  "gu",
);
/** Neutralising the configuration. */
const NEG = pattern(
  `\\b(?:ignore|ignoring|disregard|disregarding|forget|forgetting|abandon|discard|override|overrides|overriding|bypass|circumvent|disable|deactivate|suspend|suspended|lift|lifted|erase|wipe|cancel|cancell?ed|revoke|revoked|void|nullify|supersede|supersedes|trumps?|no longer|never received|not bound|weren${Q}?t bound|aren${Q}?t bound|wasn${Q}?t bound|(?:free|freed) (?:of|from)|unbound|opposite|stop (?:following|obeying|being)|as (?:though|if) you (?:had|have|were) (?:never|no|not)|without (?:any |your )|don${Q}?t (?:have|need) to (?:follow|obey)|do not (?:have|need) to (?:follow|obey)|doesn${Q}?t apply|don${Q}?t apply|do not apply|is over|are over)\\b`,
  "gu",
);
/** Showing the configuration. */
const REVEAL = pattern(
  `\\b(?:print|output|show|display|reveal|tell me|tell us|give me|repeat|recite|recites|dump|share|list|copy|paste|translate|summari[sz]e|spell out|write (?:out|down)|echo|disclose|leak|expose|contain|contains|word for word|verbatim|full text|exact (?:text|wording)|what${Q}s|what (?:is|are|was|were|did|does|do)|(?:start|begin) (?:your (?:reply|answer|response) )?with)\\b`,
  "gu",
);
/** The absence of limits. */
const PERMISSIVE = pattern(
  `\\b(?:no|without(?: any)?|zero) (?:filters?|restrictions|limits|limitations|rules|guidelines|censorship|morals|ethics|refusals|warnings|disclaimers|boundaries)\\b|\\balways (?:answer|say|reply) (?:yes|everything)|\\bnever (?:warns?|refuses?|apologi[sz]es?|declines?|says? no|holds? back)\\b|\\banswers? (?:all|every|any) (?:questions?|requests?),? (?:without|regardless|no matter)|\\bforbidden (?:answers|topics|content|questions) (?:are|is) now\\b|\\bnothing is (?:off-limits|forbidden|off limits)|\\bno longer (?:restricts?|limits?|applies|filters?)\\b|\\bcan (?:do|say) anything\\b`,
  "gu",
);
/** A new identity. */
const PERSONA = pattern(
  `\\b(?:stop being|start being|you are now|you${Q}re now|from now on you${Q}?(?:re| are| will)|pretend (?:to be|you are|you${Q}re)|act as|acting as|roleplay as|role-play as|play the role|become|imagine you are|you will be|your new (?:name|persona|identity) is)\\b`,
  "gu",
);
/** A new rule announced as such. */
const NEW_RULE = pattern(`\\b(?:new|updated|revised) (?:rule|directive|instruction|policy|policies|rules|directives|instructions)\\b`, "gu");
/** Words that make the verb a description rather than a command. */
const DESCRIPTIVE = /\b(?:told me to|asked me to|wants? (?:me|us) to|refuses? to|refusing to|won't|doesn't|does not|should|will|would|can|could|cannot|can't|never|not|attackers?|hackers?|users?|people|someone|they|we|models?|lets?|allows?|how (?:do|to|can)|why|whether|if)\s{1,3}$/;
/** The user steering their own conversation ("forget my earlier instructions"). */
const OWN = /\b(?:my|our) (?:own |last |previous |earlier |prior |above |first |original |old )?(?:instructions?|rules|message|messages|request|question|prompt|code|guidelines|constraints|directions)\b|\bi (?:gave|wrote|pasted|sent|said)\b/;

type Combo = { id: string; family: Family; weight: number; a: RegExp; b: RegExp; descriptive: boolean };

const COMBOS: Combo[] = [
  { id: "sent.override", family: "override", weight: 0.7, a: CFG, b: NEG, descriptive: true },
  { id: "sent.exfil", family: "exfiltration", weight: 0.65, a: CFG, b: REVEAL, descriptive: true },
  { id: "sent.persona", family: "persona", weight: 0.7, a: PERSONA, b: PERMISSIVE, descriptive: false },
  { id: "sent.new-rule", family: "override", weight: 0.6, a: NEW_RULE, b: PERMISSIVE, descriptive: false },
];

/** The pattern records the combinations report as (for evidence and scoring). */
export const SENTENCE_PATTERNS: Record<string, InjectionPattern> = Object.fromEntries(
  COMBOS.map((c) => [c.id, { id: c.id, family: c.family, weight: c.weight, needles: [], re: c.a, lang: "en" }]),
);

export type SentenceHit = { id: string; start: number; end: number; weight: number };

/** How far apart (in characters) the two parts of a combination may be. */
const NEAR = 90;

/** The first match of `re` in `s` within NEAR characters of [from, to). */
function nearest(re: RegExp, s: string, from: number, to: number): RegExpExecArray | null {
  re.lastIndex = Math.max(0, from - NEAR);
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    if (m.index > to + NEAR) return null;
    if (m.index + m[0].length >= from - NEAR) return m;
    if (m[0].length === 0) re.lastIndex++;
  }
  return null;
}

/** Characters that end a sentence (followed by white space) or a line. */
const END_CHARS = ".!?;\u3002\uff01\uff1f\uff1b";

/** The sentence [start, end) around an offset, at most 600 characters each way. */
function sentenceAround(view: string, at: number): [number, number] {
  let s = at;
  while (s > 0 && at - s < 600) {
    const ch = view[s - 1]!;
    if (ch === "\n" || (END_CHARS.includes(ch) && /\s/.test(view[s] ?? " "))) break;
    s--;
  }
  let e = at;
  while (e < view.length && e - at < 600) {
    const ch = view[e]!;
    if (ch === "\n") break;
    if (END_CHARS.includes(ch) && /\s/.test(view[e + 1] ?? " ")) {
      e++;
      break;
    }
    e++;
  }
  return [s, e];
}

/** Finds the combinations in each sentence of a folded, lower-cased view (offsets are view offsets). */
export function sentenceHits(view: string): SentenceHit[] {
  const out: SentenceHit[] = [];
  // One pass per first part over the whole view; sentences are looked at only around its matches.
  const seen = new Set<string>();
  // Combinations that share a first part (override and exfiltration both start from the
  // configuration) share one scan for it.
  const firstParts = new Map<RegExp, { index: number; length: number }[]>();
  for (const c of COMBOS) {
    let found = firstParts.get(c.a);
    if (found === undefined) {
      found = [];
      c.a.lastIndex = 0;
      let a: RegExpExecArray | null;
      let guard = 0;
      while ((a = c.a.exec(view)) !== null && guard++ < 50) {
        if (a[0].length === 0) {
          c.a.lastIndex++;
          continue;
        }
        found.push({ index: a.index, length: a[0].length });
      }
      firstParts.set(c.a, found);
    }
    for (const a of found) {
      const at = a.index;
      const [ss, se] = sentenceAround(view, at);
      const key = `${c.id}:${ss}`;
      if (seen.has(key) || se - ss < 12) continue;
      const s = view.slice(ss, se);
      const rel = at - ss;
      const b = nearest(c.b, s, rel, rel + a.length);
      if (!b) continue;
      seen.add(key);
      let w = c.weight;
      if (c.descriptive && OWN.test(s)) continue;
      if (c.descriptive) {
        const verbAt = b.index;
        if (DESCRIPTIVE.test(s.slice(Math.max(0, verbAt - 30), verbAt))) w *= 0.5;
      }
      // The span is the first part (the configuration or the new identity): quoting and
      // question checks look at it, and the evidence points at it.
      out.push({ id: c.id, start: at, end: at + a.length, weight: w });
    }
  }
  return out;
}
