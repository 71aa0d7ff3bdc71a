import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sandbox, manualClock, openLedger, type Sandbox } from "./helpers";

describe("budget ledger", () => {
  let box: Sandbox;
  afterEach(() => box.cleanup());

  it("reserves, settles with the real cost and frees the rest", async () => {
    box = sandbox({ dailyUsd: 1, monthlyUsd: 10, onExceed: "block" });
    const ledger = await openLedger(box);
    const r = await ledger.reserve("a", [{ model: "openai:gpt-4o-mini", estimateUsd: 0.4 }]);
    assert.equal(r.ok, true);
    assert.equal(ledger.view().reservedTotal(), 0.4);
    const s = await ledger.settle({ requestId: "a", usd: 0.1, model: "openai:gpt-4o-mini" });
    assert.equal(s.alreadySettled, false);
    assert.equal(ledger.view().reservedTotal(), 0);
    assert.equal(ledger.view().daySpent(ledger.now()), 0.1);
    ledger.close();
  });

  it("settles a request id once, however often settle is called", async () => {
    box = sandbox({ dailyUsd: 1 });
    const ledger = await openLedger(box);
    await ledger.reserve("a", [{ model: "m", estimateUsd: 0.2 }]);
    await ledger.settle({ requestId: "a", usd: 0.15, model: "m" });
    const again = await ledger.settle({ requestId: "a", usd: 0.15, model: "m" });
    assert.equal(again.alreadySettled, true);
    const retry = await ledger.reserve("a", [{ model: "m", estimateUsd: 0.2 }]);
    assert.ok(retry.ok && retry.alreadySettled);
    assert.equal(ledger.view().daySpent(ledger.now()), 0.15);
    const settles = readFileSync(join(ledger.dir, "ledger.jsonl"), "utf8").split("\n").filter((l) => l.includes('"op":"settle"'));
    assert.equal(settles.length, 1);
    ledger.close();
  });

  it("releases a failed request's reservation so it no longer counts", async () => {
    box = sandbox({ dailyUsd: 1 });
    const ledger = await openLedger(box);
    await ledger.reserve("a", [{ model: "m", estimateUsd: 0.9 }]);
    const refused = await ledger.reserve("b", [{ model: "m", estimateUsd: 0.2 }]);
    assert.equal(refused.ok, false);
    assert.equal(await ledger.release("a", "provider failed"), true);
    assert.equal(await ledger.release("a", "again"), false);
    assert.equal((await ledger.reserve("b", [{ model: "m", estimateUsd: 0.2 }])).ok, true);
    ledger.close();
  });

  it("blocks with a message naming the budget, the amounts and how to raise it", async () => {
    box = sandbox({ dailyUsd: 0.5, monthlyUsd: 100, onExceed: "block" });
    const ledger = await openLedger(box);
    await ledger.reserve("a", [{ model: "m", estimateUsd: 0.3 }]);
    await ledger.settle({ requestId: "a", usd: 0.3, model: "m" });
    const r = await ledger.reserve("b", [{ model: "m", estimateUsd: 0.25 }]);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.refusal.budget, "daily");
    assert.match(r.message, /daily budget/);
    assert.match(r.message, /\$0\.30 of \$0\.50/);
    assert.match(r.message, /Preflight: Set Workspace Budget/);
    assert.match(r.message, /preflight budget set --workspace .* --daily-usd/);
    ledger.close();
  });

  it("checks the monthly budget too", async () => {
    box = sandbox({ dailyUsd: null, monthlyUsd: 0.2 });
    const ledger = await openLedger(box);
    const r = await ledger.reserve("a", [{ model: "m", estimateUsd: 0.25 }]);
    assert.ok(!r.ok && r.refusal.budget === "monthly");
    ledger.close();
  });

  it("warn sends anyway and says so", async () => {
    box = sandbox({ dailyUsd: 0.1, onExceed: "warn", emergency: false });
    const ledger = await openLedger(box);
    const r = await ledger.reserve("a", [{ model: "m", estimateUsd: 0.25 }]);
    assert.ok(r.ok && r.action === "warned");
    assert.match(r.notes.join(" "), /daily budget/);
    ledger.close();
  });

  it("downgrade picks the cheapest model of the chain that fits", async () => {
    box = sandbox({ dailyUsd: 0.1, onExceed: "downgrade", emergency: false });
    const ledger = await openLedger(box);
    const chain = [
      { model: "openai:gpt-4o", estimateUsd: 0.5 },
      { model: "anthropic:claude-haiku", estimateUsd: 0.05 },
      { model: "openai:gpt-4o-mini", estimateUsd: 0.01 },
    ];
    const r = await ledger.reserve("a", chain);
    assert.ok(r.ok && r.action === "downgraded");
    if (!r.ok) return;
    assert.deepEqual(r.order, [2, 1]);
    assert.equal(r.reservedUsd, 0.05);
    assert.match(r.notes.join(" "), /gpt-4o-mini/);
    const none = await ledger.reserve("b", [{ model: "x", estimateUsd: 0.5 }]);
    assert.equal(none.ok, false);
    ledger.close();
  });

  it("reserves the most expensive model of the chain, since a fallback may use it", async () => {
    box = sandbox({ dailyUsd: 1 });
    const ledger = await openLedger(box);
    const r = await ledger.reserve("a", [{ model: "cheap", estimateUsd: 0.1 }, { model: "dear", estimateUsd: 0.3 }]);
    assert.ok(r.ok && r.reservedUsd === 0.3);
    ledger.close();
  });

  it("releases reservations of dead processes on open", async () => {
    box = sandbox({ dailyUsd: 1 });
    const dead = await openLedger(box, { pid: 999_999, isAlive: () => true });
    await dead.reserve("lost", [{ model: "m", estimateUsd: 0.7 }]);
    dead.close();
    const alive = await openLedger(box, { isAlive: (pid) => pid !== 999_999 });
    assert.equal(alive.view().reservedTotal(), 0);
    assert.equal(alive.view().entries.get("lost")?.status, "released");
    alive.close();
  });

  it("keeps reservations of live processes on open", async () => {
    box = sandbox({ dailyUsd: 1 });
    const other = await openLedger(box, { pid: 999_998, isAlive: () => true });
    await other.reserve("busy", [{ model: "m", estimateUsd: 0.7 }]);
    const mine = await openLedger(box, { isAlive: () => true });
    assert.equal(mine.view().reservedTotal(), 0.7);
    other.close();
    mine.close();
  });

  it("uses the user-level default for a workspace without its own budget", async () => {
    box = sandbox();
    const { writeDefaultBudget } = await import("../../../server/src/budget/config");
    writeDefaultBudget(box.home, { dailyUsd: 2, onExceed: "warn" });
    const ledger = await openLedger(box, { now: manualClock(Date.UTC(2026, 0, 1)).now });
    assert.deepEqual(ledger.budget(), { source: "default", config: { dailyUsd: 2, monthlyUsd: 50, onExceed: "warn", emergency: true } });
    ledger.close();
  });
});

