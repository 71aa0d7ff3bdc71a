/**
 * Token counts for the history window, with gpt-tokenizer (o200k_base). Counting is bounded
 * by the budget left (isWithinTokenLimit stops early), and counts of past turns are kept in the
 * tokenizer's shared LRU keyed by the text: a conversation re-sends the same history on every
 * request, so only new turns are tokenized.
 */
import { isWithinTokenLimit, knownCounts as counts } from "../tokenizer";

/** The token count of `text` if it is at most `limit`, else false (without counting it all). */
export function tokensWithin(text: string, limit: number): number | false {
  if (limit < 0) return false;
  const known = counts.get(text);
  if (known !== undefined) return known <= limit ? known : false;
  const counted = isWithinTokenLimit(text, limit);
  if (counted !== false) counts.set(text, counted);
  return counted;
}
