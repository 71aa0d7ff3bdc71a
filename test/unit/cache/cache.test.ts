import { strict as assert } from "node:assert";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import initSqlJs from "sql.js";
import { offlineEmbedder } from "../../../server/src/cache/embedder";
import { exactKey, partitionKey } from "../../../server/src/cache/keys";
import { decodeOp, quantise } from "../../../server/src/cache/records";
import { indexTerms } from "../../../server/src/cache/semanticCache";
import { findSqlWasm } from "../../../server/src/cache/sqlWasm";
import { migrate, SCHEMA_VERSION } from "../../../server/src/cache/schema";
import { keyFor, META, open, put, settings, tempDir } from "./helpers/fixtures";

describe("cache: lookups", () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.remove());

  it("serves an exact repeat with similarity 1 and counts the savings", async () => {
    const c = await open(t.dir);
    await put(c, "How do I delete a local git branch?", "git branch -d NAME");
    const hit = await c.lookup(keyFor("How do I delete a local git branch?"), "How do I delete a local git branch?");
    assert.equal(hit?.kind, "exact");
    assert.equal(hit?.similarity, 1);
    assert.equal(hit?.entry.answer, "git branch -d NAME");
    const s = c.stats();
    assert.equal(s.hitsExact, 1);
    assert.equal(s.tokensSaved, META.inputTokens + META.outputTokens);
    assert.equal(s.usdSaved, META.costUsd);
    await c.close();
  });

  it("serves a paraphrase semantically with the original question", async () => {
    const c = await open(t.dir);
    await put(c, "How do I delete a local git branch?", "git branch -d NAME");
    const q = "How can I remove a local branch in git?";
    const hit = await c.lookup(keyFor(q), q);
    assert.equal(hit?.kind, "semantic");
    assert.ok(hit!.similarity >= settings().similarityThreshold && hit!.similarity < 1);
    assert.equal(hit?.entry.question, "How do I delete a local git branch?");
    await c.close();
  });

  for (const [kind, stored, asked] of [
    ["scope", "How do I delete a local git branch?", "How do I delete a remote git branch?"],
    ["negation", "How do I enable CORS in Express?", "How do I disable CORS in Express?"],
    ["version", "How do I define a validator in pydantic v1?", "How do I define a validator in pydantic v2?"],
    ["direction", "How do I convert an int to a string in Python?", "How do I convert a string to an int in Python?"],
    ["number", "How do I run a cron job every 5 minutes?", "How do I run a cron job every 5 hours?"],
    ["constraint", "How do I retry failed requests with axios?", "How do I retry failed requests with axios, but only on 5xx?"],
  ] as const) {
    it(`refuses a near-miss that differs in ${kind}`, async () => {
      const c = await open(t.dir);
      await put(c, stored, "answer");
      assert.equal(await c.lookup(keyFor(asked), asked), null);
      await c.close();
    });
  }

  it("keeps partitions apart: model, temperature, template version, system prompt, history, provider", async () => {
    const c = await open(t.dir);
    const q = "How do I delete a local git branch?";
    await put(c, q, "answer");
    const variants = [
      keyFor(q, { model: "gpt-4o" }),
      keyFor(q, { temperature: 0.7 }),
      keyFor(q, { templateVersion: "2" }),
      keyFor(q, { templateId: "review" }),
      keyFor(q, { system: "Answer in French." }),
      keyFor(q, { history: [{ role: "user", content: "I use Windows." }, { role: "assistant", content: "Noted." }] }),
      keyFor(q, { provider: "anthropic" }),
      keyFor(q, { params: { maxTokens: 64 } }),
    ];
    for (const key of variants) {
      assert.notEqual(exactKey(key), exactKey(keyFor(q)));
      assert.equal(await c.lookup(key, q), null, JSON.stringify(key).slice(0, 200));
      assert.equal(await c.lookup(key, "How can I remove a local branch in git?"), null);
    }
    assert.ok(await c.lookup(keyFor(q), q));
    await c.close();
  });

  it("invalidates a template's older versions", async () => {
    const c = await open(t.dir);
    await put(c, "question one", "a1", { templateId: "review", templateVersion: "1" });
    await put(c, "question two", "a2", { templateId: "review", templateVersion: "2" });
    await put(c, "question three", "a3", { templateId: "chat", templateVersion: "1" });
    assert.equal(c.invalidateTemplate("review", "2"), 1);
    assert.equal(await c.lookup(keyFor("question one", { templateId: "review", templateVersion: "1" }), "question one"), null);
    assert.ok(await c.lookup(keyFor("question two", { templateId: "review", templateVersion: "2" }), "question two"));
    assert.ok(await c.lookup(keyFor("question three"), "question three"));
    assert.equal(c.invalidateTemplate("review", "2"), 0, "nothing stale left");
    await put(c, "question four", "a4", { templateId: "review", templateVersion: "3" });
    assert.equal(c.invalidateTemplate("review", ["2", "3"]), 0, "both A/B versions are live");
    assert.equal(c.invalidateTemplate("review", ["3"]), 1);
    await c.close();
    // Journal lines written before the live-versions list (one keepVersion) still replay.
    assert.deepEqual(decodeOp('{"op":"dropTemplate","templateId":"review","keepVersion":"2"}'), { op: "dropTemplate", templateId: "review", keepVersions: ["2"] });
  });
});

