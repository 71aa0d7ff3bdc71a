/**
 * The policy's exclusions: placeholders, masked values, environment and secret-store
 * references. A value that matches one of these is never labeled, whatever its shape.
 */

const PLACEHOLDER_WORDS =
  /(?:^|[^a-z])(?:your|my|replace|changeme|change[_-]?me|change[_-]?(?:it|this)|change[_-]?in[_-]?prod(?:uction)?|placeholder|example|redacted|insert|dummy|todo|tbd|fixme|not[_-]?needed|not[_-]?real|fake|no[_-]?key|lm[_-]?studio|ollama|sample|xxx|secret[_-]?here|key[_-]?here|token[_-]?here|goes[_-]?here|here)(?:$|[^a-z])/i;

const EXACT_PLACEHOLDERS = new Set([
  "password", "passwd", "pass", "secret", "token", "apikey", "api_key", "api-key", "key", "none", "null", "nil",
  "undefined", "true", "false", "empty", "test", "testing", "foo", "bar", "baz", "foobar", "abc", "abc123",
  "guest", "admin", "user", "username", "root", "changeit", "string", "value", "required", "optional",
  "ollama", "lm-studio", "not-needed", "sk-no-key-required", "sk-xxx", "na", "n/a", "tbd",
]);

const EXACT_MAX = Math.max(...[...EXACT_PLACEHOLDERS].map((p) => p.length));

/** True when the value is a placeholder, a masked value or a reference rather than a literal. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  if (v.length <= EXACT_MAX && EXACT_PLACEHOLDERS.has(v.toLowerCase())) return true;
  if (v.includes("...") || v.includes("\u2026")) return true;
  if (/\*{2,}|\u2022{2,}|#{4,}|x{4,}|X{4,}|_{4,}|-{4,}|\.{3,}/.test(v)) return true;
  if (/^[<{[(].*[>}\])]$/.test(v) || v.startsWith("<") || v.includes("{{") || v.includes("${") || v.startsWith("$")) return true;
  if (/<[A-Za-z][\w .-]{0,40}>/.test(v)) return true;
  if (/%\(|%[sd]\b|\$\{|\$\(|^env:|^vault:|^ref\+|^arn:aws:secretsmanager|secretKeyRef|^!vault|^ENC\[/.test(v)) return true;
  if (PLACEHOLDER_WORDS.test(v)) return true;
  if (/EXAMPLE/.test(v)) return true;
  if (/^(.)\1+$/.test(v)) return true;
  if (/^(?:0123456789|1234567890|123456|12345678|abcdef|abcdefgh)/i.test(v) && v.length <= 12) return true;
  if (/1234567890|0123456789|abcdefghij/.test(v) && v.length <= 20) return true;
  if (/^\[[A-Z_]+(?:_\d+)?\]$/.test(v)) return true;
  return false;
}

/** True when a value with a vendor prefix is x-filled, masked or elided after the prefix. */
export function isMaskedToken(token: string, prefixLength: number): boolean {
  const body = token.slice(prefixLength);
  if (body.length === 0) return true;
  if (/x{6,}|X{6,}|\*{2,}|\u2022|\.{3}|0{8,}|_{3,}/.test(body)) return true;
  if (/^(.)\1+$/.test(body)) return true;
  if (/^(?:your|my|replace|example|placeholder|test[_-]?key|dummy|fake[_-]?key|insert)/i.test(body)) return true;
  if (/EXAMPLE/.test(token)) return true;
  return false;
}

/** True when the right-hand side reads from the environment or a secret store. */
export function isReference(rhs: string): boolean {
  return /^\s*(?:os\.environ|os\.getenv|process\.env|import\.meta\.env|System\.getenv|Environment\.GetEnvironmentVariable|getenv|env\(|ENV\[|Deno\.env|config\(|settings\.|secrets\.|\$\{\{|\{\{|\$\{|\$\(|\$[A-Za-z_]|<%|%\w+%|vault:|secretKeyRef|valueFrom|!Ref|!Sub|!GetAtt|ssm:|arn:)/.test(rhs);
}
