/**
 * Semantic cache numbers: lookup latency at 10k and 100k entries (goal ≤ 10 ms at 100k), insert
 * cost as the database grows (amortised, journal folds included), bytes per entry, cold open
 * time, the first lookup after a cold open, and one snapshot fold at full size. References measured in the same run: a brute-force scan of every vector in the
 * partition (no word index), a raw sql.js primary-key query, and a raw sql.js open of the file.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { offlineEmbedder } from "../server/src/cache/embedder";
import { exactKey, partitionKey, type CacheKeyInput } from "../server/src/cache/keys";
import { quantise } from "../server/src/cache/records";
import { openCache, type SemanticCache } from "../server/src/cache/semanticCache";
import { DEFAULT_CACHE_SETTINGS } from "../server/src/cache/settings";
import { loadSqlJs } from "../server/src/cache/sqlWasm";
import { VectorIndex } from "../server/src/cache/vectorIndex";

const VERBS = ["delete", "rename", "sort", "merge", "parse", "serialize", "validate", "cache", "stream", "retry", "log", "compress", "encrypt", "deploy", "profile", "test", "mock", "index", "paginate", "migrate"];
const THINGS = ["branch", "list", "dictionary", "file", "column", "request", "response", "container", "image", "table", "queue", "socket", "cookie", "token", "date", "string", "array", "object", "volume", "user"];
const PLACES = ["python", "javascript", "typescript", "go", "rust", "java", "git", "docker", "postgres", "redis", "react", "express", "django", "flask", "pandas", "kubernetes", "nginx", "bash", "ruby", "php"];

/** A deterministic, varied question: about 8 000 distinct shapes times a numbered detail. */
function question(i: number): string {
  const v = VERBS[i % VERBS.length]!;
  const t = THINGS[Math.floor(i / VERBS.length) % THINGS.length]!;
  const p = PLACES[Math.floor(i / (VERBS.length * THINGS.length)) % PLACES.length]!;
  return `How do I ${v} a ${t} in ${p} for service${Math.floor(i / 8000)} item${i % 997}?`;
}

function key(q: string): CacheKeyInput {
  return { provider: "openai", model: "gpt-4o-mini", temperature: 0, params: { maxTokens: 1024 }, templateId: "chat", templateVersion: "1", messages: [{ role: "system", content: "Be brief." }, { role: "user", content: q }] };
}

const ANSWER = "Here is how to do it, step by step, with a short example. ".repeat(9);
const META = { provider: "openai", model: "gpt-4o-mini", inputTokens: 120, outputTokens: 180, costUsd: 0.0002 };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length * 0.95)]!;
}