describe("cache: expiry, eviction, clear", () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.remove());

  it("expires entries after the TTL (injected clock), also across a reopen", async () => {
    let now = 1_000_000;
    const c = await open(t.dir, { settings: settings({ ttlHours: 1 }), now: () => now });
    await put(c, "How do I delete a local git branch?", "answer");
    now += 59 * 60_000;
    assert.ok(await c.lookup(keyFor("How do I delete a local git branch?"), "How do I delete a local git branch?"));
    now += 2 * 60_000;
    assert.equal(await c.lookup(keyFor("How do I delete a local git branch?"), "How do I delete a local git branch?"), null);
    assert.equal(await c.lookup(keyFor("How can I remove a local branch in git?"), "How can I remove a local branch in git?"), null);
    await c.close();
    const again = await open(t.dir, { settings: settings({ ttlHours: 1 }), now: () => now });
    assert.equal(again.stats().entries, 0);
    await again.close();
  });

  it("evicts the least recently used entries beyond maxEntries", async () => {
    let now = 0;
    const c = await open(t.dir, { settings: settings({ maxEntries: 3 }), now: () => ++now });
    for (const q of ["alpha question", "bravo question", "charlie question"]) await put(c, q, q);
    assert.ok(await c.lookup(keyFor("alpha question"), "alpha question"));
    await put(c, "delta question", "delta");
    assert.equal(c.stats().entries, 3);
    assert.equal(await c.lookup(keyFor("bravo question"), "bravo question"), null, "bravo was least recently used");
    for (const q of ["alpha question", "charlie question", "delta question"]) assert.ok(await c.lookup(keyFor(q), q), q);
    await c.close();
    const again = await open(t.dir, { now: () => now });
    assert.equal(again.stats().entries, 3);
    await again.close();
  });

  it("clears entries for every process and keeps the statistics", async () => {
    const c = await open(t.dir);
    const other = await open(t.dir);
    await put(c, "How do I delete a local git branch?", "answer");
    await c.lookup(keyFor("How do I delete a local git branch?"), "How do I delete a local git branch?");
    await c.flush();
    assert.equal(other.stats().entries, 1);
    await c.clear();
    assert.equal(c.stats().entries, 0);
    assert.equal(c.stats().hitsExact, 1);
    assert.equal(other.stats().entries, 0);
    assert.equal(await other.lookup(keyFor("How do I delete a local git branch?"), "How do I delete a local git branch?"), null);
    await Promise.all([c.close(), other.close()]);
  });
});

