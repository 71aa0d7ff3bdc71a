/**
 * Context rules for generic secrets: the literal value assigned to a credential-named key in
 * code, config (.env, YAML, JSON, INI, properties, HCL, XML), SQL, CLI flags, HTTP headers,
 * URL queries and prose. References to the environment or a secret store, placeholders and
 * masked values are skipped. The key decides the type (AWS secret, connection-string password).
 */
import { githubChecksumValid, jwtHeaderValid } from "../checksums";
import { isPlaceholder, isReference } from "../exclusions";
import { eachMatch, entropy, lineAround, pattern } from "../scan";
import type { FindingSink } from "../types";
import { CREDENTIAL_WORD, isCredentialName, typeForKey } from "./keyName";

const ANCHOR = pattern(`(?:${CREDENTIAL_WORD})`, "g");
const ANCHOR_AT = new RegExp(ANCHOR.source, "y");

/**
 * Places where an anchor can start: a case-insensitive pair of ASCII letters that begins one of
 * the anchor words (pa, pw, se, to, ke, au, cr, id, be, co, cl, mo), or the first character of a
 * non-Latin anchor. A superset of ANCHOR's starts, checked with a table instead of a regex.
 */
const ANCHOR_PAIRS = new Uint8Array(128 * 128);
for (const pair of ["pa", "pw", "se", "to", "ke", "au", "cr", "id", "be", "co", "cl", "mo"]) ANCHOR_PAIRS[(pair.charCodeAt(0) << 7) | pair.charCodeAt(1)] = 1;
const ANCHOR_NON_ASCII = new Set([..."\u041f\u043f\u0422\u0442\u5bc6\u53e3\u4ee4\u30d1\u30c8"].map((c) => c.charCodeAt(0)));

/** Calls `fn` for each match of ANCHOR, exactly as a global scan of ANCHOR would find them. */
function eachAnchor(text: string, fn: (m: RegExpExecArray) => void): void {
  const n = text.length - 1;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      const d = text.charCodeAt(i + 1);
      if (d >= 128 || ANCHOR_PAIRS[((c | 32) << 7) | (d | 32)] !== 1) {
        i++;
        continue;
      }
    } else if (!ANCHOR_NON_ASCII.has(c)) {
      i++;
      continue;
    }
    ANCHOR_AT.lastIndex = i;
    const m = ANCHOR_AT.exec(text);
    if (m === null) {
      i++;
      continue;
    }
    i += m[0].length;
    fn(m);
  }
}
const isIdent = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45;
const credentialCache = new Map<string, boolean>();

/** isCredentialName with a small cache: the same identifiers recur throughout a file. */
function credentialName(ident: string): boolean {
  let v = credentialCache.get(ident);
  if (v === undefined) {
    v = isCredentialName(ident);
    if (credentialCache.size > 4096) credentialCache.clear();
    credentialCache.set(ident, v);
  }
  return v;
}
const TYPE_WORDS = new Set(["str", "string", "String", "int", "bytes", "Optional", "SecretStr", "char", "const", "var", "let", "val", "&str", "&", "&'static"]);
const KEYWORDS = new Set([
  "None", "null", "nil", "undefined", "true", "false", "True", "False", "self", "this", "os", "required", "str", "string", "String", "input", "getpass", "prompt", "secrets", "env",
  // Type annotations and configuration words (`token: number`, `"api-key-rule": "error"`).
  "number", "boolean", "bool", "any", "unknown", "void", "object", "never", "bigint", "symbol", "integer", "float", "double", "long", "Boolean", "Number", "Object",
  "error", "warning", "warn", "info", "debug", "off", "on", "enabled", "disabled", "auto", "default", "answer", "status", "optional",
]);
const PROSE_LINK = /^[ \t]{0,3}(?:is|was|are|=|:|\uff1a|ist|lautet|es|est|\u00e9|\u00e8|era|sera|\u0435\u0441\u0442\u044c|\u2014|-|to|set to|\u662f|\u306f|\u4e3a|:\s*is)(?![A-Za-z])[ \t]{0,3}(?=\S)/i;
const SCHEMES = /^(?:Basic|Bearer|Token|token|bearer|basic|Digest|ApiKey|Api-Key|Key)\s+/;

