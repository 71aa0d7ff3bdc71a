/**
 * Passwords inside URLs: `scheme://user:<PW>@host`. Database schemes give DB_URL_PASSWORD;
 * other schemes (https, ftp, smtp …) give GENERIC_SECRET. Placeholders, env references and
 * the well-known local dummies (`guest:guest@localhost`) are skipped.
 */
import { isPlaceholder } from "../exclusions";
import type { FindingSink } from "../types";

const isSchemeChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 46 || c === 45;
/** Whitespace (as /\s/) and / ? # " ' ` < > end a URL's authority. */
const endsAuthority = (c: number): boolean =>
  c === 47 || c === 63 || c === 35 || c === 34 || c === 39 || c === 96 || c === 60 || c === 62 || (c <= 32 ? c === 32 || (c >= 9 && c <= 13) : c > 127 && /\s/.test(String.fromCharCode(c)));
const DB_SCHEME =
  /^(?:jdbc:)?(?:postgres(?:ql)?|mysql|mysqlx|mariadb|mongodb(?:\+srv)?|redis|rediss|mssql|sqlserver|oracle|amqps?|clickhouse|cockroachdb|cockroach|snowflake|db2|neo4j(?:\+s)?|bolt|cassandra|couchbase|couchdb|memcached|elasticsearch|influxdb|timescaledb|postgis|sqlalchemy|mysql\+\w+|postgresql\+\w+|mssql\+\w+|oracle\+\w+)$/i;
const LOCAL_HOST = /^(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|db|postgres|mysql|redis|mongo|rabbitmq|host)(?::\d+)?(?:\/|$)/i;

/** Pushes the password part of every URL with credentials in its userinfo. */
export function detectUrlPasswords(text: string, sink: FindingSink): void {
  for (let at = text.indexOf("://"); at !== -1; at = text.indexOf("://", at + 3)) {
    let s = at;
    while (s > 0 && at - s < 25 && isSchemeChar(text.charCodeAt(s - 1))) s--;
    if (s === at || !/[A-Za-z]/.test(text[s]!)) continue;
    checkUrl(text, text.slice(s, at), s, at + 3, sink);
  }
}

/** Pushes the password of one URL whose authority starts at `authStart`, if it has one. */
function checkUrl(text: string, scheme: string, schemeStart: number, authStart: number, sink: FindingSink): void {
  let end = authStart;
  const limit = Math.min(text.length, authStart + 400);
  while (end < limit && !endsAuthority(text.charCodeAt(end))) end++;
  const authority = text.slice(authStart, end);
  const at = authority.lastIndexOf("@");
  if (at <= 0) return;
  const userinfo = authority.slice(0, at);
  const colon = userinfo.indexOf(":");
  if (colon === -1) return;
  const user = userinfo.slice(0, colon);
  const password = userinfo.slice(colon + 1);
  if (password.length === 0 || isPlaceholder(password) || /^[<{[$%]/.test(password)) return;
  const host = authority.slice(at + 1) + text.slice(end, end + 1);
  if (user === password && LOCAL_HOST.test(host)) return;
  if (/^(?:user(?:name)?|pass(?:word)?|pw|pwd|secret)$/i.test(password)) return;
  const start = authStart + colon + 1;
  const db = DB_SCHEME.test(scheme) || /^jdbc:/i.test(text.slice(Math.max(0, schemeStart - 5), schemeStart + 5));
  sink(db ? "DB_URL_PASSWORD" : "GENERIC_SECRET", start, start + password.length, 2);
}
