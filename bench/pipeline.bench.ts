/**
 * Provider-layer overhead: the chain (timers, breaker, retry bookkeeping, events, usage, cost)
 * versus calling the openai SDK directly against the same fake server, 8 KB prompt, streamed
 * with usage. Runs are interleaved so both columns see the same machine noise. Prints p50/p99
 * latency and TTFT for both columns with their ratio, and the added latency per streamed chunk.
 */
import OpenAI from "openai";
import { DEFAULT_SETTINGS, type Settings } from "../shared/src/settings";
import { mintRedacted, mintRendered } from "../server/src/pipeline/brands";
import type { RequestContext } from "../server/src/pipeline/context";
import { createProviderChain, disposeProviders } from "../server/src/providers";
import { startFakeProvider } from "../test/fake-provider";

const WARMUP = 30;
const RUNS = 300;
const CHUNKS = 100;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

type Sample = { total: number; ttft: number; stream: number };

export async function run(): Promise<void> {
  const reply = Array.from({ length: CHUNKS }, (_, i) => `w${i} `).join("");
  const fake = await startFakeProvider({ defaultText: reply });
  const question = "Explain this code. ".repeat(Math.ceil(8192 / 19)).slice(0, 8192);
  const system = "You are a helpful assistant.";
  const settings: Settings = { ...DEFAULT_SETTINGS, endpoints: { openai: fake.openaiBaseUrl, anthropic: "", compatible: "" } };
  const prompt = mintRendered([{ role: "system", content: mintRedacted(system) }, { role: "user", content: mintRedacted(question) }], "chat", "1");
  const chain = createProviderChain({ getKey: async () => "sk-bench" });
  const client = new OpenAI({ apiKey: "sk-bench", baseURL: fake.openaiBaseUrl, maxRetries: 0, timeout: 60_000, logLevel: "off" });

  async function direct(): Promise<Sample> {
    const t0 = performance.now();
    let first = 0;
    let text = "";
    const stream = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "system", content: system }, { role: "user", content: question }],
      stream: true,
      stream_options: { include_usage: true },
      max_completion_tokens: 1024,
      temperature: 0,
    });
    for await (const chunk of stream) {
      const d = chunk.choices[0]?.delta?.content;
      if (d) {
        if (first === 0) first = performance.now();
        text += d;
      }
    }
    const end = performance.now();
    if (text !== reply) throw new Error("direct: wrong text");
    return { total: end - t0, ttft: first - t0, stream: end - first };
  }

  async function pipeline(): Promise<Sample> {
    let first = 0;
    let text = "";
    const controller = new AbortController();
    const ctx: RequestContext = {
      requestId: "bench",
      signal: controller.signal,
      settings,
      options: { noCache: true, sendAnyway: false, conversationId: "bench" },
      startedAt: Date.now(),
      input: { kind: "chat", text: question, history: [], attachments: [] },
      prompt,
      route: [{ provider: "openai", model: "gpt-4o-mini" }],
      maxTokens: 1024,
      temperature: 0,
      sink: {
        write(d) {
          if (first === 0) first = performance.now();
          text += d;
        },
        end() {},
      },
      emit: (e) => ctx.events.push(e),
      events: [],
      state: new Map(),
    };
    const t0 = performance.now();
    const result = await chain(ctx);
    const end = performance.now();
    if (text !== reply || !result.complete) throw new Error("pipeline: wrong text");
    return { total: end - t0, ttft: first - t0, stream: end - first };
  }

  for (let i = 0; i < WARMUP; i++) {
    await direct();
    await pipeline();
  }
  const d: Sample[] = [];
  const p: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Alternate the order so neither column always runs on a warmer connection.
    if (i % 2 === 0) {
      d.push(await direct());
      p.push(await pipeline());
    } else {
      p.push(await pipeline());
      d.push(await direct());
    }
  }
  await fake.close();
  await disposeProviders();

  const row = (name: string, f: (s: Sample) => number, q: number, goal: string) => {
    const a = pct(d.map(f), q);
    const b = pct(p.map(f), q);
    return { metric: name, "direct SDK ms": a.toFixed(2), "pipeline ms": b.toFixed(2), "added ms": (b - a).toFixed(2), ratio: (b / a).toFixed(3), goal };
  };
  const perChunk = (pct(p.map((s) => s.stream), 50) - pct(d.map((s) => s.stream), 50)) / CHUNKS;
  console.log(`Provider chain vs openai SDK direct, fake server on 127.0.0.1, 8 KB prompt, ${CHUNKS} streamed chunks, ${RUNS} interleaved runs each:`);
  console.table([
    row("latency p50", (s) => s.total, 50, "added ≤ 2 ms"),
    row("latency p99", (s) => s.total, 99, "added ≤ 10 ms"),
    row("TTFT p50", (s) => s.ttft, 50, "added ≤ 5 ms"),
    row("TTFT p99", (s) => s.ttft, 99, ""),
    row("stream phase p50", (s) => s.stream, 50, ""),
  ]);
  console.log(`Added latency per streamed chunk (p50 stream phase difference / ${CHUNKS}): ${(perChunk * 1000).toFixed(1)} µs (goal ≤ 1 ms)`);
}

if (require.main === module) void run();
