/**
 * Whole-pipeline overhead: Core.chat (validate, redact, injection guard, output guard,
 * un-redact, template, cache lookup, budget reserve/settle with its fsync'd journal, request
 * log, provider chain) versus the openai SDK called directly against the same fake server with
 * the same 8 KB prompt. Runs are interleaved; the cache is bypassed so every run reaches the
 * provider. Prints p50/p99 latency and TTFT for both columns and the difference.
 * The work the pipeline leaves for after the answer (writing the ledger settlement and its
 * fsync, the request log line, the template outcome counts) is drained between runs, outside
 * the timings, so it does not land in the next run of either column. Each run's question is
 * made unique (a run number in front), as a user's would be, so no per-text cache flatters it.
 */
import OpenAI from "openai";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromRaw } from "../shared/src/settings";
import { createCore } from "../server/src/core/core";
import { startFakeProvider } from "../test/fake-provider";

const WARMUP = 20;
const RUNS = 200;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

export async function run(): Promise<void> {
  const reply = Array.from({ length: 50 }, (_, i) => `word${i} `).join("");
  const fake = await startFakeProvider({ defaultText: reply });
  const question = "Please explain what this function does and how to test it. ".repeat(140).slice(0, 8192);
  const raw = { model: "openai:gpt-4o-mini", endpoints: { openai: fake.openaiBaseUrl }, retry: { maxAttempts: 1 } };
  const ws = mkdtempSync(join(tmpdir(), "pf-bench-ws-"));
  const home = mkdtempSync(join(tmpdir(), "pf-bench-home-"));
  const core = await createCore({ storeDir: join(home, "store"), homeDir: home, workspaceDir: ws, getKey: async () => "sk-bench", log: () => undefined, settings: fromRaw(raw).settings, rawSettings: raw });
  await core.setBudget({ dailyUsd: 1e6, monthlyUsd: 1e7 });
  const client = new OpenAI({ apiKey: "sk-bench", baseURL: fake.openaiBaseUrl, maxRetries: 0, timeout: 60_000 });

  async function direct(): Promise<[number, number]> {
    const t0 = performance.now();
    let first = 0;
    const stream = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "system", content: "You are Preflight." }, { role: "user", content: unique(m++) }], stream: true, stream_options: { include_usage: true }, max_completion_tokens: 1024, temperature: 0 });
    for await (const chunk of stream) if (first === 0 && chunk.choices[0]?.delta?.content) first = performance.now();
    return [performance.now() - t0, first - t0];
  }

  let n = 0;
  let m = 0;
  const unique = (i: number) => `${i} ${question}`.slice(0, 8192);
  async function pipeline(): Promise<[number, number]> {
    const t0 = performance.now();
    let first = 0;
    await core.chat({ streamId: `b${n}`, text: unique(n++), history: [], noCache: true }, new AbortController().signal, { onDelta: () => { if (first === 0) first = performance.now(); }, onEvent: () => undefined });
    const elapsed: [number, number] = [performance.now() - t0, first - t0];
    await Promise.all([core.services.ledger.flush(), core.services.requestLog.flush(), core.services.templates.outcomes.flush()]);
    return elapsed;
  }

  for (let i = 0; i < WARMUP; i++) { await direct(); await pipeline(); }
  const d: [number, number][] = [];
  const p: [number, number][] = [];
  for (let i = 0; i < RUNS; i++) { d.push(await direct()); p.push(await pipeline()); }
  const row = (name: string, pick: (x: [number, number]) => number, q: number) => {
    const a = pct(d.map(pick), q);
    const b = pct(p.map(pick), q);
    console.log(`${name.padEnd(22)}${a.toFixed(2).padStart(12)}${b.toFixed(2).padStart(14)}${(b - a).toFixed(2).padStart(12)}${(b / a).toFixed(2).padStart(8)}`);
  };
  console.log(`whole pipeline vs SDK direct, 8 KB prompt, ${RUNS} interleaved runs (ms)`);
  console.log(`${"metric".padEnd(22)}${"SDK direct".padStart(12)}${"Preflight".padStart(14)}${"added".padStart(12)}${"ratio".padStart(8)}`);
  row("latency p50", (x) => x[0], 50);
  row("latency p99", (x) => x[0], 99);
  row("TTFT p50", (x) => x[1], 50);
  row("TTFT p99", (x) => x[1], 99);
  await core.dispose();
  await fake.close();
}

if (require.main === module) void run();
