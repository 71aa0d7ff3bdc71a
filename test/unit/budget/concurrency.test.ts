import assert from "node:assert/strict";
import { compose } from "../../../server/src/pipeline/context";
import { enforceBudget } from "../../../server/src/pipeline/stages/budget";
import { ErrorCode } from "../../../shared/src/errors";
import { PipelineError } from "../../../server/src/errors";
import { makeCtx, result } from "./pipelineCtx";
import { openLedger, sandbox, type Sandbox } from "./helpers";
import { startWorker } from "./spawnWorker";

const DAILY = 0.5;
const ESTIMATE = 0.01;

/** The sum of settled costs in the journal, read by a fresh ledger. */
async function journalTotal(box: Sandbox): Promise<{ total: number; settled: number; outstanding: number }> {
  const ledger = await openLedger(box);
  const state = ledger.view();
  const total = state.settled.reduce((s, r) => s + r.usd, 0);
  const out = { total, settled: state.settled.length, outstanding: state.outstanding.size };
  ledger.close();
  return out;
}

describe("budget ledger under concurrency", function () {
  this.timeout(120_000);
  let box: Sandbox;
  afterEach(() => box.cleanup());

  it("24 processes at once never settle more than the budget plus one estimate", async () => {
    box = sandbox({ dailyUsd: DAILY, monthlyUsd: 100, onExceed: "block", emergency: false });
    const workers = Array.from({ length: 24 }, () =>
      startWorker({ PF_HOME: box.home, PF_WORKSPACE: box.workspace, PF_REQUESTS: "8", PF_ESTIMATE: String(ESTIMATE) }),
    );
    await Promise.all(workers.map((w) => w.exited));
    const lines = workers.flatMap((w) => w.lines);
    const settled = lines.filter((l) => l.settled !== undefined);
    const refused = lines.filter((l) => l.refused !== undefined);
    const called = new Set(lines.filter((l) => l.called !== undefined).map((l) => l.called));
    const reported = settled.reduce((s, l) => s + (l.cost ?? 0), 0);
    const journal = await journalTotal(box);
    assert.equal(lines.filter((l) => l.done).length, 24, "every worker finished");
    assert.ok(refused.length > 0, "the budget refused some requests");
    assert.ok(journal.total <= DAILY + ESTIMATE + 1e-9, `settled ${journal.total} > ${DAILY} + ${ESTIMATE}`);
    assert.ok(Math.abs(journal.total - reported) < 1e-9, `journal ${journal.total} != reported ${reported}`);
    assert.equal(journal.settled, settled.length);
    for (const r of refused) assert.ok(!called.has(r.refused), `refused ${r.refused} reached the provider`);
    assert.equal(called.size, settled.length, "only reserved requests reached the provider");
    assert.equal(journal.outstanding, 0);
  });

  it("100 concurrent requests in one process never settle more than the budget plus one estimate", async () => {
    box = sandbox({ dailyUsd: DAILY, monthlyUsd: 100, onExceed: "block", emergency: false });
    const ledger = await openLedger(box);
    const ref = { provider: "openai" as const, model: "gpt-4o-mini" };
    let calls = 0;
    const pipeline = compose([enforceBudget({ ledger, maxCost: () => ESTIMATE })], async () => {
      calls++;
      await new Promise((resolve) => setImmediate(resolve));
      return result(ref, Math.round(ESTIMATE * (0.5 + Math.random() / 2) * 1e6) / 1e6);
    });
    const outcomes = await Promise.allSettled(Array.from({ length: 100 }, () => pipeline(makeCtx([ref]))));
    const ok = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));
    const refused = outcomes.filter((o) => o.status === "rejected" && o.reason instanceof PipelineError && o.reason.code === ErrorCode.BudgetExceeded);
    assert.equal(ok.length + refused.length, 100);
    assert.ok(refused.length > 0);
    assert.equal(calls, ok.length);
    const reported = ok.reduce((s, r) => s + (r.costUsd ?? 0), 0);
    await ledger.flush();
    const journal = await journalTotal(box);
    assert.ok(journal.total <= DAILY + ESTIMATE + 1e-9);
    assert.ok(Math.abs(journal.total - reported) < 1e-9);
    assert.equal(journal.outstanding, 0);
    ledger.close();
  });

  it("kill -9 during settle, in a loop: no settled request lost, no reservation leaked", async () => {
    box = sandbox({ dailyUsd: 1000, monthlyUsd: 10_000, onExceed: "block", emergency: false });
    const acknowledged = new Map<string, number>();
    let interrupted = 0;
    for (let round = 0; round < 8; round++) {
      const worker = startWorker({ PF_HOME: box.home, PF_WORKSPACE: box.workspace, PF_REQUESTS: "0", PF_ESTIMATE: "0.01" });
      const killAfter = 1 + (round % 4);
      let settling = 0;
      worker.onLine((line) => {
        if (line.settled !== undefined) acknowledged.set(line.settled, line.cost ?? -1);
        if (line.settling !== undefined && ++settling === killAfter) worker.child.kill("SIGKILL");
      });
      await worker.exited;
      // A fresh process-equivalent opens the ledger: it must break the dead lock and reconcile.
      const ledger = await openLedger(box);
      const state = ledger.view();
      for (const [id, cost] of acknowledged) {
        const entry = state.entries.get(id);
        assert.equal(entry?.status, "settled", `settled request ${id} was lost`);
        assert.ok(Math.abs((entry?.settled?.usd ?? -1) - cost) < 1e-12);
      }
      assert.equal(state.outstanding.size, 0, "a reservation leaked");
      interrupted = [...state.entries.values()].filter((e) => e.releaseReason?.startsWith("stale")).length;
      ledger.close();
    }
    assert.ok(acknowledged.size >= 8);
    // The kill landed before the settle record was written in some rounds: their reservations were reconciled.
    assert.ok(interrupted > 0, "no round was killed mid-settle, so the test proved nothing");
  });
});
