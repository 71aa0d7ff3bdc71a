/**
 * Restores placeholders to their original values: in whole texts, and in a stream of deltas
 * where a placeholder may be split across chunks (`[EMA` + `IL_1]`). Unknown placeholders
 * and ordinary brackets pass through unchanged.
 */
import { PLACEHOLDER_RE, type PlaceholderMap } from "./placeholders";

/** Replaces every known placeholder in `text` with its value. */
export function restoreText(text: string, map: PlaceholderMap): string {
  if (map.size === 0 || !text.includes("[")) return text;
  return text.replace(PLACEHOLDER_RE, (whole) => map.valueOf(whole) ?? whole);
}

const MAX_PLACEHOLDER = 40;
const PARTIAL = /^\[[A-Z_]*\d{0,6}$/;

/** Where a possibly unfinished placeholder starts at the end of `buf`, or -1. */
export function pendingStart(buf: string): number {
  const open = buf.lastIndexOf("[");
  if (open === -1 || buf.length - open > MAX_PLACEHOLDER) return -1;
  return PARTIAL.test(buf.slice(open)) ? open : -1;
}

/** A stream transformer: `push` returns the restored text that is safe to show now. */
export class StreamRestorer {
  private buf = "";

  constructor(private readonly map: PlaceholderMap) {}

  /** Adds a delta; returns what can be emitted (possibly empty while a placeholder is pending). */
  push(delta: string): string {
    this.buf += delta;
    const cut = pendingStart(this.buf);
    const ready = cut === -1 ? this.buf : this.buf.slice(0, cut);
    this.buf = cut === -1 ? "" : this.buf.slice(cut);
    return restoreText(ready, this.map);
  }

  /** Flushes whatever is held back at the end of the stream. */
  flush(): string {
    const rest = restoreText(this.buf, this.map);
    this.buf = "";
    return rest;
  }
}
