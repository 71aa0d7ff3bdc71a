import { strict as assert } from "node:assert";
import { join } from "node:path";
import { mintRedacted } from "../../../server/src/pipeline/brands";
import type { RequestContext } from "../../../server/src/pipeline/context";
import { renderTemplate } from "../../../server/src/pipeline/stages/renderTemplate";
import { TemplateRegistry } from "../../../server/src/prompts/registry";
import { makeContext, okResult } from "../log/context";

const file = (name: string) => join("/w/.preflight/prompts", name);

describe("prompts: renderTemplate stage", () => {
  const registry = new TemplateRegistry({ redact: mintRedacted });
  registry.reloadFile(file("explain.md"), "---\nid: explain\nversion: 3\nmodel: anthropic:claude-sonnet-4-5\ntemperature: 0.7\nmaxTokens: 300\n---\nExplain.\n");
  registry.reloadFile(file("foreign.md"), "---\nid: foreign\nversion: 1\nmodel: compatible:evil-model\n---\nHi.\n");
  registry.reloadFile(file("chat2.md"), "---\nid: chat\nversion: 2\n---\nShort.\n");

  async function run(ctx: RequestContext) {
    ctx.redacted = { text: mintRedacted(ctx.input.text), history: [], attachments: [], variables: {} };
    let seen: RequestContext | undefined;
    await renderTemplate({ registry }).run(ctx, async (c) => {
      seen = c;
      return okResult();
    });
    return seen!;
  }

  it("renders the prompt, emits the template event and applies overrides", async () => {
    const ctx = await run(makeContext({ input: { templateId: "explain" } }));
    assert.equal(ctx.prompt?.templateId, "explain");
    assert.equal(ctx.prompt?.templateVersion, "3");
    assert.deepEqual(ctx.events, [{ type: "template", id: "explain", version: "3" }]);
    assert.equal(ctx.temperature, 0.7);
    assert.equal(ctx.maxTokens, 300);
    assert.deepEqual(ctx.route.map((r) => `${r.provider}:${r.model}`), ["anthropic:claude-sonnet-4-5", "openai:gpt-4o-mini", "anthropic:claude-3-5-haiku-latest"]);
  });

  it("ignores a model whose provider is not in the user's chain", async () => {
    const ctx = await run(makeContext({ input: { templateId: "foreign" } }));
    assert.deepEqual(ctx.route.map((r) => r.provider), ["openai", "anthropic"]);
    assert.deepEqual(ctx.state.get("template"), { id: "foreign", version: "1", modelOverride: "ignored" });
  });

  it("uses the request kind as the default template and marks A/B variants", async () => {
    const review = await run(makeContext({ input: { kind: "review" } }));
    assert.equal(review.prompt?.templateId, "review");
    const chat = await run(makeContext({ conversationId: "some-conversation" }));
    const event = chat.events[0];
    assert.ok(event?.type === "template" && /^A\/B [12] of 2$/.test(event.variant ?? ""), JSON.stringify(event));
  });

  it("refuses to run before redaction", async () => {
    await assert.rejects(renderTemplate({ registry }).run(makeContext(), async () => okResult()), /before redaction/);
  });
});
