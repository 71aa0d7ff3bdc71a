/**
 * The offline demo model's server: a tiny HTTP server on 127.0.0.1 (random port) that speaks
 * the OpenAI chat-completions wire protocol (JSON and SSE with usage), so the demo provider
 * goes through the real openai SDK exactly like a real provider would.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DEMO_MODEL_ID, demoChunks, demoReply } from "./demoReply";

export type DemoServer = { baseUrl: string; close(): Promise<void> };
export type DemoServerOptions = { chunkDelayMs?: number };

type ChatBody = { model?: string; messages?: { role: string; content: unknown }[]; stream?: boolean; stream_options?: { include_usage?: boolean } };

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    req.on("data", (d: Buffer) => parts.push(d));
    req.on("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(parts).toString("utf8")));
      } catch {
        resolve(null);
      }
    });
    req.on("error", () => resolve(null));
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

async function chat(body: ChatBody, res: ServerResponse, delayMs: number): Promise<void> {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const text = demoReply(messages);
  const chunks = demoChunks(text);
  const promptChars = messages.reduce((n, m) => n + (typeof m.content === "string" ? m.content.length : 0), 0);
  const usage = {
    prompt_tokens: Math.max(1, Math.ceil(promptChars / 4)),
    completion_tokens: chunks.length,
    total_tokens: Math.max(1, Math.ceil(promptChars / 4)) + chunks.length,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
  };
  const base = { id: `chatcmpl-demo-${Date.now()}`, created: Math.floor(Date.now() / 1000), model: DEMO_MODEL_ID };
  if (body.stream !== true) {
    sendJson(res, 200, { ...base, object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }], usage });
    return;
  }
  let closed = false;
  res.on("close", () => (closed = true));
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const write = (obj: unknown) => res.write(`data: ${JSON.stringify(obj)}\n\n`);
  const chunk = (delta: unknown, finish: string | null) => ({ ...base, object: "chat.completion.chunk", choices: [{ index: 0, delta, finish_reason: finish }] });
  write(chunk({ role: "assistant", content: "" }, null));
  for (const c of chunks) {
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    if (closed) return;
    write(chunk({ content: c }, null));
  }
  write(chunk({}, "stop"));
  if (body.stream_options?.include_usage === true) write({ ...base, object: "chat.completion.chunk", choices: [], usage });
  res.end("data: [DONE]\n\n");
}

export async function startDemoServer(opts: DemoServerOptions = {}): Promise<DemoServer> {
  const delayMs = opts.chunkDelayMs ?? 15;
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/v1/models") {
      return sendJson(res, 200, { object: "list", data: [{ id: DEMO_MODEL_ID, object: "model", created: 0, owned_by: "preflight" }] });
    }
    if (req.method !== "POST" || path !== "/v1/chat/completions") {
      return sendJson(res, 404, { error: { message: `The demo model only serves /v1/chat/completions and /v1/models, not ${req.method} ${path}.`, type: "invalid_request_error" } });
    }
    void readJson(req).then((body) => {
      if (body === null || typeof body !== "object") return sendJson(res, 400, { error: { message: "The body is not JSON.", type: "invalid_request_error" } });
      return chat(body as ChatBody, res, delayMs).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  server.unref();
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
