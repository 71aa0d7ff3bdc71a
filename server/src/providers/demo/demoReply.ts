/**
 * The offline demo model's answer: deterministic markdown that says what it is, reflects the
 * question back, and shows a fenced code block so markdown rendering can be seen.
 */

export const DEMO_MODEL_ID = "preflight-demo";

type Message = { role: string; content: unknown };

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((p) => (typeof p === "object" && p !== null && "text" in p ? String((p as { text: unknown }).text) : "")).join(" ");
  return "";
}

/**
 * The question in the last user message, flattened to one line and shortened for quoting.
 * Rendered prompts put attached files first and the user's text last, so the last paragraph
 * is the question.
 */
export function questionOf(messages: readonly Message[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role !== "user") continue;
    const paragraphs = textOf(m.content).split(/\n\s*\n/).filter((p) => p.trim() !== "");
    const flat = (paragraphs[paragraphs.length - 1] ?? "").replace(/\s+/g, " ").trim();
    return flat.length > 160 ? `${flat.slice(0, 157)}...` : flat;
  }
  return "";
}

export function demoReply(messages: readonly Message[]): string {
  const question = questionOf(messages);
  const words = question === "" ? 0 : question.split(" ").length;
  const quoted = question === "" ? "You sent an empty message." : `You asked: "${question.replace(/"/g, "'")}"`;
  return [
    "**Preflight demo model** (offline, no API key needed)",
    "",
    quoted,
    "",
    "I am the built-in demo model: I do not call any real AI, I answer every message with this kind of reply, " +
      `so you can try the chat, streaming, the Stop button and the pipeline without a provider. Your message had ${words} word${words === 1 ? "" : "s"}.`,
    "",
    "To talk to a real model, choose one in your user settings and store its key with **Preflight: Set API Key**:",
    "",
    "```json",
    "{",
    '  "preflight.model": "openai:gpt-4o-mini",',
    '  "preflight.fallbacks": ["anthropic:claude-haiku-4-5"]',
    "}",
    "```",
    "",
    "- Keys stay in the editor's secret storage.",
    "- Prompts are redacted before they leave your machine.",
  ].join("\n");
}

/** Splits the reply into word-sized chunks (spaces kept, so they join back exactly). */
export function demoChunks(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [text];
}