describe("budget ledger and free or unpriced models", () => {
  let box: Sandbox;
  afterEach(() => box.cleanup());

  it("lets a known-free model through an exhausted budget but not a model of unknown price", async () => {
    box = sandbox({ dailyUsd: 0, onExceed: "block", emergency: false });
    const ledger = await openLedger(box);
    const free = await ledger.reserve("free", [{ model: "demo:preflight-demo", estimateUsd: 0 }]);
    assert.equal(free.ok, true);
    const unknown = await ledger.reserve("unknown", [{ model: "compatible:llama", estimateUsd: null }]);
    assert.equal(unknown.ok, false);
    if (!unknown.ok) assert.match(unknown.message, /price of this model is unknown/);
    ledger.close();
  });
});

describe("ledger lock", () => {
  let box: Sandbox;
  afterEach(() => box.cleanup());

  it("breaks a lock left by a dead process and removes its temp files", async () => {
    box = sandbox({ dailyUsd: 1 });
    const first = await openLedger(box);
    const { writeFileSync, existsSync } = await import("node:fs");
    const lock = join(first.dir, "ledger.lock");
    const temp = `${lock}.999999.${"ab".repeat(12)}`;
    writeFileSync(lock, JSON.stringify({ pid: 999_999, token: "dead" }));
    writeFileSync(temp, JSON.stringify({ pid: 999_999, token: "dead" }));
    const second = await openLedger(box, { isAlive: (pid) => pid !== 999_999 });
    assert.equal(existsSync(temp), false);
    assert.equal((await second.reserve("a", [{ model: "m", estimateUsd: 0.1 }])).ok, true);
    assert.equal(existsSync(lock), false);
    first.close();
    second.close();
  });

  it("waits for a live holder and gives up with a sentence naming it", async () => {
    box = sandbox({ dailyUsd: 1 });
    const ledger = await openLedger(box, { lockTimeoutMs: 50 });
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(ledger.dir, "ledger.lock"), JSON.stringify({ pid: process.ppid, token: "live" }));
    await assert.rejects(ledger.reserve("a", [{ model: "m", estimateUsd: 0.1 }]), new RegExp(`locked by process ${process.ppid}`));
    ledger.close();
  });
});
