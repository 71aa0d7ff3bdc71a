import assert from "node:assert/strict";
import { compose } from "../../../server/src/pipeline/context";
import { enforceBudget, type BudgetState } from "../../../server/src/pipeline/stages/budget";
import { ErrorCode } from "../../../shared/src/errors";
import { PipelineError } from "../../../server/src/errors";
import type { ModelRef } from "../../../shared/src/settings";
import { makeCtx, result } from "./pipelineCtx";
import { openLedger, sandbox, type Sandbox } from "./helpers";

const DEAR: ModelRef = { provider: "openai", model: "gpt-4o" };
const CHEAP: ModelRef = { provider: "openai", model: "gpt-4o-mini" };
const PRICES: Record<string, number | null> = { "gpt-4o": 0.2, "gpt-4o-mini": 0.02, local: null };
const maxCost = (ref: ModelRef) => PRICES[ref.model] ?? null;

describe("budget stage", () => {
  let box: Sandbox;
  afterEach(() => box.cleanup());

  it("blocks before the provider with BudgetExceeded and the ledger's sentence", async () => {
    box = sandbox({ dailyUsd: 0.1, onExceed: "block", emergency: false });
    const ledger = await openLedger(box);
    let called = false;
    const run = compose([enforceBudget({ ledger, maxCost })], async () => ((called = true), result(DEAR, 0.1)));
    await assert.rejects(run(makeCtx([DEAR])), (err: unknown) => {
      assert.ok(err instanceof PipelineError);
      assert.equal(err.code, ErrorCode.BudgetExceeded);
      assert.match(err.message, /daily budget .* preflight budget set/);
      assert.equal(err.details?.budget, "daily");
      return true;
    });
    assert.equal(called, false);
    ledger.close();
  });

  it("downgrade rewrites ctx.route and says so", async () => {
    box = sandbox({ dailyUsd: 0.1, onExceed: "downgrade", emergency: false });
    const ledger = await openLedger(box);
    let routeSeen: ModelRef[] = [];
    const run = compose([enforceBudget({ ledger, maxCost })], async (ctx) => ((routeSeen = ctx.route), result(ctx.route[0]!, 0.01)));
    const ctx = makeCtx([DEAR, CHEAP]);
    await run(ctx);
    assert.deepEqual(routeSeen, [CHEAP]);
    const downgraded = ctx.events.find((e) => e.type === "budget" && e.action === "downgraded");
    assert.ok(downgraded && downgraded.type === "budget" && /gpt-4o-mini/.test(downgraded.detail ?? ""));
    ledger.close();
  });

  it("warn proceeds with a warned event", async () => {
    box = sandbox({ dailyUsd: 0.1, onExceed: "warn", emergency: false });
    const ledger = await openLedger(box);
    const run = compose([enforceBudget({ ledger, maxCost })], async (ctx) => result(ctx.route[0]!, 0.15));
    const ctx = makeCtx([DEAR]);
    await run(ctx);
    assert.deepEqual(ctx.events.map((e) => (e.type === "budget" ? e.action : e.type)), ["reserved", "warned", "settled"]);
    ledger.close();
  });

  it("settles the real cost, records the details and returns alerts", async () => {
    box = sandbox({ dailyUsd: 0.2, onExceed: "block", emergency: false });
    const ledger = await openLedger(box);
    const alerts: number[] = [];
    const run = compose([enforceBudget({ ledger, maxCost, onAlerts: (a) => alerts.push(...a.map((x) => x.threshold)) })], async () => result(CHEAP, 0.015));
    const ctx = makeCtx([CHEAP]);
    await run(ctx);
    // The settlement is written just after the answer; flush() waits for it (and its fsync).
    await ledger.flush();
    const settled = ledger.view().entries.get(ctx.requestId)?.settled;
    assert.equal(settled?.usd, 0.015);
    assert.equal(settled?.model, "openai:gpt-4o-mini");
    assert.equal(settled?.usage?.outputTokens, 20);
    assert.equal(settled?.cache, "miss");
    assert.equal(typeof settled?.latencyMs, "number");
    const run2 = compose([enforceBudget({ ledger, maxCost })], async () => result(CHEAP, 0.09));
    const ctx2 = makeCtx([CHEAP]);
    await run2(ctx2);
    const outcome = await (ctx2.state.get("budget") as BudgetState).settled;
    assert.equal(outcome?.alreadySettled, false);
    assert.deepEqual((ctx2.state.get("budget") as BudgetState).alerts.map((a) => a.threshold), [50]);
    assert.deepEqual(alerts, []);
    ledger.close();
  });

  it("releases the reservation when the request fails, and rethrows", async () => {
    box = sandbox({ dailyUsd: 1 });
    const ledger = await openLedger(box);
    const boom = new PipelineError(ErrorCode.ProviderUnavailable, "down");
    const run = compose([enforceBudget({ ledger, maxCost })], async () => {
      assert.equal(ledger.view().reservedTotal(), 0.2);
      throw boom;
    });
    const ctx = makeCtx([DEAR]);
    await assert.rejects(run(ctx), (err) => err === boom);
    assert.equal(ledger.view().reservedTotal(), 0);
    assert.equal(ledger.view().entries.get(ctx.requestId)?.status, "released");
    assert.ok(ctx.events.some((e) => e.type === "budget" && e.action === "released"));
    ledger.close();
  });

  it("settles at the estimate and flags it when the provider's price is unknown", async () => {
    box = sandbox({ dailyUsd: 1 });
    const ledger = await openLedger(box);
    const run = compose([enforceBudget({ ledger, maxCost })], async () => result(CHEAP, null));
    const ctx = makeCtx([CHEAP]);
    await run(ctx);
    await ledger.flush();
    const settled = ledger.view().entries.get(ctx.requestId)?.settled;
    assert.equal(settled?.usd, 0.02);
    assert.equal(settled?.priceUnknown, true);
    assert.ok(ctx.events.some((e) => e.type === "budget" && e.action === "settled" && /unknown/.test(e.detail ?? "")));
    ledger.close();
  });

  it("records what a cache hit saved", async () => {
    box = sandbox({ dailyUsd: 1 });
    const ledger = await openLedger(box);
    const run = compose([enforceBudget({ ledger, maxCost, costOf: () => 0.004 })], async () => result(CHEAP, 0, "hit"));
    const ctx = makeCtx([CHEAP]);
    await run(ctx);
    await ledger.flush();
    const settled = ledger.view().entries.get(ctx.requestId)?.settled;
    assert.equal(settled?.usd, 0);
    assert.equal(settled?.savedUsd, 0.004);
    ledger.close();
  });
});

