import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { badRate, OUTCOMES_FILE, OutcomeStore, shouldRollBack, type Outcome } from "../../../server/src/prompts/outcomes";
import { TemplateRegistry } from "../../../server/src/prompts/registry";
import { passThrough } from "./helpers";

const stats = (requests: number, errors: number, negative = 0, truncations = 0) => ({ requests, errors, truncations, positive: 0, negative });
const policy = { margin: 0.1, minSamples: 20 };

describe("prompts: outcomes and rollback", () => {
  it("computes the bad rate from errors, truncations and thumbs down", () => {
    assert.equal(badRate(stats(10, 1, 1, 1)), 0.3);
    assert.equal(badRate(stats(0, 0)), 0);
    assert.equal(badRate(stats(2, 2, 2)), 1, "capped at 1");
  });

  it("rolls back just above the margin and not at or below it", () => {
    const base = stats(100, 10);
    assert.equal(shouldRollBack(stats(100, 21), base, policy), true, "0.21 - 0.10 > 0.1");
    assert.equal(shouldRollBack(stats(100, 20), base, policy), false, "0.20 - 0.10 is not above 0.1");
    assert.equal(shouldRollBack(stats(100, 15), base, policy), false);
  });

  it("waits for the minimum number of samples on both sides", () => {
    assert.equal(shouldRollBack(stats(19, 19), stats(100, 0), policy), false);
    assert.equal(shouldRollBack(stats(20, 19), stats(100, 0), policy), true);
    assert.equal(shouldRollBack(stats(100, 100), stats(19, 0), policy), false);
  });

  describe("in the registry", () => {
    let dir: string;
    let registry: TemplateRegistry;
    const v2 = "---\nid: chat\nversion: 2\n---\nShort answers.\n";
    const record = (version: string, outcome: Outcome, times: number) => {
      for (let i = 0; i < times; i++) registry.recordOutcome("chat", version, outcome);
    };

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), "preflight-outcomes-"));
      registry = new TemplateRegistry({ storeDir: dir, redact: passThrough, rollback: policy });
      await registry.loadAll();
      registry.reloadFile(join(dir, ".preflight/prompts/chat.md"), v2);
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("rolls the new version back to the previous one and stops assigning it", async () => {
      record("1", "ok", 18);
      record("1", "error", 2);
      record("2", "ok", 15);
      record("2", "negative", 4);
      record("2", "error", 4);
      assert.equal(registry.info(registry.get("chat", "2")!).rolledBack, false, "19 samples is below the minimum");
      record("2", "truncated", 1);
      // Version 2: 20 requests, 5 bad + 4 thumbs down = 0.45 against 0.10.
      assert.equal(registry.info(registry.get("chat", "2")!).rolledBack, true);
      for (let i = 0; i < 100; i++) assert.equal(registry.select("chat", `c${i}`).version, "1");
      assert.equal(registry.get("chat")?.version, "1");
      await registry.outcomes.flush();
      const saved = JSON.parse(readFileSync(join(dir, OUTCOMES_FILE), "utf8"));
      assert.equal(saved.rolledBack["chat@2"].to, "1");
      assert.equal(saved.stats["chat@2"].requests, 20);
      const reopened = new OutcomeStore(dir);
      await reopened.load();
      assert.ok(reopened.rolledBack("chat", "2"), "the rollback survives a restart");
    });

    it("keeps a version whose rate is within the margin", () => {
      record("1", "ok", 18);
      record("1", "error", 2);
      record("2", "ok", 16);
      record("2", "error", 4);
      assert.equal(registry.info(registry.get("chat", "2")!).rolledBack, false, "0.20 vs 0.10 is not above the margin");
      const seen = new Set(Array.from({ length: 200 }, (_, i) => registry.select("chat", `c${i}`).version));
      assert.deepEqual([...seen].sort(), ["1", "2"]);
    });

    it("never rolls back the first version (there is no baseline)", () => {
      record("1", "error", 50);
      assert.equal(registry.info(registry.get("chat", "1")!).rolledBack, false);
    });
  });

  it("adds up counts from two stores on the same workspace instead of overwriting", async () => {
    const dir = mkdtempSync(join(tmpdir(), "preflight-outcomes-"));
    const a = new OutcomeStore(dir);
    const b = new OutcomeStore(dir);
    await a.load();
    await b.load();
    for (let i = 0; i < 3; i++) a.record("chat", "1", "ok");
    b.record("chat", "1", "error");
    b.record("chat", "1", "negative");
    await Promise.all([a.flush(), b.flush()]);
    a.record("chat", "1", "truncated");
    await a.flush();
    const saved = JSON.parse(readFileSync(join(dir, OUTCOMES_FILE), "utf8"));
    assert.deepEqual(saved.stats["chat@1"], { requests: 5, errors: 1, truncations: 1, positive: 0, negative: 1 });
    assert.equal(a.get("chat", "1").requests, 5, "a flush picks up the other writer's counts");
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes outcomes in a batch off the request path, not once per request; flush writes them now", async () => {
    const dir = mkdtempSync(join(tmpdir(), "preflight-outcomes-"));
    const store = new OutcomeStore(dir);
    await store.load();
    store.record("chat", "1", "ok");
    store.record("chat", "1", "error");
    // Let any write already chained on the store's queue run: none may have started yet.
    for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
    assert.equal(existsSync(join(dir, OUTCOMES_FILE)), false, "no write per recorded outcome");
    await store.flush();
    const saved = JSON.parse(readFileSync(join(dir, OUTCOMES_FILE), "utf8"));
    assert.deepEqual(saved.stats["chat@1"], { requests: 2, errors: 1, truncations: 0, positive: 0, negative: 0 });
    rmSync(dir, { recursive: true, force: true });
  });

  it("sets a corrupt outcomes file aside and says so", async () => {
    const dir = mkdtempSync(join(tmpdir(), "preflight-outcomes-"));
    writeFileSync(join(dir, OUTCOMES_FILE), "{not json");
    const store = new OutcomeStore(dir);
    assert.match((await store.load()) ?? "", /unreadable.*moved it/);
    assert.equal(store.get("chat", "1").requests, 0);
    rmSync(dir, { recursive: true, force: true });
  });
});
