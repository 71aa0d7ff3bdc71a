import assert from "node:assert/strict";
import { manualClock, openLedger, sandbox, type Sandbox } from "./helpers";

describe("budget alerts", () => {
  let box: Sandbox;
  afterEach(() => box.cleanup());

  async function spend(ledger: Awaited<ReturnType<typeof openLedger>>, id: string, usd: number) {
    await ledger.reserve(id, [{ model: "m", estimateUsd: usd }]);
    return (await ledger.settle({ requestId: id, usd, model: "m" })).alerts;
  }

  it("alerts at 50, 80 and 100 % once each per day, across processes", async () => {
    box = sandbox({ dailyUsd: 1, monthlyUsd: 1000, onExceed: "warn", emergency: false });
    const clock = manualClock(Date.UTC(2026, 4, 5, 9));
    const a = await openLedger(box, { now: clock.now, timeZone: "UTC" });
    const b = await openLedger(box, { now: clock.now, timeZone: "UTC", pid: 4_000_001, isAlive: () => true });
    assert.deepEqual(await spend(a, "1", 0.3), []);
    const fifty = await spend(a, "2", 0.25);
    assert.deepEqual(fifty.map((x) => [x.period, x.threshold]), [["day", 50]]);
    assert.match(fifty[0]!.message, /50% of this workspace's daily budget is used \(\$0\.55 of \$1\.00\)/);
    assert.deepEqual(await spend(b, "3", 0.1), [], "another process does not repeat the 50 % alert");
    assert.deepEqual((await spend(b, "4", 0.2)).map((x) => x.threshold), [80]);
    const full = await spend(a, "5", 0.3);
    assert.deepEqual(full.map((x) => x.threshold), [100]);
    assert.match(full[0]!.message, /Set Workspace Budget/);
    assert.deepEqual(await spend(a, "6", 0.3), []);
    clock.advance(24 * 3600 * 1000);
    assert.deepEqual((await spend(b, "7", 0.9)).map((x) => x.threshold), [80], "a new day alerts again; one notification for the highest");
    a.close();
    b.close();
  });

  it("alerts on the monthly budget separately", async () => {
    box = sandbox({ dailyUsd: null, monthlyUsd: 10, onExceed: "warn", emergency: false });
    const ledger = await openLedger(box, { timeZone: "UTC" });
    const alerts = await spend(ledger, "1", 5);
    assert.deepEqual(alerts.map((x) => [x.period, x.threshold]), [["month", 50]]);
    ledger.close();
  });
});
