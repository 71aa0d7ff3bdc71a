import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { buildSync } from "esbuild";
import { startFakeProvider, type FakeProvider } from "../../fake-provider";
import { maxCostOf } from "../../../server/src/providers/pricing";
import { openLedger, sandbox, type Sandbox } from "./helpers";

const ROOT = join(__dirname, "..", "..", "..");
const DAILY = 0.01;
const MAX_TOKENS = 4000;

/** The real `preflight` CLI, bundled once like the shipped one, with sql-wasm.wasm beside it. */
function bundleCli(dir: string): string {
  const out = join(dir, "cli.js");
  buildSync({ entryPoints: [join(ROOT, "server/src/cli/main.ts")], bundle: true, platform: "node", format: "cjs", target: "node20", outfile: out, logLevel: "error" });
  copyFileSync(join(dirname(require.resolve("sql.js/dist/sql-wasm.wasm")), "sql-wasm.wasm"), join(dir, "sql-wasm.wasm"));
  return out;
}

type Run = { code: number | null; stdout: string; stderr: string };

function runCli(cli: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("budget with real CLI processes and the fake provider", function () {
  // Each run loads the whole CLI (about 2 s of CPU); 24 at once on a small, busy machine take minutes.
  this.timeout(600_000);
  let box: Sandbox;
  let fake: FakeProvider;
  let bundleDir: string | undefined;
  afterEach(async () => {
    await fake?.close();
    box?.cleanup();
    if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
  });

  it("24 concurrent `preflight chat` runs: refused ones never reach the provider, spend stays within budget + one estimate", async () => {
    box = sandbox({ dailyUsd: DAILY, monthlyUsd: 100, onExceed: "block", emergency: false });
    fake = await startFakeProvider();
    // Every answer reports 3,000 output tokens, so each costs about $0.0018 on gpt-4o-mini.
    fake.script(() => ({ kind: "ok", usage: { outputTokens: 3000 } }));
    bundleDir = mkdtempSync(join(tmpdir(), "preflight-budget-cli-"));
    const cli = bundleCli(bundleDir);
    const env = { PREFLIGHT_HOME: box.home, OPENAI_BASE_URL: fake.openaiBaseUrl, OPENAI_API_KEY: "sk-test-key" };
    const runs = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        runCli(cli, ["chat", `question number ${i}: what is ${i} + ${i}?`, "--model", "openai:gpt-4o-mini", "--max-tokens", String(MAX_TOKENS), "--no-cache", "--json", "--workspace", box.workspace], env),
      ),
    );
    // On a heavily loaded machine some runs can fail to open the semantic cache (its lock waits
    // at most 15 s) before they reach the budget stage; that is the cache's limit, reported to
    // its owner. Those runs never touch the ledger; every other run must be answered or refused.
    const cacheLocked = runs.filter((r) => r.code === 1 && /cache folder .* stayed locked/.test(r.stderr));
    for (const r of runs) assert.ok(r.code === 0 || r.code === 4 || cacheLocked.includes(r), `unexpected exit ${r.code}: ${r.stderr}`);
    assert.ok(runs.length - cacheLocked.length >= 8, `only ${runs.length - cacheLocked.length} of 24 runs got past the cache lock`);
    const ok = runs.filter((r) => r.code === 0).map((r) => JSON.parse(r.stdout) as { costUsd: number; requestId: string });
    const refused = runs.filter((r) => r.code === 4);
    assert.ok(ok.length > 0 && refused.length > 0, `${ok.length} answered, ${refused.length} refused`);
    for (const r of refused) assert.match(r.stderr, /daily budget would be exceeded/);
    assert.equal(fake.chatRequests().length, ok.length, "only reserved requests reached the provider");

    const ledger = await openLedger(box);
    const state = ledger.view();
    const total = state.settled.reduce((s, r) => s + r.usd, 0);
    const reported = ok.reduce((s, r) => s + r.costUsd, 0);
    assert.ok(Math.abs(total - reported) < 1e-12, `ledger ${total} != sum of answers ${reported}`);
    assert.deepEqual(new Set(state.settled.map((r) => r.id)), new Set(ok.map((r) => r.requestId)));
    const estimate = maxCostOf("openai", "gpt-4o-mini", 1000, MAX_TOKENS)!;
    assert.ok(total <= DAILY + estimate, `settled ${total} > budget ${DAILY} + one estimate ${estimate}`);
    assert.equal(state.outstanding.size, 0);
    ledger.close();
  });
});
