/**
 * The output guard on the model's stream: secrets in the answer are redacted, markdown
 * images and links to hosts outside the allow-list are neutralised, and configured banned
 * patterns are blocked. Text is held back only while a token, a link or a private key block
 * may still be incomplete, so the answer keeps streaming.
 */
import { detect } from "./detect";
import type { GuardSettings } from "./settings";
import { isSecretType, PII_TYPES } from "./types";

export type OutputAction = { action: "redacted" | "neutralised" | "blocked"; kind: string; count: number };

const LINK = /(!?)\[([^\]\[\n]{0,300})\]\(\s{0,3}<?([^)\s>]{1,1000})>?(?:\s{1,3}"[^"\n]{0,200}")?\s{0,3}\)/g;
const HOLD_LIMIT = 16_384;

/** True when a URL's host is the allowed host or one of its subdomains. Relative URLs are allowed. */
export function hostAllowed(url: string, allowList: readonly string[]): boolean {
  if (/^(?:javascript|vbscript|data|file):/i.test(url)) return false;
  if (!/^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(url)) return true;
  let host: string;
  try {
    host = new URL(url.startsWith("//") ? `https:${url}` : url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return allowList.some((h) => host === h || host.endsWith(`.${h}`));
}

/** Where the held-back part of the buffer starts (everything before it is safe to process). */
export function safeCut(buf: string): number {
  let cut = buf.length;
  const ws = Math.max(buf.lastIndexOf(" "), buf.lastIndexOf("\n"), buf.lastIndexOf("\t"));
  cut = ws + 1;
  const begin = buf.lastIndexOf("-----BEGIN");
  if (begin !== -1 && buf.indexOf("-----END", begin) === -1) cut = Math.min(cut, begin);
  const bracket = buf.lastIndexOf("[");
  if (bracket !== -1 && buf.length - bracket < 2400) {
    const tail = buf.slice(bracket);
    LINK.lastIndex = 0;
    const complete = LINK.exec(tail);
    const closedWithoutLink = /^\[[^\]\n]*\](?!\()/.test(tail) && tail.length > 1 + tail.indexOf("]") + 1;
    if (!(complete && complete.index === 0) && !closedWithoutLink && !tail.includes("\n")) cut = Math.min(cut, buf[bracket - 1] === "!" ? bracket - 1 : bracket);
  }
  if (cut <= 0 && buf.length > HOLD_LIMIT) return buf.length - 256;
  return Math.max(0, cut);
}

/** A streaming output guard; `push` returns the guarded text that can be shown now. */
export class OutputGuard {
  private buf = "";
  private readonly banned: RegExp[];

  constructor(
    private readonly settings: GuardSettings,
    private readonly report: (action: OutputAction) => void,
  ) {
    this.banned = settings.guard.bannedPatterns.map((s) => new RegExp(s, "gu"));
  }

  push(delta: string): string {
    this.buf += delta;
    const cut = safeCut(this.buf);
    const ready = this.buf.slice(0, cut);
    this.buf = this.buf.slice(cut);
    return ready.length > 0 ? this.guard(ready) : "";
  }

  flush(): string {
    const rest = this.buf;
    this.buf = "";
    return rest.length > 0 ? this.guard(rest) : "";
  }

  /** Applies the three rules to a complete piece of text. */
  guard(text: string): string {
    let out = this.neutraliseLinks(text);
    out = this.redactSecrets(out);
    for (const re of this.banned) {
      let n = 0;
      out = out.replace(re, () => {
        n++;
        return "[blocked by policy]";
      });
      if (n > 0) this.report({ action: "blocked", kind: "bannedPattern", count: n });
    }
    return out;
  }

  private neutraliseLinks(text: string): string {
    let images = 0;
    let links = 0;
    const out = text.replace(LINK, (whole, bang: string, label: string, url: string) => {
      if (hostAllowed(url, this.settings.guard.linkAllowList)) return whole;
      const host = /^(?:[a-z][a-z0-9+.-]*:)?\/\/([^/?#\s]+)/i.exec(url)?.[1] ?? url.split(":")[0] ?? "link";
      if (bang) {
        images++;
        return `[image removed: ${host}]`;
      }
      links++;
      return `${label} (link to ${host} removed)`;
    });
    if (images > 0) this.report({ action: "neutralised", kind: "markdownImage", count: images });
    if (links > 0) this.report({ action: "neutralised", kind: "markdownLink", count: links });
    return out;
  }

  private redactSecrets(text: string): string {
    const found = detect(text, { disabledTypes: [...PII_TYPES] }).filter((f) => isSecretType(f.type));
    if (found.length === 0) return text;
    let out = "";
    let last = 0;
    for (const f of found) {
      out += `${text.slice(last, f.start)}[redacted ${f.type}]`;
      last = f.end;
    }
    this.report({ action: "redacted", kind: "secret", count: found.length });
    return out + text.slice(last);
  }
}
