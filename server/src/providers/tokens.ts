/**
 * Token estimate of a rendered prompt before it is sent (for budget reservation), with
 * gpt-tokenizer's o200k encoding plus the chat format's per-message overhead. Other providers'
 * tokenizers differ by a few percent; the budget stage reserves with a margin.
 */
import { countTokens, knownCounts } from "../tokenizer";
import type { RenderedPrompt } from "../pipeline/brands";

/** Tokens the chat format adds per message (role and separators) and once per reply. */
const PER_MESSAGE = 4;
const PER_REPLY = 3;

/** Prompts are frozen, so a count is computed once per prompt however many stages ask. */
const counted = new WeakMap<RenderedPrompt, number>();

/**
 * Counts of long message texts come from the tokenizer's shared cache: without it each turn
 * re-tokenizes every earlier message (about 0.3 ms per 8 KB on the request's critical path).
 * Short texts are cheaper to count than to look up.
 */
const MIN_CACHED_CHARS = 512;

function countMessage(text: string): number {
  if (text.length < MIN_CACHED_CHARS) return countTokens(text);
  const known = knownCounts.get(text);
  if (known !== undefined) return known;
  const n = countTokens(text);
  knownCounts.set(text, n);
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
