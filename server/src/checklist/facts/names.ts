/**
 * Name vocabularies the fact extractor uses to recognise roles of values (user text, PII
 * fields, prompts, limiters). They are matched against single identifiers or string keys,
 * never against source text.
 */
const USER_TEXT = new Set([
  "userinput", "usermessage", "usermsg", "userquery", "usertext", "userprompt", "userrequest", "userquestion",
  "query", "question", "message", "msg", "input", "prompt", "text", "persona", "bio", "comment", "feedback",
  "instructions", "custominstructions", "userinstructions", "chatinput", "rawinput", "content", "utterance",
  "goal", "task", "nickname", "botname", "assistantname", "preferences", "preference", "aboutme", "customprompt", "userbio",
]);
const USER_ROOTS = new Set(["request", "req", "body", "payload", "params", "query", "searchparams", "form", "args", "ctx", "c", "event", "interaction", "message", "msg", "data", "json", "input"]);

/** True when a dotted path names text that a user controls (request fields, user input). */
export function isUserTextPath(path: string[]): boolean {
  if (path.length === 0) return false;
  const names = path.filter((p) => p !== "()" && p !== "[]");
  const last = names[names.length - 1] ?? "";
  if (/^[A-Z0-9_]+$/.test(last) && last.length > 1) return false;
  const l = last.replace(/_/g, "").toLowerCase();
  if (/(id|len|length|count|hash|tokens|type|schema|faq|docs?|context|date|time)$/.test(l) && !USER_TEXT.has(l)) return false;
  if (USER_TEXT.has(l)) return true;
  if (l.startsWith("user") || l.endsWith("input") || l.endsWith("query") || l.endsWith("question") || l.endsWith("message")) return true;
  const root = (names[0] ?? "").replace(/_/g, "").toLowerCase();
  if (names.length > 1 && USER_ROOTS.has(root) && !["headers", "app", "state", "env"].includes((names[1] ?? "").toLowerCase())) return true;
  return false;
}

const PII_FIELDS = new Set([
  "email", "emailaddress", "phone", "phonenumber", "mobile", "mobilenumber", "address", "homeaddress", "streetaddress",
  "street", "postcode", "zipcode", "ssn", "socialsecuritynumber", "dob", "dateofbirth", "birthdate", "fullname",
  "firstname", "lastname", "legalname", "creditcard", "cardnumber", "iban", "passportnumber", "surname", "givenname",
  "familyname", "middlename", "addressline", "addressline1", "addressline2", "nationalid", "taxid", "driverslicense",
]);
const NON_PERSONAL_QUALIFIER = /^(ip|mac|server|host|wallet|contract|node|bind|listen|base|web|url|remote|local|proxy|sender|from|replyto|noreply|support|admin|sales|company|business|office|store|shop|sys|system|smtp|mail|return|bcc|cc|dns|gateway|peer|socket|memory|target|source|start|end|hw|ethernet|multicast|broadcast|ipv[46]|public|private|internal|external|contract)(email|emailaddress|phone|phonenumber|mobile|address|postcode|zipcode)$/;
const PERSON_ROOTS = /^(customer|user|patient|contact|lead|person|member|employee|applicant|recipient|buyer|accountholder|subscriber|guest|client(?!s?$)|profile|account)/;

/** True when a dotted path names a known PII field (customer email, phone, name, address). */
export function isPiiPath(path: string[]): boolean {
  const names = path.filter((p) => p !== "()" && p !== "[]").map((p) => p.replace(/_/g, "").toLowerCase());
  const last = names[names.length - 1] ?? "";
  if (PII_FIELDS.has(last)) return true;
  for (const f of PII_FIELDS) if (last.endsWith(f) && PERSON_ROOTS.test(last)) return true;
  /* `shipping_address`, `billing_phone`, `contact_email`: a personal field with a qualifier, not a system one (`server_address`, `support_email`). */
  if (/(email|emailaddress|phone|phonenumber|mobile|address|postcode|zipcode)$/.test(last) && !NON_PERSONAL_QUALIFIER.test(last)) return true;
  if (last === "name" || last.endsWith("name")) {
    if (/(user|display|screen|file|model|bot|tool|company|product|team|channel|guild|server|host|app|project)name$/.test(last)) return false;
    if (PERSON_ROOTS.test(last)) return true;
    const parent = names[names.length - 2] ?? "";
    return last === "name" && PERSON_ROOTS.test(parent);
  }
  return false;
}

