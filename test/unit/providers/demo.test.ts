/**
 * The offline demo model: a deterministic markdown reply that names itself, quotes the
 * question (not the attached files), and serves the OpenAI wire (JSON, SSE with usage, /models).
 */
import assert from "node:assert/strict";
import OpenAI from "openai";
import { demoReply, questionOf } from "../../../server/src/providers/demo/demoReply";
import { startDemoServer, type DemoServer } from "../../../server/src/providers/demo/demoServer";

describe("demo model", () => {
  it("quotes the question, not the attachment blocks before it", () => {
    const user = "File main.py:\n```python\nprint(1)\n```\n\nWhat   does this\nprint?";
    assert.equal(questionOf([{ role: "system", content: "sys" }, { role: "user", content: user }]), "What does this print?");
    assert.equal(questionOf([{ role: "user", content: "x".repeat(400) }]).length, 160);
  });

  it("is deterministic markdown with a fenced code block", () => {
    const a = demoReply([{ role: "user", content: "Hello?" }]);
    assert.equal(a, demoReply([{ role: "user", content: "Hello?" }]));
    assert.match(a, /^\*\*Preflight demo model\*\*/);
    assert.match(a, /You asked: "Hello\?"/);
    assert.match(a, /```json\n[\s\S]*?\n```/);
  });

  describe("server", () => {
    let demo: DemoServer;
    let client: OpenAI;
    before(async () => {
      demo = await startDemoServer({ chunkDelayMs: 0 });
      client = new OpenAI({ apiKey: "demo", baseURL: demo.baseUrl, maxRetries: 0, logLevel: "off" });
    });
    after(() => demo.close());

    it("answers JSON and SSE with the same text, usage last in the stream", async () => {
      const messages = [{ role: "user" as const, content: "Why?" }];
      const json = await client.chat.completions.create({ model: "preflight-demo", messages });
      let text = "";
      let usage: unknown = null;
      const stream = await client.chat.completions.create({ model: "preflight-demo", messages, stream: true, stream_options: { include_usage: true } });
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta?.content ?? "";
        if (chunk.usage) usage = chunk.usage;
      }
      assert.equal(text, json.choices[0]!.message.content);
      assert.equal(json.choices[0]!.finish_reason, "stop");
      assert.ok(usage !== null && (usage as { completion_tokens: number }).completion_tokens > 0);
    });

    it("lists its model and refuses other routes with a clear error", async () => {
      assert.equal((await client.models.list()).data[0]!.id, "preflight-demo");
      const res = await fetch(demo.baseUrl.replace(/\/v1$/, "/v1/embeddings"), { method: "POST", body: "{}" });
      assert.equal(res.status, 404);
      assert.match(((await res.json()) as { error: { message: string } }).error.message, /only serves/);
    });
  });
});
