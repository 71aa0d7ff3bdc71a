/**
 * Branded strings that make the safe path the only path: the provider layer accepts only a
 * RenderedPrompt, a RenderedPrompt can only be built from RedactedText, and RedactedText can
 * only be minted by the redaction stage (server/src/guards/, checked by a unit test that no
 * other module imports `mintRedacted`).
 */
declare const redactedBrand: unique symbol;
declare const renderedBrand: unique symbol;

/** Text that has been through the redactor; safe to send to a provider. */
export type RedactedText = string & { readonly [redactedBrand]: "redacted" };

export type PromptMessage = { role: "system" | "user" | "assistant"; content: RedactedText };

/** Messages ready for a provider, produced by prompts/render.ts from redacted parts only. */
export type RenderedPrompt = {
  readonly messages: readonly PromptMessage[];
  readonly templateId: string;
  readonly templateVersion: string;
  readonly [renderedBrand]: "rendered";
};

/** Only the redaction module may call this. */
export function mintRedacted(text: string): RedactedText {
  return text as RedactedText;
}

/** Only prompts/render.ts may call this. */
export function mintRendered(messages: readonly PromptMessage[], templateId: string, templateVersion: string): RenderedPrompt {
  return Object.freeze({ messages: Object.freeze([...messages]), templateId, templateVersion }) as RenderedPrompt;
}

/** Joins redacted parts; the result is still redacted (concatenation cannot un-redact). */
export function joinRedacted(parts: readonly RedactedText[], sep = ""): RedactedText {
  return parts.join(sep) as RedactedText;
}