const PROMPT_NAMES = new Set([
  "prompt", "fullprompt", "userprompt", "rawprompt", "renderedprompt", "finalprompt", "messages", "msgs", "chatmessages",
  "conversation", "history", "chathistory", "usermessage", "usermsg", "userinput", "userquery", "query", "question",
  "input", "inputtext", "prompttext", "payload", "requestbody", "body",
]);

/** True when a dotted path names a raw prompt, user message or messages list. */
export function isPromptPath(path: string[]): boolean {
  const names = path.filter((p) => p !== "()" && p !== "[]").map((p) => p.replace(/_/g, "").toLowerCase());
  if (names.includes("choices") || names.includes("outputtext") || /^(resp|response|completion|chatcompletion|result|res|reply|answer|output|generation)$/.test(names[0] ?? "")) return false;
  const last = names[names.length - 1] ?? "";
  if (/(id|len|length|count|hash|digest|tokens|size|chars|preview|type)$/.test(last) && !PROMPT_NAMES.has(last)) return false;
  if (PROMPT_NAMES.has(last)) return !(last === "body" && names.length === 1) && !(last === "input" && names.length > 2);
  if (last === "content" || last === "text") {
    const parent = names[names.length - 2] ?? "";
    return ["message", "msg", "usermessage", "prompt", "request", "req", "body"].includes(parent);
  }
  if (last === "message" || last === "msg") {
    const root = names[0] ?? "";
    return ["request", "req", "body", "payload", "data", "user"].includes(root) && names.length > 1;
  }
  return false;
}

/** True when a name denotes a rate limiter, throttle or cooldown. */
export function isLimiterName(name: string): boolean {
  return /rate[-_]?limit|ratelimit|limiter|throttl|cooldown|slowapi|quota|token_?bucket/i.test(name);
}

/** Names of functions that redact or anonymise text before it reaches a model. */
export function isRedactorName(name: string): boolean {
  return /redact|anonymi[sz]|mask|scrub|sanitize_pii|strip_pii|pseudonymi[sz]|deidentif|presidio/i.test(name);
}

/** Names of calls that record usage or cost. */
export function isUsageRecorderName(name: string): boolean {
  return /record_?usage|track_?(tokens?|usage|cost|spend)|log_?(usage|cost|tokens|llm_?call|completion)|completion_?cost|record_?(cost|spend|tokens|llm)|add_?(cost|usage)|cost_?tracker|usage_?tracker|get_openai_callback|meter_?usage|report_?usage|ledger|charge_?tokens|bill|recordUsage|trackUsage|logUsage|trackCost|recordCost/i.test(name);
}

/** Property names whose read means a result's usage is being recorded. */
export const USAGE_FIELDS = new Set(["usage", "usage_metadata", "usagemetadata", "token_usage", "tokenusage", "prompt_tokens", "completion_tokens", "total_tokens", "input_tokens", "output_tokens", "prompttokens", "completiontokens", "totaltokens", "inputtokens", "outputtokens", "include_usage"]);

/** Property names whose read means a result's completion state is examined. */
export const FINISH_FIELDS = new Set(["finish_reason", "finishreason", "stop_reason", "stopreason", "incomplete_details", "incompletedetails", "finish_details"]);

/** Words that mark a route as conversational chat, and words that mark it as a one-shot task. */
export function chatness(name: string): "chat" | "task" | "weak" | "unknown" {
  const n = name.toLowerCase();
  if (/(^|[^a-z])(run|runs|task|tasks|job|jobs|execute|workflow)([^a-z]|$)/.test(n)) return "task";
  if (/classif|rewrite|idea|extract|summar|translat|moderat|embed|label|title|grade|score|sentiment|tag|caption|keyword|categor|parse|review|analy[sz]|search|complete_code|autocomplete|health|status|cost|stats|metric|generat|descri|draft|suggest|recommend|headline|tweet|slogan|tagline|name_|names|sql|query_builder|transcri|ocr/.test(n)) return "task";
  if (/chat|conversation|converse|message|assistant|\bask\b|\/ask|ask_|talk|agent|bot|completions/.test(n)) return "chat";
  /* Replying names a chat only with a conversation behind it (a ticket-reply draft is a one-shot task). */
  if (/reply|respond/.test(n)) return "weak";
  return "unknown";
}
