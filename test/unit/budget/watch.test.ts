import assert from "node:assert/strict";
import { watchLedger } from "../../../server/src/budget/watch";
import { openLedger, sandbox, type Sandbox } from "./helpers";

describe("ledger watch", () => {
  let box: Sandbox;
  afterEach(() => box.cleanup());

  it("notifies when another process-equivalent appends to the journal", async () => {
    box = sandbox({ dailyUsd: 1 });
    const mine = await openLedger(box);
    const other = await openLedger(box, { pid: 4_100_000, isAlive: () => true });
    const changed = new Promise<void>((resolve) => {
      const sub = watchLedger(mine, () => {
        sub.dispose();
        resolve();
      }, 10);
    });
    await other.reserve("x", [{ model: "m", estimateUsd: 0.1 }]);
    await changed;
    assert.equal(mine.view().reservedTotal(), 0.1);
    mine.close();
    other.close();
  });
});
