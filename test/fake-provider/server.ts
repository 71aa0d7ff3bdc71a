/**
 * The fake provider: a real HTTP server on 127.0.0.1 that speaks OpenAI chat completions,
 * Anthropic messages, embeddings and /models, with faults scripted per chat request. It records
 * every request (body and headers) and when a client closed its connection early, so tests can
 * assert that a cancel really closed the socket. Tests drive the real SDKs against it.
 */
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleControl } from "./control";
import { fakeEmbedding } from "./openaiWire";
import { respondChat, type Pacer } from "./respond";
import type { Fault, FaultPicker, FakeProvider, FakeProviderOptions, Protocol, RecordedRequest } from "./types";

const DEFAULT_TEXT = "Hello from the fake provider. It answers every question the same way.";

function protocolOf(method: string, path: string): Protocol {
  if (method === "POST" && path.endsWith("/chat/completions")) return "openai";
  if (method === "POST" && path.endsWith("/messages")) return "anthropic";
  if (method === "POST" && path.endsWith("/embeddings")) return "embeddings";
  if (method === "GET" && path.endsWith("/models")) return "models";
  return "unknown";
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (d: Buffer) => parts.push(d));
    req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
  });
}

/** A counting semaphore: each release() lets one waiting (or future) paced chunk through. */
function createPacer(): Pacer & { release(n: number): void } {
  let credits = 0;
  const waiters: (() => void)[] = [];
  return {
    release(n) {
      credits += n;
      while (credits > 0 && waiters.length > 0) {
        credits--;
        waiters.shift()!();
      }
    },
    wait(signal) {
      if (credits > 0) {
        credits--;
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        const done = () => resolve();
        waiters.push(done);
        signal.addEventListener("abort", () => {
          const i = waiters.indexOf(done);
          if (i >= 0) waiters.splice(i, 1);
          resolve();
        }, { once: true });
      });
    },
  };
}

export async function startFakeProvider(opts: FakeProviderOptions = {}): Promise<FakeProvider> {
  const requests: RecordedRequest[] = [];
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const queue: Fault[] = [];
  let picker: FaultPicker | null = null;
  let chatCount = 0;
  const pacer = createPacer();
  const respondOpts = {
    defaultText: opts.defaultText ?? DEFAULT_TEXT,
    cachedInputTokens: opts.cachedInputTokens ?? 0,
    model: opts.model ?? "fake-model",
    chunkDelayMs: opts.chunkDelayMs ?? 0,
    pacer,
  };
  const controlTarget = { script: (faults: Fault[]) => queue.push(...faults), release: (n: number) => pacer.release(n), requests };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0]!;
    const method = req.method ?? "GET";
    const raw = await readBody(req);
    let body: unknown = null;
    try {
      body = raw === "" ? null : JSON.parse(raw);
    } catch {
      body = raw;
    }
    if (handleControl(method, path, body, res, controlTarget)) return;
    const protocol = protocolOf(method, path);
    const stream = typeof body === "object" && body !== null && (body as { stream?: unknown }).stream === true;
    const rec: RecordedRequest = {
      index: requests.length, chatIndex: null, method, path, protocol, headers: { ...req.headers }, body, stream,
      fault: null, chunksSent: 0, finished: false, clientClosed: false, closedAt: null,
    };
    requests.push(rec);
    res.on("close", () => {
      if (!res.writableFinished) {
        rec.clientClosed = true;
        rec.closedAt = performance.now();
        events.emit("clientClosed", rec);
      }
    });
    if (protocol === "openai" || protocol === "anthropic") {
      rec.chatIndex = chatCount++;
      rec.fault = queue.shift() ?? (picker ? picker(rec.chatIndex, rec) : { kind: "ok" });
      events.emit("chat", rec);
      return respondChat(req, res, rec, rec.fault, respondOpts);
    }
    res.setHeader("content-type", "application/json");
    if (protocol === "models") {
      res.end(JSON.stringify({ object: "list", data: [{ id: respondOpts.model, object: "model", created: 1_700_000_000, owned_by: "fake" }] }));
    } else if (protocol === "embeddings") {
      const input = (body as { input?: unknown }).input;
      const texts = Array.isArray(input) ? input.map(String) : [String(input ?? "")];
      // The openai SDK asks for base64 (little-endian float32) by default and decodes it itself.
      const base64 = (body as { encoding_format?: string }).encoding_format === "base64";
      const encode = (v: number[]) => (base64 ? Buffer.from(new Float32Array(v).buffer).toString("base64") : v);
      const data = texts.map((t, index) => ({ object: "embedding", index, embedding: encode(fakeEmbedding(t)) }));
      const tokens = texts.reduce((s, t) => s + Math.ceil(t.length / 4), 0);
      res.end(JSON.stringify({ object: "list", data, model: (body as { model?: string }).model ?? "fake-embed", usage: { prompt_tokens: tokens, total_tokens: tokens } }));
    } else {
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { message: `No route ${method} ${path}`, type: "invalid_request_error" } }));
    }
    rec.finished = true;
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: String(err), type: "server_error" } }));
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function waitFor<T>(check: () => T | undefined, event: string): Promise<T> {
    const found = check();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve) => {
      const on = () => {
        const v = check();
        if (v === undefined) return;
        events.off(event, on);
        resolve(v);
      };
      events.on(event, on);
    });
  }

  return {
    url,
    openaiBaseUrl: `${url}/v1`,
    anthropicBaseUrl: url,
    requests,
    chatRequests: () => requests.filter((r) => r.chatIndex !== null),
    script(faults) {
      if (typeof faults === "function") picker = faults;
      else queue.push(...faults);
    },
    clearScript() {
      queue.length = 0;
      picker = null;
    },
    release: (n = 1) => pacer.release(n),
    waitForChat: (i) => waitFor(() => requests.find((r) => r.chatIndex === i), "chat"),
    waitForClientClose: (rec) => waitFor(() => rec.closedAt ?? undefined, "clientClosed"),
    close() {
      pacer.release(1_000_000);
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
