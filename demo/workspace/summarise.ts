import Anthropic from "@anthropic-ai/sdk";

const anthropic = new Anthropic();

/** Summarises a document in three bullet points. */
export async function summarise(document: string): Promise<string> {
  const message = await anthropic.messages.create({
    model: "claude-haiku-4-5",
    max_tokens: 400,
    messages: [{ role: "user", content: `Summarise in three bullets:\n\n${document}` }],
  });
  const first = message.content[0];
  return first && first.type === "text" ? first.text : "";
}
