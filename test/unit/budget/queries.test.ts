import assert from "node:assert/strict";
import { dashboardData, listRequests, percentile, statusBar } from "../../../server/src/budget/queries";
import { manualClock, openLedger, sandbox, type Sandbox } from "./helpers";

describe("budget queries", () => {
  let box: Sandbox | undefined;
  afterEach(() => {
    box?.cleanup();
    box = undefined;
  });

  it("computes nearest-rank percentiles", () => {
    assert.equal(percentile([], 95), null);
    assert.equal(percentile([5], 95), 5);
    assert.equal(percentile(Array.from({ length: 100 }, (_, i) => 100 - i), 95), 95);
    assert.equal(percentile([1, 2, 3, 4], 50), 2);
  });

  async function seeded() {
    box = sandbox({ dailyUsd: 5, monthlyUsd: 50, onExceed: "block", emergency: false });
    const clock = manualClock(Date.UTC(2026, 4, 20, 12));
    const ledger = await openLedger(box!, { now: clock.now, timeZone: "UTC" });
    const add = async (id: string, usd: number, model: string, extra: Record<string, unknown> = {}) => {
      await ledger.reserve(id, [{ model, estimateUsd: 1 }]);
      await ledger.settle({ requestId: id, usd, model, latencyMs: 1000, templateId: "ask", templateVersion: "1", cache: "miss", ...extra });
    };
    clock.set(Date.UTC(2026, 4, 18, 9));
    await add("old", 1, "openai:gpt-4o", { latencyMs: 3000 });
    clock.set(Date.UTC(2026, 4, 20, 9));
    await add("a", 0.3, "openai:gpt-4o-mini", { latencyMs: 800 });
    await add("b", 0.12, "openai:gpt-4o-mini", { latencyMs: 1800, templateVersion: "2" });
    await add("c", 0, "openai:gpt-4o-mini", { latencyMs: 5, cache: "hit", savedUsd: 0.3 });
    await ledger.reserve("failed", [{ model: "openai:gpt-4o", estimateUsd: 1 }]);
    await ledger.release("failed", "failed: 500");
    clock.set(Date.UTC(2026, 4, 20, 12));
    return ledger;
  }

  it("renders the status bar text, tooltip and level", async () => {
    const ledger = await seeded();
    const bar = statusBar(ledger);
    assert.equal(bar.text, "$0.42 / $5.00 · p95 1.8 s");
    assert.equal(bar.level, "normal");
    assert.match(bar.tooltip, /Today: \$0\.42 of \$5\.00 · 3 requests/);
    assert.match(bar.tooltip, /This month: \$1\.42 of \$50\.00/);
    assert.match(bar.tooltip, /Cache saved today: \$0\.30/);
    await ledger.reserve("big", [{ model: "m", estimateUsd: 4 }]);
    await ledger.settle({ requestId: "big", usd: 3.8, model: "m" });
    assert.equal(statusBar(ledger).level, "warning");
    ledger.close();
  });

  it("builds the dashboard data: 30 days, models, templates, cache, latency, requests", async () => {
    const ledger = await seeded();
    const d = dashboardData(ledger);
    assert.equal(d.days.length, 30);
    assert.equal(d.days[29]!.day, "2026-05-20");
    assert.deepEqual({ ...d.days[29]!, costUsd: Number(d.days[29]!.costUsd.toFixed(6)) }, { day: "2026-05-20", costUsd: 0.42, requests: 3, cacheHits: 1, savedUsd: 0.3, p50Ms: 800, p95Ms: 1800 });
    assert.equal(d.days[27]!.p95Ms, 3000);
    assert.equal(d.days[28]!.requests, 0);
    assert.deepEqual(d.byModel.map((m) => m.model), ["openai:gpt-4o", "openai:gpt-4o-mini"]);
    assert.deepEqual(d.byTemplate.map((t) => `${t.templateId}@${t.templateVersion}:${t.requests}`).sort(), ["ask@1:3", "ask@2:1"]);
    assert.deepEqual(d.cache, { hits: 1, savedUsd: 0.3 });
    assert.equal(d.requestsTotal, 5);
    assert.deepEqual(d.requests.map((r) => r.id).sort(), ["a", "b", "c", "failed", "old"]);
    assert.equal(d.requests[4]!.id, "old");
    assert.ok(d.requests.every((r, i) => i === 0 || d.requests[i - 1]!.ts >= r.ts), "newest first");
    assert.equal(d.requests.find((r) => r.id === "failed")!.releaseReason, "failed: 500");
    ledger.close();
  });

  it("filters the requests list", async () => {
    const ledger = await seeded();
    assert.deepEqual(listRequests(ledger, { cache: "hit" }).rows.map((r) => r.id), ["c"]);
    assert.deepEqual(listRequests(ledger, { status: "released" }).rows.map((r) => r.id), ["failed"]);
    assert.deepEqual(listRequests(ledger, { model: "openai:gpt-4o", status: "settled" }).rows.map((r) => r.id), ["old"]);
    assert.deepEqual(listRequests(ledger, { since: Date.UTC(2026, 4, 19) , minCostUsd: 0.1 }).rows.map((r) => r.id).sort(), ["a", "b"]);
    const limited = listRequests(ledger, { limit: 2 });
    assert.equal(limited.rows.length, 2);
    assert.equal(limited.total, 5);
    ledger.close();
  });
});
