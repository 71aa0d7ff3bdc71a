/**
 * Writes one chat response (OpenAI or Anthropic wire) for a scripted fault: normal answers,
 * HTTP errors with Retry-After, resets after N chunks, slow first bytes, malformed chunks and
 * paced streams that advance one chunk per `release()`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { anthropicError, anthropicMessage, anthropicStream } from "./anthropicWire";
import { openaiCompletion, openaiError, openaiStream } from "./openaiWire";
import type { Fault, FakeUsage, RecordedRequest } from "./types";

export type Pacer = { wait(signal: AbortSignal): Promise<void> };

export type RespondOptions = { defaultText: string; cachedInputTokens: number; model: string; chunkDelayMs: number; pacer: Pacer };

/** Splits a reply into word-sized chunks, keeping the spaces so the chunks join back exactly. */
export function splitChunks(text: string): string[] {
  const parts = text.match(/\S+\s*|\s+/g);
  return parts ?? [text];
}

function promptChars(body: unknown): number {
  const b = body as { messages?: { content?: unknown }[]; system?: unknown };
  let chars = typeof b.system === "string" ? b.system.length : 0;
  for (const m of b.messages ?? []) chars += typeof m.content === "string" ? m.content.length : JSON.stringify(m.content ?? "").length;
  return chars;
}

function usageFor(body: unknown, chunks: string[], cached: number, override: Partial<FakeUsage> | undefined): FakeUsage {
  return {
    inputTokens: Math.max(1, Math.ceil(promptChars(body) / 4)),
    cachedInputTokens: cached,
    cacheWriteTokens: 0,
    outputTokens: chunks.length,
    reasoningTokens: 0,
    ...override,
  };
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });
}

/** Writes and resolves once the data was handed to the socket, so a reset after it still delivers it. */
function flushWrite(res: ServerResponse, data: string): Promise<void> {
  return new Promise((resolve) => res.write(data, () => resolve()));
}

function writeError(res: ServerResponse, rec: RecordedRequest, fault: Extract<Fault, { kind: "status" }>): void {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (fault.retryAfter !== undefined) headers["retry-after"] = fault.retryAfter;
  if (fault.retryAfterMs !== undefined) headers["retry-after-ms"] = fault.retryAfterMs;
  const message = fault.message ?? `Scripted status ${fault.status}`;
  res.writeHead(fault.status, headers);
  res.end(rec.protocol === "anthropic" ? anthropicError(fault.status, message) : openaiError(fault.status, message));
}

export async function respondChat(req: IncomingMessage, res: ServerResponse, rec: RecordedRequest, fault: Fault, opts: RespondOptions): Promise<void> {
  const closed = new AbortController();
  res.on("close", () => closed.abort());
  if (fault.kind === "status") return writeError(res, rec, fault);
  if (fault.kind === "notJson") {
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<!doctype html><html><body><h1>Welcome to nginx!</h1></body></html>\n");
    return;
  }
  if (fault.kind === "slowFirstByte") {
    await delay(fault.delayMs, closed.signal);
    if (closed.signal.aborted) return;
  }
  const text = (fault.kind === "ok" || fault.kind === "slowFirstByte" ? fault.text : undefined) ?? opts.defaultText;
  const chunks = fault.kind === "ok" && fault.chunks ? fault.chunks : splitChunks(text);
  const finish = fault.kind === "ok" ? (fault.finish ?? "stop") : "stop";
  const usage = usageFor(rec.body, chunks, opts.cachedInputTokens, fault.kind === "ok" ? fault.usage : undefined);
  const body = rec.body as { model?: string; stream_options?: { include_usage?: boolean } };
  const model = (fault.kind === "ok" ? fault.model : undefined) ?? body.model ?? opts.model;
  const id = `${rec.protocol === "anthropic" ? "msg" : "chatcmpl"}_fake_${rec.index}`;

  if (!rec.stream) {
    if (fault.kind === "reset" && fault.afterChunks === 0) return void req.socket.destroy();
    res.writeHead(200, { "content-type": "application/json" });
    if (fault.kind === "malformed") return void res.end("this is not { json");
    if (fault.kind === "reset") {
      await flushWrite(res, '{"id":"partial",');
      return void req.socket.destroy();
    }
    const json = rec.protocol === "anthropic" ? anthropicMessage(id, model, chunks.join(""), finish, usage) : openaiCompletion(id, model, chunks.join(""), finish, usage);
    res.end(json);
    rec.finished = true;
    return;
  }

  const events =
    rec.protocol === "anthropic" ? anthropicStream(id, model, chunks, finish, usage) : openaiStream(id, model, chunks, finish, usage, body.stream_options?.include_usage === true);
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  if (fault.kind === "reset" && fault.afterChunks === 0) return void req.socket.destroy();
  for (const e of events.head) await flushWrite(res, e);
  for (let i = 0; i < events.content.length; i++) {
    if (fault.kind === "reset" && i === fault.afterChunks) return void req.socket.destroy();
    if (fault.kind === "malformed" && i === (fault.afterChunks ?? 0)) {
      res.write(rec.protocol === "anthropic" ? "event: content_block_delta\ndata: {this is not json\n\n" : "data: {this is not json\n\n");
      continue;
    }
    if (fault.kind === "ok" && fault.paced) await opts.pacer.wait(closed.signal);
    else if (opts.chunkDelayMs > 0) await delay(opts.chunkDelayMs, closed.signal);
    if (closed.signal.aborted) return;
    if (fault.kind === "reset") await flushWrite(res, events.content[i]!);
    else res.write(events.content[i]);
    rec.chunksSent++;
  }
  for (const e of events.tail) res.write(e);
  res.end();
  rec.finished = true;
}
