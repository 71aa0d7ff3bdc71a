/**
 * Cache keys. The exact key hashes everything that shapes an answer: provider, model,
 * sampling parameters, template id and version, system prompt, tool definitions and every
 * (redacted) message. The partition hashes the same minus the last user message plus the
 * embedder id: a semantic hit may only differ in how that last question is worded.
 */
import { createHash } from "node:crypto";

export type CacheMessage = { role: "system" | "user" | "assistant"; content: string };

export type CacheKeyInput = {
  provider: string;
  model: string;
  temperature: number;
  /** Other sampling parameters (max tokens, top_p, stop sequences, ...). */
  params?: Record<string, unknown>;
  templateId: string;
  templateVersion: string;
  /** Tool definitions sent with the request, if any. */
  tools?: unknown;
  /** All messages, system prompt included, as redacted text. */
  messages: readonly CacheMessage[];
};

/** JSON with object keys sorted, so equal values always hash the same. */
export function stableJson(value: unknown): string {
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJson(obj[k])}`)
    .join(",")}}`;
}

function sha(value: unknown): string {
  return createHash("sha256").update(stableJson(value)).digest("hex").slice(0, 32);
}

/** Index of the last user message, or -1. */
export function lastUserIndex(messages: readonly CacheMessage[]): number {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.role === "user") return i;
  return -1;
}

function settingsPart(k: CacheKeyInput) {
  return {
    v: 1,
    provider: k.provider,
    model: k.model,
    temperature: k.temperature,
    params: k.params ?? {},
    template: [k.templateId, k.templateVersion],
    tools: k.tools ?? null,
    system: k.messages.filter((m) => m.role === "system").map((m) => m.content),
  };
}

export function exactKey(k: CacheKeyInput): string {
  return sha({ ...settingsPart(k), messages: k.messages.map((m) => [m.role, m.content]) });
}

export function partitionKey(k: CacheKeyInput, embedderId: string): string {
  const last = lastUserIndex(k.messages);
  const context = k.messages.filter((_, i) => i !== last).map((m) => [m.role, m.content]);
  return sha({ ...settingsPart(k), context, embedder: embedderId });
}

/** The question a semantic lookup compares: the last user message. */
export function questionOf(messages: readonly CacheMessage[]): string {
  const i = lastUserIndex(messages);
  return i < 0 ? "" : messages[i]!.content;
}
