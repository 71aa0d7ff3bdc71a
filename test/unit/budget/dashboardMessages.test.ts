import assert from "node:assert/strict";
import { dashboardJson, exportFileName, requestsCsv } from "../../../client/webview/dashboard/exportData";
import { isDashboardData, isDashboardToHost, isHostToDashboard } from "../../../client/webview/dashboard/validate";
import { dashboardData } from "../../../server/src/budget/queries";
import type { RequestRow } from "../../../server/src/budget/types";
import { openLedger, sandbox, type Sandbox } from "./helpers";

const ROW: RequestRow = {
  id: "r1", ts: Date.UTC(2026, 10, 25, 8, 30), day: "2026-11-25", model: "openai:gpt-4o-mini", status: "released",
  costUsd: 0, reservedUsd: 0.01, cache: null, templateId: "ask, \"quoted\"", templateVersion: "2", latencyMs: null, ttftMs: null,
  inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0, savedUsd: 0, priceUnknown: false, releaseReason: "=HYPERLINK(\"x\")",
};

describe("spend dashboard messages and export", () => {
  let box: Sandbox | undefined;
  afterEach(() => {
    box?.cleanup();
    box = undefined;
  });

  it("accepts the webview's well-formed messages and rejects others", () => {
    assert.ok(isDashboardToHost({ kind: "ready" }));
    assert.ok(isDashboardToHost({ kind: "request", id: "1", method: "spend/dashboard", params: { filter: { model: "m", cache: "hit", since: 5, limit: 100 } } }));
    assert.ok(isDashboardToHost({ kind: "request", id: "2", method: "spend/export", params: { format: "csv", fileName: "preflight-spend-2026-11-25.csv", content: "a" } }));
    assert.ok(!isDashboardToHost({ kind: "request", id: "3", method: "spend/export", params: { format: "csv", fileName: "../../etc/passwd", content: "a" } }));
    assert.ok(!isDashboardToHost({ kind: "request", id: "4", method: "spend/dashboard", params: { filter: { cache: "maybe" } } }));
    assert.ok(!isDashboardToHost({ kind: "request", id: "5", method: "spend/delete", params: {} }));
    assert.ok(!isDashboardToHost({ kind: "request", method: "spend/dashboard", params: { filter: {} } }));
  });

  it("accepts the host's well-formed messages and rejects others", () => {
    assert.ok(isHostToDashboard({ kind: "event", event: { type: "spend/changed" } }));
    assert.ok(isHostToDashboard({ kind: "response", id: "1", ok: true, result: {} }));
    assert.ok(isHostToDashboard({ kind: "response", id: "1", ok: false, error: { code: -32001, message: "no" } }));
    assert.ok(!isHostToDashboard({ kind: "event", event: { type: "chat/chunk" } }));
    assert.ok(!isHostToDashboard({ kind: "response", id: "1", ok: false, error: "no" }));
  });

  it("validates real dashboard data and rejects a broken one", async () => {
    box = sandbox({ dailyUsd: 5 });
    const ledger = await openLedger(box);
    await ledger.reserve("a", [{ model: "m", estimateUsd: 0.1 }]);
    await ledger.settle({ requestId: "a", usd: 0.05, model: "m", latencyMs: 900 });
    const data = JSON.parse(JSON.stringify(dashboardData(ledger)));
    assert.ok(isDashboardData(data));
    assert.ok(!isDashboardData({ ...data, days: [{ day: "2026-01-01" }] }));
    assert.ok(!isDashboardData({ ...data, requests: [{ ...data.requests[0], costUsd: "1" }] }));
    assert.equal(JSON.parse(dashboardJson(data)).requests[0].id, "a");
    ledger.close();
  });

  it("writes CSV with quoting, formula neutralising and one header row", () => {
    const csv = requestsCsv([ROW]);
    const lines = csv.trimEnd().split("\r\n");
    assert.equal(lines.length, 2);
    assert.ok(lines[0]!.startsWith("id,time,day,model,status,costUsd"));
    assert.match(lines[1]!, /^r1,2026-11-25T08:30:00\.000Z,2026-11-25,openai:gpt-4o-mini,released,0,0\.01,,0,"ask, ""quoted""",2,/);
    assert.ok(lines[1]!.endsWith(`,"'=HYPERLINK(""x"")"`));
    assert.equal(exportFileName("json", Date.UTC(2026, 10, 25)), "preflight-spend-2026-11-25.json");
  });
});