async function timeEach(n: number, fn: (i: number) => Promise<unknown> | unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

const ms = (x: number) => x.toFixed(3);

async function fill(cache: SemanticCache, from: number, to: number): Promise<number> {
  const t = performance.now();
  for (let i = from; i < to; i++) {
    await cache.store(key(question(i)), question(i), ANSWER, META);
    if (i % 2000 === 1999) await cache.flush();
  }
  await cache.flush();
  return (performance.now() - t) / (to - from);
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "preflight-cache-bench-"));
  const settings = { ...DEFAULT_CACHE_SETTINGS, maxEntries: 1_000_000 };
  const embedder = offlineEmbedder();
  const sql = await loadSqlJs();
  try {
    const cache = await openCache({ dir, settings, debounceMs: 3_600_000 });
    const rows: string[][] = [];
    const insertRows: string[][] = [];
    let size = 0;
    for (const target of [10_000, 100_000]) {
      // Insert cost at growing sizes: the average over each growth step, folds included.
      for (const step of target === 10_000 ? [1_000, 10_000] : [30_000, 100_000]) {
        const perInsert = await fill(cache, size, step);
        insertRows.push([String(step), ms(perInsert)]);
        size = step;
      }
      const paraphrase = (i: number) => question(i).replace("How do I", "How can I").replace(/\?$/, " please?");
      const probes = Array.from({ length: 200 }, (_, i) => (i * 7919) % target);
      const exact = await timeEach(probes.length, (i) => cache.lookup(key(question(probes[i]!)), question(probes[i]!)));
      const semantic = await timeEach(probes.length, (i) => cache.lookup(key(paraphrase(probes[i]!)), paraphrase(probes[i]!)));
      const miss = await timeEach(probes.length, (i) => cache.lookup(key(`How do I frobnicate widget ${i} in cobol?`), `How do I frobnicate widget ${i} in cobol?`));
      const semHits = (await Promise.all(probes.slice(0, 50).map((p) => cache.lookup(key(paraphrase(p)), paraphrase(p))))).filter((h) => h?.kind === "semantic").length;
      // Reference 1: brute-force cosine over every vector of the partition (same vectors, no word index).
      const brute = new VectorIndex();
      const part = partitionKey(key(question(0)), embedder.id);
      const vectors = await embedder.embed(Array.from({ length: target }, (_, i) => question(i)));
      vectors.forEach((v, i) => brute.add({ key: String(i), partition: part, vector: quantise(v), terms: [], createdAt: 0 }));
      const scan = await timeEach(50, async (i) => brute.scanAll(part, quantise((await embedder.embed([paraphrase(probes[i]!)]))[0]!)));
      // Reference 2: a raw sql.js primary-key query on the same database, no cache layer.
      await cache.flush();
      const raw = new sql.Database(readFileSync(join(dir, "cache.sqlite")));
      const stmt = raw.prepare("SELECT answer FROM entries WHERE key = ?");
      const rawQuery = await timeEach(probes.length, (i) => {
        stmt.bind([exactKey(key(question(probes[i]!)))]);
        stmt.step();
        stmt.get();
        stmt.reset();
      });
      stmt.free();
      raw.close();
      rows.push([String(target), ms(median(exact)), ms(median(semantic)), ms(p95(semantic)), ms(median(miss)), `${semHits}/50`, ms(median(scan)), ms(median(rawQuery))]);
    }
    await cache.flush();
    const stats = cache.stats();
    const bytes = stats.bytes;
    await cache.close();
    const coldT = performance.now();
    const cold = await openCache({ dir, settings, debounceMs: 3_600_000 });
    const coldMs = performance.now() - coldT;
    const coldEntries = cold.stats().entries;
    const firstT = performance.now();
    const first = await cold.lookup(key(question(12_345).replace("How do I", "How can I")), question(12_345).replace("How do I", "How can I"));
    const firstLookupMs = performance.now() - firstT;
    const foldT = performance.now();
    await cold.compact();
    const foldMs = performance.now() - foldT;
    await cold.close();
    const rawT = performance.now();
    new sql.Database(readFileSync(join(dir, "cache.sqlite"))).close();
    const rawOpenMs = performance.now() - rawT;

    console.log("\nSemantic cache: lookup latency, ms (median unless noted)");
    console.table(rows.map(([n, e, s, s95, m, h, b, r]) => ({ entries: n, exact: e, semantic: s, "semantic p95": s95, miss: m, "semantic hits": h, "ref: brute-force scan": b, "ref: raw sql.js query": r })));
    console.log("Insert cost (ms per insert, averaged over growth to N, flush every 2000, journal folds included)");
    console.table(insertRows.map(([n, c]) => ({ "grown to": n, "ms/insert": c })));
    console.log("Size and cold open");
    console.table([{ entries: stats.entries, "bytes on disk": bytes, "bytes/entry": Math.round(bytes / stats.entries), "answer bytes/entry": ANSWER.length, "cold open ms": Math.round(coldMs), "entries after open": coldEntries, "first lookup after open ms": Math.round(firstLookupMs * 100) / 100, "first lookup kind": first?.kind ?? "miss", "snapshot fold ms": Math.round(foldMs), "ref: raw sql.js open ms": Math.round(rawOpenMs) }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void run();
