/** Starts test/unit/budget/worker.ts as a real child process and reads its JSON lines. */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { buildSync } from "esbuild";

export type WorkerLine = { pid: number; settled?: string; settling?: string; called?: string; refused?: string; cost?: number; done?: boolean };

export type Worker = { child: ChildProcess; lines: WorkerLine[]; exited: Promise<number | null>; onLine(fn: (line: WorkerLine) => void): void };

const ROOT = join(__dirname, "..", "..", "..");
let bundled: string | undefined;

/**
 * The worker bundled once into one plain JS file, so each child starts in tens of milliseconds
 * instead of transpiling TypeScript again (24 of them at once on a busy machine add up).
 */
function workerScript(): string {
  if (bundled) return bundled;
  const out = join(mkdtempSync(join(tmpdir(), "preflight-budget-worker-")), "worker.cjs");
  buildSync({ entryPoints: [join(__dirname, "worker.ts")], bundle: true, platform: "node", format: "cjs", target: "node20", outfile: out, logLevel: "error" });
  bundled = out;
  process.once("exit", () => rmSync(dirname(out), { recursive: true, force: true }));
  return out;
}

export function startWorker(env: Record<string, string>): Worker {
  const child = spawn(process.execPath, [workerScript()], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: WorkerLine[] = [];
  const listeners: ((line: WorkerLine) => void)[] = [];
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const rl = createInterface({ input: child.stdout! });
  rl.on("line", (text) => {
    const line = JSON.parse(text) as WorkerLine;
    lines.push(line);
    for (const fn of listeners) fn(line);
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    // "close" fires after stdout has ended, so every line has been read.
    child.on("close", (code, signal) => {
      if (code !== 0 && signal !== "SIGKILL") reject(new Error(`worker exited with ${code ?? signal}: ${stderr}`));
      else resolve(code);
    });
  });
  return { child, lines, exited, onLine: (fn) => listeners.push(fn) };
}
