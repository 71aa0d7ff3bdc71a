/**
 * Credential-named keys: decides whether an identifier such as `DB_PASSWORD`, `stripeApiKey`
 * or `x-api-key` names a secret, and which type its value gets.
 */
import type { FindingType } from "../types";

/**
 * Anchor words for credential-named keys, spelled out per case (lower, Capitalised, UPPER)
 * instead of a case-insensitive flag, which keeps the scan fast. The identifier around an
 * anchor decides whether it is really a credential name.
 */
export const CREDENTIAL_WORD =
  "[Pp]ass|PASS|[Pp]wd|PWD|[Pp]w(?![a-z])|PW(?![A-Z])|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Kk]ey|KEY|[Aa]uth|AUTH|[Cc]redential|CREDENTIAL|IDENTIFIED\\s+BY|[Ii]dentified\\s+by|[Bb]earer|BEARER|[Cc]ontrase\u00f1a|CONTRASE\u00d1A|[Cc]lave|CLAVE|[Kk]ennwort|[Mm]ot\\s+de\\s+passe|[Ss]enha|SENHA|[\u041f\u043f]\u0430\u0440\u043e\u043b\u044c|\u041f\u0410\u0420\u041e\u041b\u042c|[\u0422\u0442]\u043e\u043a\u0435\u043d|\u5bc6\u7801|\u53e3\u4ee4|\u4ee4\u724c|\u30d1\u30b9\u30ef\u30fc\u30c9|\u30c8\u30fc\u30af\u30f3|\u5bc6\u9470";

/** Segments that, anywhere in the identifier, mean it is not a credential value. */
const NOT_SECRET_SEGMENTS = new Set([
  "url", "uri", "endpoint", "path", "file", "filename", "dir", "name", "id", "ids", "type", "types", "kind", "len", "length",
  "count", "limit", "limits", "max", "min", "num", "size", "ttl", "expiry", "expires", "expiration", "lifetime", "timeout",
  "header", "field", "prompt", "policy", "hint", "pattern", "regex", "env", "var", "required", "enabled", "enable",
  "disabled", "mode", "format", "label", "placeholder", "input", "tokens", "tokenizer", "tokenize", "tokenized",
  "page", "next", "cursor", "continuation", "sync", "public", "publishable", "pub", "primary", "foreign", "sort",
  "partition", "cache", "idempotency", "routing", "lookup", "unique", "composite", "map", "hash", "hashed", "digest",
  "checksum", "rotation", "reset", "strength", "validator", "validation", "confirm", "confirmation", "changed",
  "ref", "reference", "arn", "version", "usage", "budget", "estimate", "bucket", 
  "class", "fn", "func", "callback", "handler", "util", "utils", "helper", "method",
  "scheme", "authenticated", "authorize", "authority", "authorities", "author", "authors", "csrf", "xsrf",
  "ssh", "gpg", "pgp", "kid", "row", "object", "s3", "i18n", "translation", "keyboard", "keys", "monkey", "turkey",
  "hotkey", "shortcut", "passthrough", "passed", "passes", "passing", "bypass", "compass", "pass_fail", "surpass",
  "secrets", "passwords", "credentials_file", "dict", "list", 
]);

/** Splits an identifier into lower-case segments (snake, kebab, dotted and camel case). */
export function segments(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((s) => s.length > 0);
}

/** True when an identifier names a credential whose value should be redacted. */
export function isCredentialName(identifier: string): boolean {
  const segs = segments(identifier);
  if (segs.length === 0) return false;
  for (const s of segs) if (NOT_SECRET_SEGMENTS.has(s)) return false;
  const joined = segs.join("_");
  if (/(?:^|_)(?:pass(?:word|wd|phrase)?|pwd|pw|secret|token|apikey|credential|authorization|auth|passwort|kennwort|senha|clave|contrase\u00f1a)(?:_|$)/.test(joined)) return true;
  if (/(?:^|_)(?:api_key|access_key|signing_key|encryption_key|master_key|private_key|session_key|secret_key|license_key|app_key|client_key|account_key|auth_key|service_key|admin_key|write_key|read_key|webhook_key)(?:_|$)/.test(joined)) return true;
  if (/[^\x00-\x7f]/.test(identifier)) return true;
  // Run-together names: PGPASSWORD, DBPASS, AUTHTOKEN, SECRETKEY.
  if (segs.some((g) => /^[a-z]{0,12}(?:password|passwd|passwort|secret|token|apikey|secretkey|accesskey)$|^(?:db|pg|mysql|redis|smtp|admin|root|user|app|ftp|ldap|mq)(?:pass|pwd)$/.test(g))) return true;
  // A vendor-qualified `<VENDOR>_KEY` (OPENAI_KEY, COHERE_KEY) names a key; a bare `key` does not.
  return segs.length >= 2 && segs[segs.length - 1] === "key";
}

const joinedCache = new Map<string, string>();

/** The finding type for a credential value, from its key name and the line around it. */
export function typeForKey(identifier: string, line: string): FindingType {
  let joined = joinedCache.get(identifier);
  if (joined === undefined) {
    joined = segments(identifier).join("_");
    if (joinedCache.size > 4096) joinedCache.clear();
    joinedCache.set(identifier, joined);
  }
  if (/secret_access_key|aws_secret|session_token|security_token/.test(joined)) return "AWS_SECRET";
  if (/^(?:password|pwd|pass)$/.test(joined) && isConnectionString(line)) return "DB_URL_PASSWORD";
  return "GENERIC_SECRET";
}

/** True when a line is a database connection string (URL with a db scheme, or ADO/JDBC keys). */
export function isConnectionString(line: string): boolean {
  return (
    /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|mssql|sqlserver|oracle|jdbc:[a-z]+|amqps?|clickhouse|cockroachdb|snowflake|db2):/i.test(line) ||
    /\b(?:Server|Data Source|Host|Database|Initial Catalog|User ID|Uid|User)\s*=[^;\n]{1,200};/i.test(line)
  );
}
