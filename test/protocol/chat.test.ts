/**
 * The real server over in-memory streams, the real SDKs against the fake provider: a streamed
 * chat, a cancelled chat (provider socket really closed), bad params, and the demo model.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CancellationTokenSource } from "vscode-jsonrpc/node";
import { startFakeProvider, type FakeProvider } from "../fake-provider";
import { startTestServer, type TestServer } from "./harness";
import { ChatChunkNotification, ChatEventNotification, ChatRequest, type ChatChunkParams, type ChatEventParams, type ChatResult } from "../../shared/src/lsp";
import { ErrorCode } from "../../shared/src/errors";

type Rpc = { code: number; message: string; data?: { partialText?: string } };

describe("protocol: chat", function () {
  let fake: FakeProvider;
  let server: TestServer;
  const chunks = new Map<string, string[]>();
  const events = new Map<string, string[]>();

  before(async () => {
    fake = await startFakeProvider();
    const ws = mkdtempSync(join(tmpdir(), "pf-ws-"));
    server = await startTestServer({
      workspaceDir: ws,
      env: { PREFLIGHT_HOME: mkdtempSync(join(tmpdir(), "pf-home-")) },
      settings: { model: "openai:gpt-4o-mini", endpoints: { openai: fake.openaiBaseUrl }, retry: { maxAttempts: 1 } },
      secrets: { openai: "sk-test-0000000000000000000000000000" },
    });
    server.client.onNotification(ChatChunkNotification.method, (p: ChatChunkParams) => {
      chunks.set(p.streamId, [...(chunks.get(p.streamId) ?? []), p.delta]);
    });
    server.client.onNotification(ChatEventNotification.method, (p: ChatEventParams) => {
      events.set(p.streamId, [...(events.get(p.streamId) ?? []), p.event.type]);
    });
    await server.ready;
  });

  after(async () => {
    await server?.close();
    await fake?.close();
  });

  it("streams a chat answer as chunk notifications and returns the whole result", async () => {
    fake.script([{ kind: "ok", chunks: ["Hel", "lo ", "there"] }]);
    const result: ChatResult = await server.client.sendRequest(ChatRequest, { streamId: "s1", text: "say hello", history: [] });
    assert.equal(result.text, "Hello there");
    assert.equal(result.complete, true);
    assert.equal(result.provider, "openai");
    // The output guard may hold a partial word back, so chunks can merge but never reorder or drop.
    assert.equal((chunks.get("s1") ?? []).join(""), "Hello there");
    assert.ok((chunks.get("s1") ?? []).length >= 2, "the answer arrives in more than one chunk");
    assert.ok(result.usage.outputTokens > 0);
    assert.ok((events.get("s1") ?? []).includes("usage"));
    const sent = fake.chatRequests().at(-1);
    assert.equal((sent?.body as { stream?: boolean }).stream, true);
    assert.deepEqual((sent?.body as { stream_options?: unknown }).stream_options, { include_usage: true });
  });

  it("cancels: $/cancelRequest aborts the provider call and the fake sees its socket closed", async () => {
    fake.script([{ kind: "ok", chunks: ["one ", "two ", "three ", "four"], paced: true }]);
    const n = fake.chatRequests().length;
    const cts = new CancellationTokenSource();
    const pending = server.client.sendRequest(ChatRequest, { streamId: "s2", text: "count slowly", history: [] }, cts.token);
    const req = await fake.waitForChat(n);
    fake.release(1);
    const closed = fake.waitForClientClose(req);
    cts.cancel();
    const err = (await pending.then(() => assert.fail("should be cancelled"), (e: unknown) => e)) as Rpc;
    assert.equal(err.code, ErrorCode.RequestCancelled);
    await closed;
    assert.equal(req.clientClosed, true);
    assert.equal(req.finished, false);
  });

  it("answers bad params with InvalidParams and keeps serving", async () => {
    const err = (await server.client.sendRequest("preflight/chat", { streamId: 3 }).then(() => assert.fail("should fail"), (e: unknown) => e)) as Rpc;
    assert.equal(err.code, ErrorCode.InvalidParams);
    assert.match(err.message, /streamId: string, text: string/);
    fake.script([{ kind: "ok", text: "still alive" }]);
    const ok: ChatResult = await server.client.sendRequest(ChatRequest, { streamId: "s3", text: "ping", history: [] });
    assert.equal(ok.text, "still alive");
  });

  it("refuses input over the size limit without calling the provider", async () => {
    const before = fake.chatRequests().length;
    const err = (await server.client.sendRequest(ChatRequest, { streamId: "s4", text: "x".repeat(250_000), history: [] }).then(() => assert.fail("should fail"), (e: unknown) => e)) as Rpc;
    assert.equal(err.code, ErrorCode.InvalidInput);
    assert.match(err.message, /limit is 200,000/);
    assert.equal(fake.chatRequests().length, before);
  });

  it("answers with the offline demo model when asked for it, through the real SDK", async () => {
    const result: ChatResult = await server.client.sendRequest(ChatRequest, { streamId: "s5", text: "What is a semantic cache?", history: [], model: "demo:preflight-demo" });
    assert.equal(result.provider, "demo");
    assert.match(result.text, /demo model/i);
    assert.ok((chunks.get("s5") ?? []).length > 1, "the demo model streams");
  });
});
