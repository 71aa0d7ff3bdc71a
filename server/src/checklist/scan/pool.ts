/**
 * Runs a workspace scan on worker threads: each worker (see `worker.ts`) asks for a chunk of
 * files, lints it and sends the findings back with its next request, until the list is done or
 * the scan is cancelled. The findings come back in the order of the file list, as from the
 * in-process scan.
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { LintOptions } from "../linter";
import type { Finding } from "../types";
import type { FromWorker, ToWorker, WorkerInit } from "./protocol";

/** Files per message: small enough to balance the workers, large enough that messages are cheap. */
const CHUNK = 64;

let sourceBundle: string | undefined;

/**
 * The worker script: `scan-worker.js` next to the bundle (server.js, cli.js), or, when running
 * from TypeScript sources (tests, benchmarks), `worker.ts` bundled once per process with esbuild
 * into node_modules/.cache (a worker thread does not inherit tsx's loader, and loading each
 * source file through it would cost a second per worker).
 */
export function workerScript(): string | undefined {
  const bundled = path.join(__dirname, "scan-worker.js");
  if (fs.existsSync(bundled)) return bundled;
  if (!__filename.endsWith(".ts")) return undefined;
  if (sourceBundle && fs.existsSync(sourceBundle)) return sourceBundle;
  try {
    const esbuild = createRequire(__filename)("esbuild") as typeof import("esbuild");
    const root = path.resolve(__dirname, "../../../..");
    const outfile = path.join(root, "node_modules", ".cache", "preflight", `scan-worker-${process.pid}.js`);
    esbuild.buildSync({ entryPoints: [path.join(__dirname, "worker.ts")], outfile, bundle: true, platform: "node", format: "cjs", target: "node20", logLevel: "silent" });
    sourceBundle = outfile;
    process.once("exit", () => fs.rmSync(outfile, { force: true }));
    return outfile;
  } catch {
    return undefined;
  }
}

export type PoolOptions = {
  opts: Pick<LintOptions, "settings" | "only" | "gate">;
  overlay?: ReadonlyMap<string, string>;
  onProgress?: (done: number, total: number) => void;
  workers: number;
  /** Asked between chunks and every few milliseconds; once true, the workers stop after their current file. */
  stopped: () => boolean;
};

/**
 * Lints `files` on `workers` worker threads. Resolves to undefined when no worker can be started
 * or one fails (the caller then scans in-process, which finds the same things).
 */
export async function lintInWorkers(wasmDir: string | undefined, files: readonly string[], p: PoolOptions): Promise<Map<string, Finding[]> | undefined> {
  const script = workerScript();
  if (!script || files.length === 0) return undefined;
  const count = Math.max(1, Math.min(p.workers, Math.ceil(files.length / CHUNK)));
  const cancel = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancel);
  const init: WorkerInit = { wasmDir, opts: p.opts, overlay: [...(p.overlay ?? [])], cancel };
  const results: (Finding[] | null | undefined)[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const pool: Worker[] = [];
  const poll = setInterval(() => {
    if (p.stopped()) Atomics.store(flag, 0, 1);
  }, 20);
  try {
    await new Promise<void>((resolve, reject) => {
      let running = count;
      const finish = (w: Worker): void => {
        w.postMessage({ type: "stop" } satisfies ToWorker);
        if (--running === 0) resolve();
      };
      for (let k = 0; k < count; k++) {
        const w = new Worker(script, { workerData: init });
        pool.push(w);
        w.on("error", reject);
        w.on("exit", (code) => {
          if (code !== 0) reject(new Error(`scan worker exited with code ${code}`));
        });
        w.on("message", (m: FromWorker) => {
          if (m.type === "error") {
            reject(new Error(m.message));
            return;
          }
          for (const [i, found] of m.results) results[i] = found;
          if (m.results.length > 0) {
            done += m.results.length;
            p.onProgress?.(done, files.length);
          }
          if (p.stopped()) Atomics.store(flag, 0, 1);
          if (m.cancelled || Atomics.load(flag, 0) !== 0 || next >= files.length) {
            finish(w);
            return;
          }
          const chunk: [number, string][] = [];
          for (const end = Math.min(files.length, next + CHUNK); next < end; next++) chunk.push([next, files[next] as string]);
          w.postMessage({ type: "files", files: chunk } satisfies ToWorker);
        });
      }
    });
  } catch {
    return undefined;
  } finally {
    clearInterval(poll);
    for (const w of pool) void w.terminate();
  }
  const out = new Map<string, Finding[]>();
  for (let i = 0; i < files.length; i++) {
    const found = results[i];
    if (found) out.set(files[i] as string, found);
  }
  return out;
}
