/**
 * The semantic cache: exact lookup by request hash (an lru-cache in front of sql.js), then a
 * semantic lookup in the same partition whose best candidates must pass the intent gate.
 * Entries expire after the TTL, the least recently used are evicted past `maxEntries`, and
 * every change goes through the DiskStore journal so processes sharing a folder stay in step.
 */
import { LRUCache } from "lru-cache";
import type { Database } from "sql.js";
import { DiskStore } from "./diskStore";
import { offlineEmbedder, type Embedder } from "./embedder";
import { compareIntent } from "./gate";
import { exactKey, partitionKey, type CacheKeyInput } from "./keys";
import { hasOtherTemplateVersions, quantise, readEntry, readStats, ZERO_STATS, type CacheEntry, type Change, type Op, type StatCounters } from "./records";
import type { CacheSettings } from "./settings";
import { analyse, type Analysis } from "./text";
import { VectorIndex } from "./vectorIndex";

export type CacheHit = { kind: "exact" | "semantic"; similarity: number; entry: CacheEntry };
export type StoreMeta = { provider: string; model: string; inputTokens: number; outputTokens: number; costUsd: number | null };
export type CacheStats = StatCounters & {
  entries: number;
  hits: number;
  hitRate: number;
  bytes: number;
  embedder: string;
};

export interface SemanticCache {
  readonly embedderId: string;
  readonly dir: string;
  lookup(key: CacheKeyInput, question: string, opts?: { semantic?: boolean }): Promise<CacheHit | null>;
  store(key: CacheKeyInput, question: string, answer: string, meta: StoreMeta): Promise<void>;
  /** Applies new threshold, TTL and size settings (a different embedder needs a new cache). */
  configure(settings: CacheSettings): void;
  /** Counts a request that was not served from the cache. */
  recordMiss(): void;
  /**
   * Drops entries of `templateId` rendered by a version other than `liveVersions` (the current
   * version, or every version of an A/B test); returns how many. Writes nothing when there is
   * nothing to drop.
   */
  invalidateTemplate(templateId: string, liveVersions: string | readonly string[]): number;
  stats(): CacheStats;
  clear(): Promise<void>;
  flush(): Promise<void>;
  /** Folds the journal into a new snapshot now (otherwise done once the journal is large). */
  compact(): Promise<void>;
  close(): Promise<void>;
}

export type OpenCacheOptions = {
  dir: string;
  embedder?: Embedder;
  settings: CacheSettings;
  log?(m: string): void;
  /** Injected clock (tests); defaults to Date.now. */
  now?(): number;
  /** Delay before queued writes are flushed; 0 flushes on the next tick. */
  debounceMs?: number;
  /** Journal size below which it is never folded into a new snapshot. */
  compactMinBytes?: number;
};

/** Canonical words a question is indexed under (the same words the gate compares). */
export function indexTerms(question: string, analysis: Analysis = analyse(question)): string[] {
  return [...new Set([...analysis.meaning, ...analysis.context])];
}

const MAX_QUEUED = 256;