type Value = { start: number; end: number; quoted: boolean };

/** ASCII characters that end a bare value: plain, in a URL query (also & #), in prose. */
function stopTable(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) if (/\s/.test(String.fromCharCode(c)) || chars.includes(String.fromCharCode(c))) t[c] = 1;
  return t;
}
const STOP_PLAIN = stopTable(`"'<>,;)}]\``);
const STOP_QUERY = stopTable(`"'<>,;)}]&#\``);
const STOP_PROSE = STOP_PLAIN;
const isSpace = (c: number): boolean => /\s/.test(String.fromCharCode(c));

/** Reads a quoted or bare value starting at `p`; null when there is none. */
function readValue(text: string, p: number, query: boolean, prose: boolean): Value | null {
  const q = text[p];
  if (q === '"' || q === "'" || q === "`") {
    let e = p + 1;
    const limit = Math.min(text.length, p + 1200);
    const qc = q.charCodeAt(0);
    for (;;) {
      if (e >= limit) break;
      const c = text.charCodeAt(e);
      if (c === qc || c === 10) break;
      e += c === 92 && text.charCodeAt(e + 1) === qc ? 2 : 1;
    }
    if (text[e] === q) return { start: p + 1, end: e, quoted: true };
    return readValue(text, p + 1, query, prose);
  }
  let e = p;
  const limit = Math.min(text.length, p + 300);
  const stop = prose ? STOP_PROSE : query ? STOP_QUERY : STOP_PLAIN;
  for (; e < limit; e++) {
    const c = text.charCodeAt(e);
    if (c < 128 ? stop[c] === 1 : prose || isSpace(c)) break;
  }
  if (prose) while (e > p && /[.:!?]/.test(text[e - 1]!)) e--;
  return e > p ? { start: p, end: e, quoted: false } : null;
}

/** True when a value read after a credential key looks like a real literal secret. */
export function plausibleSecret(value: string, quoted: boolean, weakKey: boolean, prose: boolean): boolean {
  if (value.length < (quoted ? 5 : 6)) return false;
  if (value !== value.trim() || /^(?:bearer|basic|token|digest)$/i.test(value)) return false;
  if (KEYWORDS.has(value)) return false;
  // A vendor format with a checksum is decided by the checksum, not by the key it is assigned to.
  if (/^gh[pousr]_[A-Za-z0-9]{36}$/.test(value) && !githubChecksumValid(value)) return false;
  if (/^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(value) && !jwtHeaderValid(value)) return false;
  if (isPlaceholder(value) || isReference(value)) return false;
  if (/\s\S+\s/.test(value) || (quoted && /^[A-Z][a-z]+ [a-z]/.test(value))) return false;
  if (!quoted || prose) {
    if (/[([]/.test(value) || /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value)) return false;
    if (/^[a-z]+(?:[A-Z][a-z]+)+$/.test(value) || /^[a-z]+(?:_[a-z]+)+$/.test(value)) return false;
    // A type name (`token: CancellationToken`) or a numeric literal (`-32006`, `20_000`).
    if (/^[A-Z][a-z]+(?:[A-Z][a-z]+)+$/.test(value) || /^-\d+$|^\d{1,3}(?:_\d{3})+$/.test(value)) return false;
    // A constant's name (`api_key=ANTHROPIC_KEY`) is a reference to it.
    if (!quoted && /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value)) return false;
  }
  if (prose && !(/\d/.test(value) || /[^A-Za-z0-9]/.test(value))) return false;
  if (/^https?:\/\//.test(value) || /^\/[\w/]+$/.test(value) || /\.(?:json|pem|key|txt|env|ya?ml)$/i.test(value)) return false;
  if (weakKey && (value.length < 12 || entropy(value) < 3)) return false;
  return true;
}

const PHP_ASSIGN = /^[ \t]{0,3}=[ \t]{0,3}["']/;

/** True when the string has a whitespace or non-ASCII character (a multi-word or non-English anchor). */
function spaceOrNonAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 127 || c === 32 || (c >= 9 && c <= 13)) return true;
  }
  return false;
}

