/**
 * Ledger figures (not a test): reserve+settle per second in one process, cold open and query
 * times over a 10,000-request journal, next to a reference measured in the same run (a plain
 * append+fsync of the same number of lines, the floor any durable journal pays).
 * Run: npx tsx test/unit/budget/ledgerBench.ts
 */
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeWorkspaceBudget } from "../../../server/src/budget/config";
import { Ledger } from "../../../server/src/budget/ledger";
import { dashboardData, spendSummary, statusBar } from "../../../server/src/budget/queries";

const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

export async function run(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), "preflight-ledger-bench-"));
  const home = join(root, "home");
  const workspace = join(root, "ws");
  writeWorkspaceBudget(home, workspace, { dailyUsd: null, monthlyUsd: null, emergency: false });
  const N = 1000;
  let t = Date.now() - 30 * 86_400_000;
  const ledger = await Ledger.open({ workspaceDir: workspace, home, now: () => t });
  let start = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    await ledger.reserve(`r${i}`, [{ model: "openai:gpt-4o-mini", estimateUsd: 0.01 }]);
    await ledger.settle({ requestId: `r${i}`, usd: 0.005, model: "openai:gpt-4o-mini", latencyMs: 900 });
  }
  // Settlements are fsync'd in the background (group commit); count the time until all are on disk.
  await ledger.flush();
  const reserveSettle = ms(start);
  const fd = openSync(join(root, "reference.jsonl"), "a");
  start = process.hrtime.bigint();
  for (let i = 0; i < 2 * N; i++) {
    writeSync(fd, `{"op":"reference","id":"r${i}","ts":${Date.now()},"usd":0.005,"model":"openai:gpt-4o-mini"}\n`);
    fsyncSync(fd);
  }
  const reference = ms(start);
  closeSync(fd);
  // Grow the journal to 10,000 requests over 30 days for the query figures.
  for (let i = N; i < 10_000; i++) {
    t += 250_000;
    await ledger.reserve(`r${i}`, [{ model: i % 2 ? "openai:gpt-4o" : "anthropic:claude-sonnet-4-5", estimateUsd: 0.01 }]);
    await ledger.settle({ requestId: `r${i}`, usd: 0.004, model: i % 2 ? "openai:gpt-4o" : "anthropic:claude-sonnet-4-5", latencyMs: 500 + (i % 2000), templateId: "ask", templateVersion: String(i % 3) });
  }
  ledger.close();
  start = process.hrtime.bigint();
  const cold = await Ledger.open({ workspaceDir: workspace, home, now: () => t });
  cold.view();
  const open = ms(start);
  start = process.hrtime.bigint();
  const dash = dashboardData(cold);
  const dashMs = ms(start);
  start = process.hrtime.bigint();
  statusBar(cold);
  const barMs = ms(start);
  start = process.hrtime.bigint();
  spendSummary(cold);
  const spendMs = ms(start);
  cold.close();
  rmSync(root, { recursive: true, force: true });
  console.table([
    { measure: `${N} reserve+settle (settles group-fsync'd, until all on disk)`, ms: reserveSettle.toFixed(0), perRequestMs: (reserveSettle / N).toFixed(2) },
    { measure: `reference: ${2 * N} plain append+fsync`, ms: reference.toFixed(0), perRequestMs: ((2 * reference) / (2 * N)).toFixed(2) },
    { measure: "cold open + read 10,000-request journal", ms: open.toFixed(1), perRequestMs: "" },
    { measure: `dashboardData (${dash.requestsTotal} requests, 30 days)`, ms: dashMs.toFixed(1), perRequestMs: "" },
    { measure: "statusBar", ms: barMs.toFixed(1), perRequestMs: "" },
    { measure: "spendSummary", ms: spendMs.toFixed(1), perRequestMs: "" },
  ]);
}

if (require.main === module) void run();