export async function openCache(opts: OpenCacheOptions): Promise<SemanticCache> {
  const log = opts.log ?? (() => undefined);
  const now = opts.now ?? Date.now;
  const embedder = opts.embedder ?? offlineEmbedder();
  let settings = opts.settings;
  let ttlMs = settings.ttlHours * 3_600_000;
  const index = new VectorIndex();
  const hot = new LRUCache<string, CacheEntry>({ max: 512 });
  let pendingStats: StatCounters = { ...ZERO_STATS };
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();

  const follow = (change: Change) => {
    if (change.put) {
      index.add(change.put);
      hot.delete(change.put.key);
    }
    for (const key of change.deleted ?? []) {
      index.remove(key);
      hot.delete(key);
    }
  };
  /**
   * Rebuilds the index after a load: from the packed index written with the snapshot when it
   * matches the snapshot's generation (a few blob reads), otherwise (a file from schema
   * version 2) from every row; then what the load applied on top of the snapshot.
   */
  const rebuild = (s: DiskStore) => {
    index.clear();
    hot.clear();
    const packs = s.db.exec("SELECT partition, dims, keys, vectors, norms, created, terms, counts, ids FROM index_pack WHERE generation = ?", [s.snapshotGeneration]);
    const rows = packs[0]?.values ?? [];
    for (const r of rows) {
      index.loadPack({
        partition: String(r[0]), dims: Number(r[1]), keys: String(r[2]), vectors: r[3] as Uint8Array, norms: r[4] as Uint8Array,
        created: r[5] as Uint8Array, terms: String(r[6]), counts: r[7] as Uint8Array, ids: r[8] as Uint8Array,
      });
    }
    if (rows.length === 0) {
      const stmt = s.db.prepare("SELECT key, partition, vector, terms, created_at FROM entries");
      try {
        while (stmt.step()) {
          const r = stmt.get();
          const blob = r[2] as Uint8Array;
          const terms = String(r[3]);
          index.add({ key: String(r[0]), partition: String(r[1]), vector: new Int8Array(blob.buffer, blob.byteOffset, blob.byteLength), terms: terms === "" ? [] : terms.split(" "), createdAt: Number(r[4]) });
        }
      } finally {
        stmt.free();
      }
    }
    for (const change of s.loadChanges) follow(change);
  };
  const packIndex = (db: Database, generation: string) => {
    db.run("DELETE FROM index_pack");
    for (const p of index.pack()) {
      db.run("INSERT INTO index_pack (partition, generation, dims, keys, vectors, norms, created, terms, counts, ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        p.partition, generation, p.dims, p.keys, p.vectors, p.norms, p.created, p.terms, p.counts, p.ids,
      ]);
    }
  };

  let store!: DiskStore;
  store = await DiskStore.open(opts.dir, log, { onChange: follow, onReset: () => rebuild(store), beforeSnapshot: packIndex }, opts.compactMinBytes);
  rebuild(store);

  const record = (op: Op) => {
    follow(store.record(op));
    schedule();
  };
  const schedule = () => {
    if (timer !== undefined) return;
    const delay = store.pendingCount >= MAX_QUEUED ? 0 : (opts.debounceMs ?? 500);
    timer = setTimeout(() => {
      timer = undefined;
      void flush().catch((err: unknown) => log(`The cache could not be saved: ${(err as Error).message}`));
    }, delay);
    timer.unref?.();
  };
  const purgeExpired = () => {
    const rows = store.db.exec("SELECT key FROM entries WHERE created_at < ?", [now() - ttlMs]);
    for (const [key] of rows[0]?.values ?? []) record({ op: "del", key: String(key) });
  };
  const evict = () => {
    const excess = index.size - settings.maxEntries;
    if (excess <= 0) return;
    const rows = store.db.exec("SELECT key FROM entries ORDER BY last_used_at ASC LIMIT ?", [excess]);
    for (const [key] of rows[0]?.values ?? []) record({ op: "del", key: String(key) });
  };
  const flush = (): Promise<void> => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    flushing = flushing.then(async () => {
      purgeExpired();
      if (Object.values(pendingStats).some((v) => v !== 0)) {
        const delta = pendingStats;
        pendingStats = { ...ZERO_STATS };
        store.record({ op: "stat", delta });
      }
      if (store.pendingCount > 0) await store.flush();
    });
    return flushing;
  };
  const count = (delta: Partial<StatCounters>) => {
    for (const [k, v] of Object.entries(delta)) pendingStats[k as keyof StatCounters] += v;
    schedule();
  };
  const serve = (entry: CacheEntry, kind: CacheHit["kind"], similarity: number): CacheHit => {
    record({ op: "touch", key: entry.key, at: now() });
    count({
      [kind === "exact" ? "hitsExact" : "hitsSemantic"]: 1,
      tokensSaved: entry.inputTokens + entry.outputTokens,
      usdSaved: entry.costUsd ?? 0,
    });
    return { kind, similarity, entry };
  };

  purgeExpired();

  return {
    embedderId: embedder.id,
    dir: opts.dir,
    async lookup(key, question, lookupOpts = {}) {
      store.refresh();
      const minCreatedAt = now() - ttlMs;
      const k = exactKey(key);
      const exact = hot.get(k) ?? readEntry(store.db, k);
      if (exact && exact.createdAt >= minCreatedAt) {
        hot.set(k, exact);
        return serve(exact, "exact", 1);
      }
      if (lookupOpts.semantic === false || question.trim() === "") return null;
      let vector: Int8Array;
      try {
        vector = quantise((await embedder.embed([question]))[0]!);
      } catch (err) {
        log(`Semantic cache lookup skipped: the embedder ${embedder.id} failed (${(err as Error).message}).`);
        return null;
      }
      const partition = partitionKey(key, embedder.id);
      const asked = analyse(question);
      const found = index.search(partition, vector, indexTerms(question, asked), { threshold: settings.similarityThreshold, limit: 5, maxCandidates: 2000, minCreatedAt });
      for (const { key: candidate, similarity } of found) {
        const entry = hot.get(candidate) ?? readEntry(store.db, candidate);
        if (entry && compareIntent(analyse(entry.question), asked, similarity).ok) return serve(entry, "semantic", similarity);
      }
      return null;
    },
    async store(key, question, answer, meta) {
      let vector: Int8Array;
      try {
        vector = quantise((await embedder.embed([question]))[0]!);
      } catch (err) {
        log(`The cache stored an answer for exact reuse only: the embedder ${embedder.id} failed (${(err as Error).message}).`);
        vector = new Int8Array(embedder.dimensions);
      }
      const at = now();
      const entry: CacheEntry = {
        key: exactKey(key), partition: partitionKey(key, embedder.id), templateId: key.templateId, templateVersion: key.templateVersion,
        question, answer, provider: meta.provider, model: meta.model, inputTokens: meta.inputTokens, outputTokens: meta.outputTokens,
        costUsd: meta.costUsd, vector, terms: indexTerms(question), createdAt: at, lastUsedAt: at,
      };
      record({ op: "put", entry });
      evict();
    },
    configure(next) {
      if (next === settings) return;
      settings = next;
      ttlMs = next.ttlHours * 3_600_000;
      evict();
    },
    recordMiss() {
      count({ misses: 1 });
    },
    invalidateTemplate(templateId, liveVersions) {
      const keepVersions = typeof liveVersions === "string" ? [liveVersions] : [...liveVersions];
      if (keepVersions.length === 0) return 0;
      store.refresh();
      if (!hasOtherTemplateVersions(store.db, templateId, keepVersions)) return 0;
      const before = index.size;
      record({ op: "dropTemplate", templateId, keepVersions });
      return before - index.size;
    },
    stats() {
      store.refresh();
      const s = readStats(store.db);
      for (const k of Object.keys(s) as (keyof StatCounters)[]) s[k] += pendingStats[k];
      const hits = s.hitsExact + s.hitsSemantic;
      const sizes = store.sizes();
      return { ...s, hits, hitRate: hits + s.misses === 0 ? 0 : hits / (hits + s.misses), entries: index.size, bytes: sizes.snapshotBytes + sizes.journalBytes, embedder: embedder.id };
    },
    async clear() {
      await flush();
      await store.clear(true);
    },
    flush,
    async compact() {
      await flush();
      await store.compact();
    },
    async close() {
      await flush();
      await store.close();
    },
  };
}
