import assert from "node:assert/strict";
import { manualClock, openLedger, sandbox, type Sandbox } from "./helpers";

const CHAIN = [
  { model: "openai:gpt-4o", estimateUsd: 0.1 },
  { model: "openai:gpt-4o-mini", estimateUsd: 0.01 },
];

describe("budget emergency mode", () => {
  let box: Sandbox;
  afterEach(() => box.cleanup());

  it("switches to the cheapest model when the last hour's rate would exhaust the day early", async () => {
    box = sandbox({ dailyUsd: 10, monthlyUsd: 1000, onExceed: "block", emergency: true });
    const clock = manualClock(Date.UTC(2026, 4, 5, 10)); // 10:00 UTC, 14 hours left
    const ledger = await openLedger(box, { now: clock.now, timeZone: "UTC" });
    const calm = await ledger.reserve("calm", CHAIN);
    assert.ok(calm.ok && calm.action === "reserved" && calm.order[0] === 0);
    await ledger.settle({ requestId: "calm", usd: 0.05, model: "openai:gpt-4o" });
    // $0.05 in the last hour: $9.95 left lasts far past midnight.
    const still = await ledger.reserve("still", CHAIN);
    assert.ok(still.ok && !still.emergency);
    await ledger.settle({ requestId: "still", usd: 2, model: "openai:gpt-4o" });
    // $2.05 in the last hour: $7.95 left lasts under 4 hours, before midnight.
    const hot = await ledger.reserve("hot", CHAIN);
    assert.ok(hot.ok && hot.emergency && hot.action === "downgraded");
    if (!hot.ok) return;
    assert.deepEqual(hot.order, [1]);
    assert.equal(hot.reservedUsd, 0.01);
    assert.match(hot.notes.join(" "), /Emergency mode: .*gpt-4o-mini/);
    ledger.close();
  });

  it("ends when the hot hour has passed", async () => {
    box = sandbox({ dailyUsd: 10, monthlyUsd: 1000, emergency: true });
    const clock = manualClock(Date.UTC(2026, 4, 5, 10));
    const ledger = await openLedger(box, { now: clock.now, timeZone: "UTC" });
    await ledger.reserve("a", CHAIN);
    await ledger.settle({ requestId: "a", usd: 3, model: "openai:gpt-4o" });
    clock.advance(61 * 60 * 1000);
    const later = await ledger.reserve("b", CHAIN);
    assert.ok(later.ok && !later.emergency && later.order[0] === 0);
    ledger.close();
  });

  it("is off when the budget turns it off", async () => {
    box = sandbox({ dailyUsd: 10, monthlyUsd: 1000, emergency: false });
    const clock = manualClock(Date.UTC(2026, 4, 5, 10));
    const ledger = await openLedger(box, { now: clock.now, timeZone: "UTC" });
    await ledger.reserve("a", CHAIN);
    await ledger.settle({ requestId: "a", usd: 3, model: "openai:gpt-4o" });
    const r = await ledger.reserve("b", CHAIN);
    assert.ok(r.ok && !r.emergency && r.order[0] === 0);
    ledger.close();
  });
});