/** First two letters (lower-cased with | 32) of the words of the multi-word labels valueAfter looks for. */
const LABEL_PAIRS = new Set(["ac", "ke", "id", "to", "se", "ap", "au", "pr"].map((w) => ((w.charCodeAt(0) << 7) | w.charCodeAt(1))));

/** True when a multi-word label can start at p: `[` or the first two letters of one of its words. */
function labelStart(text: string, p: number): boolean {
  const c = text.charCodeAt(p);
  if (c === 91) return true;
  const d = text.charCodeAt(p + 1);
  return c < 128 && d < 128 && LABEL_PAIRS.has(((c | 32) << 7) | (d | 32));
}

/** Finds the end of the identifier containing [i, j) and its start. */
function identifierAround(text: string, i: number, j: number): { s: number; e: number } {
  let s = i;
  while (s > 0 && i - s < 64 && isIdent(text.charCodeAt(s - 1))) s--;
  let e = j;
  while (e < text.length && e - j < 64 && isIdent(text.charCodeAt(e))) e++;
  while (e > j && (text[e - 1] === "." || text[e - 1] === "-")) e--;
  return { s, e };
}

/** Pushes generic, AWS and connection-string secrets found by their key's context. */
export function detectGenericSecrets(text: string, sink: FindingSink): void {
  let lastEnd = -1;
  eachAnchor(text, (m) => {
    if (m.index < lastEnd) return;
    const multiword = spaceOrNonAscii(m[0]);
    const { s, e } = multiword ? { s: m.index, e: m.index + m[0].length } : identifierAround(text, m.index, m.index + m[0].length);
    lastEnd = e;
    // A name inside a reference (`${CLIENT_SECRET:-…}`, `$TOKEN`, `%API_KEY%`) is not an assignment.
    // A `$name = "…"` assignment (PHP, Perl, PowerShell) is still an assignment.
    if ((text[s - 1] === "$" && !PHP_ASSIGN.test(text.slice(e, e + 8))) || (text[s - 1] === "{" && text[s - 2] === "$") || text[s - 1] === "%") return;
    let ident = text.charCodeAt(s) === 45 ? text.slice(s, e).replace(/^-+/, "") : text.slice(s, e);
    const bearer = ident.length === 6 && /^bearer$/i.test(ident);
    if (!multiword && !bearer && !credentialName(ident)) {
      // Prose labels: "API key: …", "access token = …", "Secret Access Key: …".
      if (ident.length > 6 || !/^(?:key|token|secret)$/i.test(ident)) return;
      const prevWord = /(?:^|[^A-Za-z])(api|access|secret|private|license|auth|encryption|signing|app|client|master|session|bearer)\s{1,2}$/i.exec(text.slice(Math.max(0, s - 20), s));
      if (!prevWord) return;
      ident = `${prevWord[1]}_${ident}`;
    }
    const found = valueAfter(text, s, e, ident, bearer || multiword);
    if (!found) return;
    const { line } = lineAround(text, found.start, found.end);
    let type = typeForKey(ident, line);
    if (type === "GENERIC_SECRET" && /^[A-Za-z0-9/+]{40}$/.test(text.slice(found.start, found.end)) && /secret/i.test(ident) && (/\baws\b|AKIA|ASIA/i.test(text.slice(Math.max(0, s - 400), s)) || /access[_\s-]{0,2}key/i.test(text.slice(s, found.start)))) type = "AWS_SECRET";
    // A more specific type decided from the same context wins over GENERIC_SECRET on the same span.
    sink(type, found.start, found.end, type === "GENERIC_SECRET" ? 1 : 1.2);
  });
}

/** Characters of a key-like token in chat ([A-Za-z0-9_\-+/=.]). */
const TOKEN_CHARS = new Uint8Array(128);
for (const ch of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/=.") TOKEN_CHARS[ch.charCodeAt(0)] = 1;
const TOKEN_END = /[\s,;)]/;

/**
 * The end of a key-like token at p, or -1: 16 to 200 token characters followed by a space,
 * `,`, `;`, `)` or the end of the text, with at least one digit and one letter (the regex
 * /^[A-Za-z0-9_\-+/=.]{16,200}(?=[\s,;)]|$)/ plus those two tests, as one loop).
 */