describe("cache savings stage", () => {
  let box: Sandbox;
  afterEach(() => box.cleanup());

  it("records a cache hit as a free request with what it saved, once", async () => {
    box = sandbox({ dailyUsd: 1 });
    const ledger = await openLedger(box);
    const { recordCacheSavings } = await import("../../../server/src/pipeline/stages/budget");
    const savings = recordCacheSavings({ ledger, savedUsd: () => 0.007 });
    const hit = compose([savings], async () => result(CHEAP, 0, "hit"));
    const ctx = makeCtx([CHEAP]);
    await hit(ctx);
    await ledger.flush();
    const entry = ledger.view().entries.get(ctx.requestId);
    assert.equal(entry?.status, "settled");
    assert.equal(entry?.settled?.usd, 0);
    assert.equal(entry?.settled?.savedUsd, 0.007);
    assert.equal(entry?.settled?.cache, "hit");
    // A miss passes through to the budget stage, which settles it; savings adds nothing.
    const miss = compose([savings, enforceBudget({ ledger, maxCost })], async () => result(CHEAP, 0.01));
    const ctx2 = makeCtx([CHEAP]);
    await miss(ctx2);
    await ledger.flush();
    assert.equal(ledger.view().settled.filter((r) => r.id === ctx2.requestId).length, 1);
    assert.equal(ledger.view().entries.get(ctx2.requestId)?.settled?.savedUsd, undefined);
    ledger.close();
  });
});
