/**
 * gpt-tokenizer (o200k_base), loaded on first use: its tables cost about 68 MB of memory, which
 * an idle server (or a CLI run that never counts tokens) should not pay.
 */
import { LRUCache } from "lru-cache";

type Tokenizer = typeof import("gpt-tokenizer");

let loaded: Tokenizer | undefined;

function tokenizer(): Tokenizer {
  // A plain require keeps the module out of start-up. In the bundles it resolves to
  // out/server/gpt-tokenizer.js, a file of its own (see esbuild.mjs), so its tables are not
  // even parsed until the first count.
  loaded ??= require("gpt-tokenizer") as Tokenizer;
  return loaded;
}

export function countTokens(text: string): number {
  return tokenizer().countTokens(text);
}

/** The token count of `text` if it is at most `limit`, else false (stops counting early). */
export function isWithinTokenLimit(text: string, limit: number): number | false {
  return tokenizer().isWithinTokenLimit(text, limit);
}

/**
 * Full token counts of recent texts, shared by the history window and the budget estimate: a
 * conversation resends its whole history with every turn, so only new turns need counting.
 * Holds at most 4 M characters and forgets the least recently used texts first.
 */
export const knownCounts = new LRUCache<string, number>({ maxSize: 4_000_000, sizeCalculation: (_count, text) => Math.max(1, text.length) });
