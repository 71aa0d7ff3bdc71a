/**
 * Token estimate of a rendered prompt before it is sent (for budget reservation), with
 * gpt-tokenizer's o200k encoding plus the chat format's per-message overhead. Other providers'
 * tokenizers differ by a few percent; the budget stage reserves with a margin.
 */
import { countTokens } from "../tokenizer";
import type { RenderedPrompt } from "../pipeline/brands";

/** Tokens the chat format adds per message (role and separators) and once per reply. */
const PER_MESSAGE = 4;
const PER_REPLY = 3;

/** Prompts are frozen, so a count is computed once per prompt however many stages ask. */
const counted = new WeakMap<RenderedPrompt, number>();

/**
 * Counts of recent long message texts. A conversation resends its whole history (and the
 * template's system text) with every turn, so without this each turn re-tokenizes every
 * earlier message: about 0.3 ms per 8 KB on the request's critical path. Short texts are
 * cheaper to count than to look up; the map holds at most 4 M characters and forgets the
 * least recently used texts first.
 */
const MIN_CACHED_CHARS = 512;
const MAX_CACHED_CHARS = 4_000_000;
const byText = new Map<string, number>();
let cachedChars = 0;

function countMessage(text: string): number {
  if (text.length < MIN_CACHED_CHARS) return countTokens(text);
  const known = byText.get(text);
  if (known !== undefined) {
    // Refresh: Map keeps insertion order, so the first key is always the least recently used.
    byText.delete(text);
    byText.set(text, known);
    return known;
  }
  const n = countTokens(text);
  if (text.length > MAX_CACHED_CHARS / 4) return n;
  byText.set(text, n);
  cachedChars += text.length;
  for (const oldest of byText.keys()) {
    if (cachedChars <= MAX_CACHED_CHARS) break;
    byText.delete(oldest);
    cachedChars -= oldest.length;
  }
  return n;
}

export function estimateTokens(prompt: RenderedPrompt): number {
  const known = counted.get(prompt);
  if (known !== undefined) return known;
  let total = PER_REPLY;
  for (const m of prompt.messages) total += PER_MESSAGE + countMessage(m.content);
  counted.set(prompt, total);
  return total;
}
