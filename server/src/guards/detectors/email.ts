/**
 * Email addresses at non-reserved domains. Scanning anchors on `@` and expands by hand in
 * bounded steps, so the work stays linear on long runs of address-like characters. URL
 * userinfo, SSH targets, package versions, decorators and file names such as `icon@2x.png`
 * are not addresses.
 */
import { isAlnum } from "../scan";
import type { FindingSink } from "../types";

const isLocal = (c: number): boolean => isAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45 || c === 39;
/** An empty domain label or one that starts with a hyphen (a top-level function: no closure per candidate). */
const badLabel = (l: string): boolean => l.length === 0 || l.startsWith("-");
const isDomain = (c: number): boolean => isAlnum(c) || c === 46 || c === 45;
const RESERVED = /(?:^|\.)(?:example\.(?:com|org|net)|test|example|invalid|localhost|local|internal|lan|corp|home\.arpa)$/i;
const PLACEHOLDER_DOMAIN = /^(?:your|my)[-_]?(?:company|domain|org|email|host|site|corp|mail|server|app)?\.|^(?:domain|email|host|mail)\.(?:com|tld)$|\.tld$/i;
const FILE_TLD = /^(?:png|jpe?g|gif|svg|webp|ico|js|mjs|cjs|ts|tsx|jsx|py|rb|go|rs|css|scss|json|map|txt|md|html?|xml|ya?ml|lock|toml|ini|cfg|sh|exe|dll|so|zip|gz|tar|pdf|csv|log|min|bak|tmp|wasm|vue|svelte|java|kt|swift|php|pl|c|h|cpp|hpp)$/i;

/** Pushes each email address found in the text. */
export function detectEmails(text: string, sink: FindingSink): void {
  let at = text.indexOf("@");
  while (at !== -1) {
    const next = checkAt(text, at, sink);
    at = text.indexOf("@", Math.max(next, at + 1));
  }
}

function checkAt(text: string, at: number, sink: FindingSink): number {
  let s = at;
  while (s > 0 && at - s < 64 && isLocal(text.charCodeAt(s - 1))) s--;
  while (s < at && /[.'\-+]/.test(text[s]!)) s++;
  let e = at + 1;
  while (e < text.length && e - at < 254 && isDomain(text.charCodeAt(e))) e++;
  while (e > at + 1 && /[.\-]/.test(text[e - 1]!)) e--;
  if (s === at || e === at + 1) return e;
  const domain = text.slice(at + 1, e);
  const dot = domain.lastIndexOf(".");
  if (dot <= 0 || domain.length - dot - 1 < 2) return e;
  const tld = domain.slice(dot + 1);
  if (!/^[A-Za-z]{2,24}$/.test(tld)) return e;
  const local = text.slice(s, at);
  if (local.endsWith(".") || local.includes("..")) return e;
  const labels = domain.split(".");
  if (labels.some(badLabel)) return e;
  if (FILE_TLD.test(tld) || RESERVED.test(domain) || PLACEHOLDER_DOMAIN.test(domain)) return e;
  const prev = text.slice(Math.max(0, s - 80), s);
  if (/:\/\/[^\s/]*$/.test(prev) || (/[:/]$/.test(prev) && !/mailto:$/i.test(prev))) return e;
  if (text[e] === ":" && /[A-Za-z0-9~./_-]/.test(text[e + 1] ?? "")) return e;
  if (/(?:^|\s)(?:ssh|scp|sftp|rsync|mosh)\s[^\n]{0,80}$/.test(prev)) return e;
  if (text[s - 1] === "@" || /^\d/.test(tld)) return e;
  sink("EMAIL", s, e, 2);
  return e;
}
