/**
 * Shared test helpers: a pass-through template redactor and redacted input builders.
 * Tests may mint RedactedText directly; server code may not.
 */
import { mintRedacted, type RedactedText } from "../../../server/src/pipeline/brands";
import type { RedactedInput } from "../../../server/src/pipeline/context";

export const passThrough = (text: string): RedactedText => mintRedacted(text);

export function input(text: string, extra: Partial<RedactedInput> = {}): RedactedInput {
  return { text: mintRedacted(text), history: [], attachments: [], variables: {}, ...extra };
}

export const r = mintRedacted;