function keyLikeTokenEnd(text: string, p: number): number {
  const limit = Math.min(text.length, p + 201);
  let e = p;
  let digit = false;
  let letter = false;
  while (e < limit) {
    const c = text.charCodeAt(e);
    if (c >= 128 || TOKEN_CHARS[c] !== 1) break;
    if (c >= 48 && c <= 57) digit = true;
    else if ((c | 32) >= 97 && (c | 32) <= 122) letter = true;
    e++;
  }
  const n = e - p;
  if (n < 16 || n > 200) return -1;
  if (e < text.length && !TOKEN_END.test(text[e]!)) return -1;
  return digit && letter ? e : -1;
}

function valueAfter(text: string, s: number, e: number, ident: string, proseKey: boolean): { start: number; end: number } | null {
  let p = e;
  const xml = text[s - 1] === "<" && text[p] === ">";
  for (let c = text.charCodeAt(p); p < text.length && p - e < 3 && (c === 34 || c === 39 || c === 96 || c === 93 || c === 62); c = text.charCodeAt(p)) p++;
  while (p < text.length && p - e < 12 && (text[p] === " " || text[p] === "\t")) p++;
  const query = text[s - 1] === "?" || text[s - 1] === "&";
  // A command-line flag (`--api-token V`, `-password V`): the value follows after a space.
  const flag = text[s - 1] === "-" || (text[s] === "-" && (s === 0 || /[\s"'=]/.test(text[s - 1]!)));
  let prose = false;
  // Multi-word labels: "secret access key: …", "AWS Secret Access Key [None]: …".
  const label = labelStart(text, p) ? /^(?:(?:access|key|id|token|secret|api|auth|private)\b\s{0,2}){1,3}(?:\[[^\]\n]{0,10}\]\s{0,2})?(?=[:=])|^\[[^\]\n]{0,10}\]\s{0,2}(?=[:=])/i.exec(text.slice(p, p + 60)) : null;
  if (label && label[0].length > 0) p += label[0].length;
  const sep = text.slice(p, p + 3);
  if (sep.startsWith("==") || sep.startsWith("!=") || sep.startsWith("=~")) return null;
  if (xml) p = e + 1;
  else if (sep.startsWith(":=") || sep.startsWith("=>")) p += 2;
  else if (sep[0] === "=" || sep[0] === ":" || sep[0] === "\uff1a") p += 1;
  else if (sep[0] === "(" && /^\(\s{0,2}["'`]/.test(text.slice(p, p + 4))) p += 1;
  else if (sep[0] === "," && /\(\s{0,3}["']$/.test(text.slice(Math.max(0, s - 5), s)) && /^,\s{0,3}["'`]/.test(text.slice(p, p + 6))) {
    // `("API_KEY", "…")` arguments; judged as prose so a list of words (`"auth", "authenticate"`) is not one.
    p += 1;
    prose = true;
  }
  else if (sep[0] === "`" && !flag) {
    // A code span after a name in prose ("use token `…`"): a value only after a noun, and judged
    // as prose (so `would pass \`some.setting\`` is not a password).
    if (/^(?:pass|auth|pw)$/i.test(ident)) return null;
    prose = true;
  } else if (flag || /^["']/.test(sep) || (proseKey && !/^[A-Za-z]/.test(sep))) prose = proseKey && !flag;
  else {
    const link = PROSE_LINK.exec(text.slice(p, p + 20));
    if (link) {
      p += link[0].length;
      prose = true;
    } else {
      // Chat: "my api key <token> returns 401" — a key-like token right after the name.
      const end = keyLikeTokenEnd(text, p);
      if (end === -1) return null;
      const token = text.slice(p, end);
      if (/^0x[0-9a-f]+$/i.test(token) || entropy(token) < 3.5 || isPlaceholder(token)) return null;
      return { start: p, end };
    }
  }
  while (p < text.length && (text[p] === " " || text[p] === "\t")) p++;
  if (text.startsWith("!!str ", p)) p += 6;
  const authorization = (ident.length === 13 || ident.length === 19) && /^(?:proxy-)?authorization$/i.test(ident);
  const schemeAt = authorization ? SCHEMES.exec(text.slice(p, p + 12)) : null;
  if (schemeAt) p += schemeAt[0].length;
  const prefixChar = text.charCodeAt(p) | 32;
  if ((prefixChar === 98 || prefixChar === 114) && /^[brBR]["']/.test(text.slice(p, p + 2))) p += 1;
  let value = readValue(text, p, query, prose);
  if (!value) return null;
  // A quoted header value keeps its scheme inside the quotes (`"authorization": "Basic …"`).
  const quotedScheme = authorization && value.quoted && !schemeAt ? SCHEMES.exec(text.slice(value.start, value.start + 12)) : null;
  if (quotedScheme) value = { start: value.start + quotedScheme[0].length, end: value.end, quoted: true };
  let raw = text.slice(value.start, value.end);
  // After a flag, another flag is not its value (`--no-auth --secret-name x`).
  if (flag && !value.quoted && raw.startsWith("-")) return null;
  if (!value.quoted && TYPE_WORDS.has(raw.includes("[") || raw.includes("]") ? raw.replace(/[[\]]/g, "") : raw)) {
    const eq = text.slice(value.end, value.end + 40).search(/=\s*/);
    if (eq === -1 || text[value.end + eq + 1] === "=") return null;
    let q = value.end + eq + 1;
    while (text[q] === " ") q++;
    value = readValue(text, q, false, false);
    if (!value) return null;
    raw = text.slice(value.start, value.end);
  }
  if (isReference(text.slice(p, p + 40))) {
    // A literal fallback after the reference (`process.env.X || "…"`, `?? "…"`, `or "…"`) is still a secret.
    const rest = text.slice(value.end, Math.min(text.length, value.end + 120));
    const fallback = /^[^\n;]{0,60}?(?:\|\||\?\?|\bor\b|:-)\s{0,3}(?:"([^"\n]{5,200})"|'([^'\n]{5,200})')/.exec(rest);
    const literal = fallback ? (fallback[1] ?? fallback[2])! : "";
    if (!fallback || !plausibleSecret(literal, true, false, false)) return null;
    const start = value.end + fallback.index + fallback[0].length - 1 - literal.length;
    return { start, end: start + literal.length };
  }
  const weak = /(?:^|[_\-.a-z])(?:key|Key|KEY)$/.test(ident) && !/api[_-]?key|secret/i.test(ident);
  if (!plausibleSecret(raw, value.quoted, weak || (ident.length === 6 && ident.toLowerCase() === "bearer"), prose)) return null;
  return { start: value.start, end: value.end };
}

const CLI_RULES = [
  pattern(`\\b(?:curl|wget|http)\\b[^\\n]{0,200}?\\s(?:-u|--user)\\s{1,3}['"]?[^\\s:'"]{1,64}:([^\\s'"@]{4,128})`),
  pattern(`\\b(?:mysql|mysqldump|mariadb|mysqladmin)\\b[^\\n]{0,200}?\\s-p(?:'([^\\s']{4,128})'|"([^\\s"]{4,128})"|([^\\s'"]{4,128}))`),
  pattern(`\\bsshpass\\s{1,3}-p\\s{0,3}(?:'([^\\s']{4,128})'|"([^\\s"]{4,128})"|([^\\s'"]{4,128}))`),
  pattern(`\\b(?:docker|podman|nerdctl|buildah|skopeo|oras|helm registry)\\s{1,3}login\\b[^\\n]{0,200}?\\s-p\\s{1,3}(?:'([^\\s']{4,128})'|"([^\\s"]{4,128})"|([^\\s'"$-][^\\s'"]{3,127}))`),
];

/** Pushes passwords given on command lines (`curl -u user:pw`, `mysql -pPW`, `sshpass -p PW`). */
export function detectCliSecrets(text: string, sink: FindingSink): void {
  for (const re of CLI_RULES) {
    eachMatch(re, text, (m) => {
      const value = m[1] ?? m[2] ?? m[3];
      if (value === undefined || isPlaceholder(value) || isReference(value)) return;
      const quoted = re !== CLI_RULES[0] && (m[1] !== undefined || m[2] !== undefined) ? 1 : 0;
      const end = m.index + m[0].length - quoted;
      sink("GENERIC_SECRET", end - value.length, end, 1);
    });
  }
}

// Secrets that are not written after their own name: the password argument of a database
// connect call (`new mysqli(host, user, "<PW>", db)`), and name/value pairs where the name is a
// separate field (`<add key="ApiKey" value="…"/>`, Kubernetes `- name: API_TOKEN` / `value: …`,
// `{"key": "api_key", "value": "…"}`).
const ARG = `(?:"[^"\\n]{0,200}"|'[^'\\n]{0,200}'|\\$?[\\w.]{1,60})`;
const CONNECT_CALL = pattern(
  `\\b(?:mysqli_connect|mysql_connect|mysqli|PDO|getConnection|pymysql\\.connect|MySQLdb\\.connect)\\s{0,3}\\(\\s{0,3}${ARG}\\s{0,3},\\s{0,3}${ARG}\\s{0,3},\\s{0,3}(?:"([^"\\n]{1,200})"|'([^'\\n]{1,200})')`,
);
const NAME_VALUE = [
  pattern(`\\bkey\\s{0,3}=\\s{0,3}["']([\\w.\\-:]{2,80})["']\\s{1,3}value\\s{0,3}=\\s{0,3}(?:"([^"\\n]{1,400})"|'([^'\\n]{1,400})')`),
  pattern(`\\bname:[ \\t]{0,3}["']?([\\w.\\-]{2,80})["']?[ \\t]{0,3}\\r?\\n[ \\t]{0,40}value:[ \\t]{0,3}(?:"([^"\\n]{1,400})"|'([^'\\n]{1,400})'|([^\\s"'#][^\\s#]{0,399}))`),
  pattern(`"(?:key|name)"\\s{0,3}:\\s{0,3}"([\\w.\\-]{2,80})"\\s{0,3},\\s{0,3}"value"\\s{0,3}:\\s{0,3}"([^"\\n]{1,400})"`),
];

/** Pushes connect-call passwords and the values of credential-named name/value pairs. */
export function detectPairedSecrets(text: string, sink: FindingSink): void {
  if (text.includes("mysql") || text.includes("MySQLdb") || text.includes("PDO") || text.includes("getConnection")) {
    eachMatch(CONNECT_CALL, text, (m) => {
      const value = (m[1] ?? m[2])!;
      if (!plausibleSecret(value, true, false, false)) return;
      const end = m.index + m[0].length - 1;
      sink("GENERIC_SECRET", end - value.length, end, 1);
    });
  }
  const present = [text.includes("value=") || text.includes("value ="), text.includes("value:"), text.includes('"value"')];
  NAME_VALUE.forEach((re, k) => {
    if (!present[k]) return;
    eachMatch(re, text, (m) => {
      const name = m[1]!;
      const value = m[2] ?? m[3] ?? m[4];
      if (value === undefined || !credentialName(name)) return;
      const quoted = m[4] === undefined;
      const weak = /(?:^|[_\-.a-z])(?:key|Key|KEY)$/.test(name) && !/api[_-]?key|secret/i.test(name);
      if (!plausibleSecret(value, quoted, weak, false)) return;
      const end = m.index + m[0].length - (quoted ? 1 : 0);
      sink("GENERIC_SECRET", end - value.length, end, 1);
    });
  });
}

// Space-separated config lines: `password <V>` in .netrc, `requirepass <V>` in redis.conf,
// directives such as `secret <V>`. The key starts its line (or follows `login … ` in .netrc) and
// the value is the rest of the line; it must look like a secret (a digit or a symbol).
const SPACED_KEY = pattern(`(?:^|\\n|[ \\t]login[ \\t]{1,8}\\S{1,100}[ \\t]{1,8})[ \\t]{0,16}(password|passwd|requirepass|masterauth|secret|token|api[_-]?key|auth[_-]?token)[ \\t]{1,8}([^\\s#;'"]{4,200})[ \\t]{0,8}(?=\\r?\\n|$|[ \\t]*#)`, "gi");

/** Pushes values of space-separated credential config lines. */
export function detectSpacedConfigSecrets(text: string, sink: FindingSink): void {
  eachMatch(SPACED_KEY, text, (m) => {
    const value = m[2]!;
    if (!plausibleSecret(value, false, false, true)) return;
    const start = m.index + m[0].lastIndexOf(value);
    sink("GENERIC_SECRET", start, start + value.length, 1);
  });
}
