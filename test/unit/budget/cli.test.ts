import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { PassThrough } from "node:stream";
import { budget } from "../../../server/src/cli/budget";
import { spend } from "../../../server/src/cli/spend";
import type { CliCommand } from "../../../server/src/cli/io";
import { workspaceBudgetPath } from "../../../server/src/budget/config";
import { openLedger, sandbox, type Sandbox } from "./helpers";

async function run(command: CliCommand, argv: string[], box: Sandbox): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c: Buffer) => (out += c.toString()));
  stderr.on("data", (c: Buffer) => (err += c.toString()));
  const code = await command({ argv, stdin: new PassThrough(), stdout, stderr, env: { PREFLIGHT_HOME: box.home }, cwd: box.workspace });
  return { code, stdout: out, stderr: err };
}

describe("preflight budget and spend", () => {
  let box: Sandbox;
  afterEach(() => box.cleanup());

  it("budget set writes user-level state, never into the workspace", async () => {
    box = sandbox();
    const r = await run(budget, ["set", "--workspace", box.workspace, "--daily-usd", "2.5", "--on-exceed", "downgrade"], box);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\$2\.50 per day, \$50\.00 per month; over budget: downgrade/);
    assert.ok(existsSync(workspaceBudgetPath(box.home, box.workspace)));
    assert.deepEqual(readdirSync(box.workspace), []);
    const show = await run(budget, ["show", "--workspace", box.workspace, "--json"], box);
    assert.deepEqual(JSON.parse(show.stdout), { dailyUsd: 2.5, monthlyUsd: 50, onExceed: "downgrade", emergency: true, source: "workspace" });
  });

  it("budget set --default applies to workspaces without their own budget", async () => {
    box = sandbox();
    assert.equal((await run(budget, ["set", "--default", "--monthly-usd", "none"], box)).code, 0);
    const show = await run(budget, ["show", "--workspace", box.workspace, "--json"], box);
    assert.equal(JSON.parse(show.stdout).monthlyUsd, null);
    assert.equal(JSON.parse(show.stdout).source, "default");
  });

  it("rejects malformed values with exit 2 and a sentence saying what to do", async () => {
    box = sandbox();
    for (const argv of [["set", "--daily-usd", "-1"], ["set", "--on-exceed", "explode"], ["set"], ["frobnicate"], ["set", "--daily-usd", "lots"]]) {
      const r = await run(budget, argv, box);
      assert.equal(r.code, 2, argv.join(" "));
      assert.match(r.stderr, /preflight: /);
    }
    assert.equal((await run(spend, ["--since", "2026-02-30"], box)).code, 2);
  });

  it("spend --json prints today, month, budget and byModel", async () => {
    box = sandbox({ dailyUsd: 5, monthlyUsd: 50, onExceed: "block" });
    const ledger = await openLedger(box);
    for (const [id, model, usd] of [["1", "openai:gpt-4o-mini", 0.25], ["2", "openai:gpt-4o-mini", 0.125], ["3", "anthropic:claude-sonnet-4-5", 0.5]] as const) {
      await ledger.reserve(id, [{ model, estimateUsd: 1 }]);
      await ledger.settle({ requestId: id, usd, model });
    }
    ledger.close();
    const r = await run(spend, ["--workspace", box.workspace, "--json"], box);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(json.today, { costUsd: 0.875, requests: 3 });
    assert.deepEqual(json.month, { costUsd: 0.875, requests: 3 });
    assert.deepEqual(json.budget, { dailyUsd: 5, monthlyUsd: 50, onExceed: "block", emergency: true, source: "workspace" });
    assert.deepEqual(json.byModel.map((m: { model: string; costUsd: number; requests: number }) => [m.model, m.costUsd, m.requests]), [
      ["anthropic:claude-sonnet-4-5", 0.5, 1],
      ["openai:gpt-4o-mini", 0.375, 2],
    ]);
    const since = JSON.parse((await run(spend, ["--workspace", box.workspace, "--json", "--since", "2000-01-01"], box)).stdout);
    assert.deepEqual({ ...since.since }, { from: "2000-01-01", costUsd: 0.875, requests: 3 });
    const text = await run(spend, ["--workspace", box.workspace], box);
    assert.match(text.stdout, /Today: +\$0\.88 in 3 requests/);
  });
});

describe("budget parameters from the editor", () => {
  it("validates a Set Workspace Budget change", async () => {
    const { budgetPatchFromParams } = await import("../../../server/src/budget/config");
    assert.deepEqual(budgetPatchFromParams({ dailyUsd: 3, monthlyUsd: null, onExceed: "warn" }), { dailyUsd: 3, monthlyUsd: null, onExceed: "warn" });
    assert.match(String(budgetPatchFromParams({ dailyUsd: -1 })), /dailyUsd must be/);
    assert.match(String(budgetPatchFromParams({ onExceed: "explode" })), /onExceed must be one of block, warn, downgrade/);
    assert.match(String(budgetPatchFromParams(null)), /must be an object/);
  });

  it("reads a dashboard filter from request params, dropping a malformed one", async () => {
    const { requestFilterOf } = await import("../../../server/src/budget/filter");
    assert.deepEqual(requestFilterOf({ filter: { model: "m", limit: 10 } }), { model: "m", limit: 10 });
    assert.deepEqual(requestFilterOf({ model: "m" }), { model: "m" });
    assert.deepEqual(requestFilterOf({ filter: { cache: "perhaps" } }), {});
    assert.deepEqual(requestFilterOf(undefined), {});
  });
});
