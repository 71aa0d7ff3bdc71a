import assert from "node:assert/strict";
import { lastDays, makePeriods } from "../../../server/src/budget/periods";
import { manualClock, openLedger, sandbox, type Sandbox } from "./helpers";

describe("budget periods in the local time zone", () => {
  it("puts day and month boundaries at local midnight", () => {
    const ny = makePeriods("America/New_York");
    // 04:30 UTC on 1 March is 23:30 on 28 February in New York (EST, UTC-5).
    assert.equal(ny.dayKey(Date.UTC(2026, 2, 1, 4, 30)), "2026-02-28");
    assert.equal(ny.monthKey(Date.UTC(2026, 2, 1, 4, 30)), "2026-02");
    assert.equal(ny.dayKey(Date.UTC(2026, 2, 1, 5, 30)), "2026-03-01");
    const kolkata = makePeriods("Asia/Kolkata");
    // UTC+5:30: local midnight is 18:30 UTC.
    assert.equal(kolkata.dayKey(Date.UTC(2026, 5, 10, 18, 29)), "2026-06-10");
    assert.equal(kolkata.dayKey(Date.UTC(2026, 5, 10, 18, 31)), "2026-06-11");
  });

  it("finds the next local midnight, also on a daylight-saving day", () => {
    const ny = makePeriods("America/New_York");
    // 8 March 2026 has 23 hours in New York; midnight after it is 04:00 UTC on 9 March (EDT).
    assert.equal(ny.endOfDay(Date.UTC(2026, 2, 8, 12)), Date.UTC(2026, 2, 9, 4));
    assert.equal(ny.endOfDay(Date.UTC(2026, 2, 7, 12)), Date.UTC(2026, 2, 8, 5));
    assert.equal(makePeriods("UTC").endOfDay(Date.UTC(2026, 0, 31, 23, 59)), Date.UTC(2026, 1, 1));
  });

  it("lists the last days across a DST change without gaps or repeats", () => {
    const days = lastDays(makePeriods("Europe/Berlin"), Date.UTC(2026, 2, 31, 12), 30);
    assert.equal(days.length, 30);
    assert.equal(days[0], "2026-03-02");
    assert.equal(days[29], "2026-03-31");
    assert.equal(new Set(days).size, 30);
  });

  describe("the ledger", () => {
    let box: Sandbox;
    afterEach(() => box.cleanup());

    it("starts a new daily budget at local midnight, not UTC midnight", async () => {
      box = sandbox({ dailyUsd: 1, monthlyUsd: 100, emergency: false });
      const clock = manualClock(Date.UTC(2026, 5, 10, 18, 0)); // 23:30 in Kolkata
      const ledger = await openLedger(box, { now: clock.now, timeZone: "Asia/Kolkata" });
      await ledger.reserve("a", [{ model: "m", estimateUsd: 0.9 }]);
      await ledger.settle({ requestId: "a", usd: 0.9, model: "m" });
      assert.equal((await ledger.reserve("b", [{ model: "m", estimateUsd: 0.2 }])).ok, false);
      clock.set(Date.UTC(2026, 5, 10, 18, 45)); // 00:15 the next local day, still 10 June in UTC
      assert.equal(ledger.view().daySpent(clock.now()), 0);
      assert.equal(ledger.view().monthSpent(clock.now()), 0.9);
      assert.equal((await ledger.reserve("b", [{ model: "m", estimateUsd: 0.2 }])).ok, true);
      ledger.close();
    });

    it("starts a new monthly budget on the first local day of the month", async () => {
      box = sandbox({ dailyUsd: null, monthlyUsd: 1, emergency: false });
      const clock = manualClock(Date.UTC(2026, 2, 1, 4, 30)); // 23:30 on 28 Feb in New York
      const ledger = await openLedger(box, { now: clock.now, timeZone: "America/New_York" });
      await ledger.reserve("a", [{ model: "m", estimateUsd: 1 }]);
      await ledger.settle({ requestId: "a", usd: 1, model: "m" });
      assert.equal((await ledger.reserve("b", [{ model: "m", estimateUsd: 0.1 }])).ok, false);
      clock.set(Date.UTC(2026, 2, 1, 5, 30));
      assert.equal((await ledger.reserve("b", [{ model: "m", estimateUsd: 0.1 }])).ok, true);
      ledger.close();
    });
  });
});
