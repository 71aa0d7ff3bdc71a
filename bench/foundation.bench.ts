/**
 * Foundation numbers: VSIX size, server idle RSS (of a production build, as shipped) and time
 * from `initialize` to ready, next to
 * a reference measured in the same run (a bare vscode-languageserver process that only answers
 * initialize). Activation time comes from the last e2e run (the extension logs it), if present.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";

const root = join(__dirname, "..");

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? "0");
  return kb / 1024;
}

async function measureServer(args: string[], readyMethod: string | null, workspace?: string): Promise<{ readyMs: number; rssMb: number }> {
  const ws = workspace ?? mkdtempSync(join(tmpdir(), "pf-bench-ws-"));
  const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "inherit"], env: { ...process.env, PREFLIGHT_HOME: mkdtempSync(join(tmpdir(), "pf-bench-home-")) } });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const ready = new Promise<void>((resolve) => {
    if (readyMethod === null) return;
    conn.onNotification(readyMethod, (p: { state: string }) => { if (p.state === "ready") resolve(); });
  });
  conn.onRequest("workspace/configuration", (p: { items: unknown[] }) => p.items.map(() => ({})));
  conn.listen();
  const t0 = performance.now();
  await conn.sendRequest("initialize", { processId: process.pid, rootUri: `file://${ws}`, workspaceFolders: [{ uri: `file://${ws}`, name: "ws" }], capabilities: { workspace: { configuration: true } } });
  await conn.sendNotification("initialized", {});
  if (readyMethod !== null) await ready;
  const readyMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 1000)); // Let start-up garbage settle before reading idle RSS.
  const rss = rssMb(child.pid ?? 0);
  conn.dispose();
  child.kill();
  return { readyMs, rssMb: rss };
}

export async function run(): Promise<void> {
  // Measure what ships: a production build, in a folder of its own so out/ is left as it is.
  const prod = mkdtempSync(join(tmpdir(), "pf-bench-prod-"));
  spawnSync(process.execPath, ["esbuild.mjs", "--production", "--out", prod], { cwd: root, stdio: "inherit" });
  const server = join(prod, "server", "server.js");
  const vsix = join(root, "out", "preflight.vsix");
  if (!existsSync(vsix)) spawnSync("npm", ["run", "package"], { cwd: root, stdio: "inherit" });
  const bare = join(mkdtempSync(join(tmpdir(), "pf-bare-")), "bare.js");
  writeFileSync(bare, `const { createConnection, ProposedFeatures } = require(${JSON.stringify(require.resolve("vscode-languageserver/node"))});
const c = createConnection(ProposedFeatures.all); c.onInitialize(() => ({ capabilities: {} })); c.listen();`);
  // RSS of one start varies by ±10 MB (allocator and GC timing): the median of three starts.
  const median3 = async (args: string[], readyMethod: string | null, workspace?: string) => {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await measureServer(args, readyMethod, workspace));
    const mid = <T>(xs: T[], f: (x: T) => number) => xs.map(f).sort((a, b) => a - b)[1];
    return { readyMs: mid(runs, (r) => r.readyMs), rssMb: mid(runs, (r) => r.rssMb) };
  };
  const ours = await median3([server, "--stdio"], "preflight/status");
  const scanned = await median3([server, "--stdio"], "preflight/status", join(root, "test", "fixtures", "workspace"));
  const ref = await median3([bare, "--stdio"], null);
  const rows: [string, string, string, string][] = [
    ["server initialize→ready (ms, median of 3)", ours.readyMs.toFixed(0), ref.readyMs.toFixed(0), "—"],
    ["server idle RSS, empty workspace (MB, median)", ours.rssMb.toFixed(1), ref.rssMb.toFixed(1), "≤ 100"],
    ["server idle RSS, after scanning fixture (MB, med.)", scanned.rssMb.toFixed(1), ref.rssMb.toFixed(1), "≤ 100"],
    ["VSIX size (MB)", existsSync(vsix) ? (statSync(vsix).size / 1048576).toFixed(2) : "n/a", "—", "≤ 5"],
  ];
  const activation = join(root, "test-output", "activation.json");
  if (existsSync(activation)) {
    const a = JSON.parse(readFileSync(activation, "utf8")) as { activationMs: number; codeLoadingMs?: number; activateCallMs?: number };
    rows.push(["extension activation (ms, last e2e run)", a.activationMs.toFixed(1), "—", "≤ 150"]);
    if (a.codeLoadingMs !== undefined) rows.push(["  of which code loading (ms)", a.codeLoadingMs.toFixed(1), "—", "—"]);
    if (a.activateCallMs !== undefined) rows.push(["  of which activate() (ms)", a.activateCallMs.toFixed(1), "—", "—"]);
  } else {
    rows.push(["extension activation (ms)", "run npm test first", "—", "≤ 150"]);
  }
  console.log(["metric".padEnd(50), "preflight".padStart(10), "bare LSP".padStart(10), "goal".padStart(8)].join(""));
  for (const [m, a, b, g] of rows) console.log([m.padEnd(50), a.padStart(10), b.padStart(10), g.padStart(8)].join(""));
}

if (require.main === module) void run();