describe("cache: persistence", () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.remove());

  it("batches writes into the journal and folds them into an atomic snapshot", async () => {
    const c = await open(t.dir, { compactMinBytes: 4096 });
    await put(c, "first question here", "a");
    assert.deepEqual(readdirSync(t.dir).filter((f) => f.startsWith("cache-")), [], "nothing is written before the flush");
    await c.flush();
    assert.equal(readdirSync(t.dir).filter((f) => f.endsWith(".journal")).length, 1);
    assert.ok(!existsSync(join(t.dir, "cache.sqlite")), "a small journal is not folded yet");
    for (let i = 0; i < 20; i++) await put(c, `question number ${i}`, "y".repeat(400));
    await c.flush();
    assert.ok(existsSync(join(t.dir, "cache.sqlite")), "a large journal is folded into a snapshot");
    assert.deepEqual(readdirSync(t.dir).filter((f) => f.includes(".tmp-")), []);
    await c.close();
    const again = await open(t.dir);
    assert.equal(again.stats().entries, 21);
    assert.equal((await again.lookup(keyFor("question number 7"), "question number 7"))?.entry.answer, "y".repeat(400));
    await again.close();
  });

  it("moves a corrupt snapshot aside with a clear message and recovers the journal written after it", async () => {
    const c = await open(t.dir, { compactMinBytes: 1 });
    await put(c, "How do I delete a local git branch?", "in snapshot");
    await c.flush();
    await c.close();
    const d = await open(t.dir, { compactMinBytes: 1 << 30 });
    await put(d, "How do I rebase onto main?", "in journal");
    await d.close();
    writeFileSync(join(t.dir, "cache.sqlite"), "this is not a database at all, just garbage bytes ".repeat(100));
    const messages: string[] = [];
    const e = await open(t.dir, { log: (m) => messages.push(m) });
    assert.equal(messages.length, 1);
    assert.match(messages[0]!, /could not be read .* moved to .*corrupt.* fresh cache/);
    const aside = readdirSync(t.dir).filter((f) => f.includes(".corrupt-"));
    assert.equal(aside.length, 1);
    assert.match(readFileSync(join(t.dir, aside[0]!), "utf8"), /garbage/);
    assert.equal((await e.lookup(keyFor("How do I rebase onto main?"), "How do I rebase onto main?"))?.entry.answer, "in journal");
    await put(e, "a new question", "works");
    await e.close();
    const f = await open(t.dir);
    assert.ok(await f.lookup(keyFor("a new question"), "a new question"));
    await f.close();
  });

  it("ignores what a killed writer left half-done: a torn journal line and a temp snapshot", async () => {
    const c = await open(t.dir);
    await put(c, "question one", "1");
    await c.flush();
    const journal = join(t.dir, readdirSync(t.dir).find((f) => f.endsWith(".journal"))!);
    const whole = readFileSync(journal, "utf8");
    writeFileSync(journal, whole + whole.slice(0, 40));
    writeFileSync(join(t.dir, "cache.sqlite.tmp-999999"), "half a snapshot");
    const other = await open(t.dir, { compactMinBytes: 1 << 30 });
    assert.equal(other.stats().entries, 1, "the torn line is not read");
    await put(other, "question two", "2");
    await other.flush();
    assert.equal(readFileSync(journal, "utf8").split("\n").filter((l) => l !== "").length, 2, "the torn tail was cut before appending");
    await c.flush();
    assert.ok(await c.lookup(keyFor("question two"), "question two"), "the first process reads the second's entry");
    await Promise.all([c.close(), other.close()]);
    const folded = await open(t.dir, { compactMinBytes: 1 });
    await put(folded, "question three", "3");
    await folded.close();
    assert.deepEqual(readdirSync(t.dir).filter((f) => f.includes(".tmp-")), [], "a fold removes leftover temp files");
    const again = await open(t.dir);
    assert.equal(again.stats().entries, 3);
    await again.close();
  });

  it("moves a truncated snapshot aside", async () => {
    const c = await open(t.dir, { compactMinBytes: 1 });
    for (let i = 0; i < 30; i++) await put(c, `question ${i}`, "z".repeat(3000));
    await c.close();
    const file = join(t.dir, "cache.sqlite");
    writeFileSync(file, readFileSync(file).subarray(0, 40_000));
    const messages: string[] = [];
    const again = await open(t.dir, { log: (m) => messages.push(m) });
    assert.match(messages.join("\n"), /could not be read \(database disk image is truncated/);
    assert.equal(again.stats().entries, 0);
    await again.close();
  });

  it("skips an unreadable journal line and keeps the others", async () => {
    const c = await open(t.dir);
    await put(c, "question one", "1");
    await c.flush();
    const journal = readdirSync(t.dir).find((f) => f.endsWith(".journal"))!;
    writeFileSync(join(t.dir, journal), readFileSync(join(t.dir, journal), "utf8") + "{not json\n");
    await put(c, "question two", "2");
    await c.close();
    const messages: string[] = [];
    const again = await open(t.dir, { log: (m) => messages.push(m) });
    assert.equal(again.stats().entries, 2);
    assert.match(messages.join("\n"), /Skipped 1 unreadable line/);
    await again.close();
  });

  it("cold-opens from the packed index written with the snapshot, plus the journal written after it", async () => {
    const A = "How do I delete a local git branch?";
    const B = "How do I rename a column in pandas?";
    const D = "How do I list running Docker containers?";
    const c1 = await open(t.dir, { compactMinBytes: 0 });
    await put(c1, A, "a");
    await put(c1, B, "b", { templateId: "review", templateVersion: "1" });
    await c1.flush();
    await c1.close();
    const SQL = await initSqlJs({ locateFile: (f: string) => join(findSqlWasm(), f) });
    const db = new SQL.Database(readFileSync(join(t.dir, "cache.sqlite")));
    const generation = String(db.exec("SELECT v FROM meta WHERE k = 'generation'")[0]!.values[0]![0]);
    const packed = db.exec("SELECT generation, keys FROM index_pack").flatMap((r) => r.values);
    assert.equal(packed.length, 2, "one packed row per partition (chat@1, review@1)");
    assert.ok(packed.every(([g]) => g === generation));
    assert.deepEqual(db.exec("SELECT DISTINCT length(vector) FROM entries")[0]!.values, [[0]], "vectors are not repeated in the rows");
    db.close();

    const c2 = await open(t.dir);
    await put(c2, D, "d");
    c2.invalidateTemplate("review", "2");
    await c2.flush();
    await c2.close();

    const c3 = await open(t.dir);
    assert.equal(c3.stats().entries, 2);
    const fromPack = await c3.lookup(keyFor("How can I remove a local branch in git?"), "How can I remove a local branch in git?");
    assert.equal(fromPack?.kind, "semantic");
    assert.equal(fromPack?.entry.answer, "a");
    const fromJournal = await c3.lookup(keyFor("How can I display running docker containers?"), "How can I display running docker containers?");
    assert.equal(fromJournal?.entry.answer, "d");
    assert.equal(await c3.lookup(keyFor(B, { templateId: "review", templateVersion: "1" }), B), null, "dropped after the snapshot");
    await c3.close();
  });

  it("cold-opens a version-2 file (vectors in the rows, no packed index) and serves it semantically", async () => {
    const SQL = await initSqlJs({ locateFile: (f: string) => join(findSqlWasm(), f) });
    const db = new SQL.Database();
    migrate(db, 2);
    const q = "How do I delete a local git branch?";
    const vector = quantise((await offlineEmbedder().embed([q]))[0]!);
    db.run(
      `INSERT INTO entries (key, partition, template_id, template_version, question, answer, provider, model, input_tokens, output_tokens, cost_usd, vector, created_at, last_used_at, terms)
       VALUES (?, ?, 'chat', '1', ?, 'v2 answer', 'openai', 'gpt-4o-mini', 1, 1, 0, ?, ?, ?, ?)`,
      [exactKey(keyFor(q)), partitionKey(keyFor(q), offlineEmbedder().id), q, new Uint8Array(vector.buffer), Date.now(), Date.now(), indexTerms(q).join(" ")],
    );
    writeFileSync(join(t.dir, "cache.sqlite"), db.export());
    db.close();
    const c = await open(t.dir);
    const hit = await c.lookup(keyFor("How can I remove a local branch in git?"), "How can I remove a local branch in git?");
    assert.equal(hit?.kind, "semantic");
    assert.equal(hit?.entry.answer, "v2 answer");
    await c.close();
  });

  it("migrates a version-1 file and refuses a file from a newer release", async () => {
    const SQL = await initSqlJs({ locateFile: (f: string) => join(findSqlWasm(), f) });
    const db = new SQL.Database();
    migrate(db, 1);
    db.run(
      `INSERT INTO entries (key, partition, template_id, template_version, question, answer, provider, model, input_tokens, output_tokens, cost_usd, vector, created_at, last_used_at)
       VALUES (?, 'p', 'chat', '1', 'old question', 'old answer', 'openai', 'gpt-4o-mini', 1, 1, 0, ?, ?, ?)`,
      [exactKey(keyFor("old question")), new Uint8Array(512), Date.now(), Date.now()],
    );
    writeFileSync(join(t.dir, "cache.sqlite"), db.export());
    const c = await open(t.dir);
    assert.equal((await c.lookup(keyFor("old question"), "old question"))?.entry.answer, "old answer");
    await c.close();
    db.run("UPDATE meta SET v = ? WHERE k = 'schema_version'", [String(SCHEMA_VERSION + 5)]);
    writeFileSync(join(t.dir, "cache.sqlite"), db.export());
    const messages: string[] = [];
    const fresh = await open(t.dir, { log: (m) => messages.push(m) });
    assert.match(messages.join("\n"), /newer than this Preflight/);
    assert.equal(fresh.stats().entries, 0);
    await fresh.close();
  });
});
