import { strict as assert } from "node:assert";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { providerEmbedder } from "../../../server/src/cache/providerEmbedder";
import { offlineVector } from "../../../server/src/cache/embedder";
import { keyFor, open, put, tempDir } from "./helpers/fixtures";

/** An OpenAI-compatible /embeddings endpoint on 127.0.0.1 that answers with offline vectors. */
function fakeEndpoint(status = 200): Promise<{ server: Server; url: string; requests: { model: string; input: string[] }[] }> {
  const requests: { model: string; input: string[] }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { model: string; input: string[] };
      requests.push(body);
      res.writeHead(status, { "content-type": "application/json" });
      if (status !== 200) return res.end(JSON.stringify({ error: { message: "overloaded" } }));
      res.end(JSON.stringify({ object: "list", model: body.model, data: body.input.map((t, index) => ({ object: "embedding", index, embedding: [...offlineVector(t, 256)] })), usage: { prompt_tokens: 1, total_tokens: 1 } }));
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, requests })));
}

describe("provider embeddings", () => {
  it("embeds through an OpenAI-compatible endpoint and the cache serves with them", async () => {
    const ep = await fakeEndpoint();
    const t = tempDir();
    try {
      const embedder = providerEmbedder({ provider: "compatible", model: "nomic-embed-text", baseUrl: ep.url, timeoutMs: 5000 }, async () => null);
      const c = await open(t.dir, { embedder });
      await put(c, "How do I delete a local git branch?", "answer");
      const hit = await c.lookup(keyFor("How can I remove a local branch in git?"), "How can I remove a local branch in git?");
      assert.equal(hit?.kind, "semantic");
      assert.equal(ep.requests[0]!.model, "nomic-embed-text");
      assert.equal(embedder.dimensions, 256);
      assert.match(c.embedderId, /^compatible:nomic-embed-text@http/);
      await c.close();
    } finally {
      ep.server.close();
      t.remove();
    }
  });

  it("makes one attempt only and turns a failure into a miss", async () => {
    const ep = await fakeEndpoint(500);
    const t = tempDir();
    try {
      const embedder = providerEmbedder({ provider: "openai", model: "text-embedding-3-small", baseUrl: ep.url, timeoutMs: 5000 }, async () => "sk-test");
      await assert.rejects(embedder.embed(["hello"]));
      assert.equal(ep.requests.length, 1, "maxRetries is 0");
      const logs: string[] = [];
      const c = await open(t.dir, { embedder, log: (m) => logs.push(m) });
      await put(c, "How do I delete a local git branch?", "answer");
      assert.ok(await c.lookup(keyFor("How do I delete a local git branch?"), "How do I delete a local git branch?"), "exact hits need no embedding");
      assert.equal(await c.lookup(keyFor("How can I remove a local branch in git?"), "How can I remove a local branch in git?"), null);
      assert.match(logs.join("\n"), /embedder .* failed/);
      await c.close();
    } finally {
      ep.server.close();
      t.remove();
    }
  });
});
