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
/** Files per chunk linted in this thread (short, so worker requests are answered between chunks). */
const LOCAL_CHUNK = 16;
/** Chunks each worker holds at once, so it never waits while this thread is linting its own chunk. */
const IN_FLIGHT = 2;

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
  /** Worker threads to start. */
  workers: number;
  /**
   * Lints a chunk in this thread too (with the caller's own index), alongside the workers: one
   * worker fewer to start and warm up for the same parallelism.
   */
  local?: (files: string[]) => Promise<Map<string, Finding[]>>;
  /** Asked between chunks and every few milliseconds; once true, the workers stop after their current file. */
  stopped: () => boolean;
};

/**
 * Lints `files` on `workers` worker threads (and in this thread with `local`). Resolves to undefined when no worker can be started
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
      let running = count + (p.local ? 1 : 0);
      const stop = (): boolean => {
        if (p.stopped()) Atomics.store(flag, 0, 1);
        return Atomics.load(flag, 0) !== 0;
      };
      const laneDone = (): void => {
        if (--running === 0) resolve();
      };
      const take = (size: number): [number, number] => {
        const from = next;
        next = Math.min(files.length, next + size);
        return [from, next];
      };
      const record = (n: number): void => {
        done += n;
        p.onProgress?.(done, files.length);
      };
      for (let k = 0; k < count; k++) {
        // No inherited flags: the bundle needs none, and a test runner's `--import tsx` would load a
        // TypeScript loader (with its own hooks thread) into every worker.
        const w = new Worker(script, { workerData: init, execArgv: [] });
        pool.push(w);
        let inFlight = 0;
        let finished = false;
        const feed = (): void => {
          while (!finished && inFlight < IN_FLIGHT && next < files.length && !stop()) {
            const [from, to] = take(CHUNK);
            const chunk: [number, string][] = [];
            for (let i = from; i < to; i++) chunk.push([i, files[i] as string]);
            inFlight++;
            w.postMessage({ type: "files", files: chunk } satisfies ToWorker);
          }
          if (!finished && inFlight === 0) {
            finished = true;
            w.postMessage({ type: "stop" } satisfies ToWorker);
            laneDone();
          }
        };
        w.on("error", reject);
        w.on("exit", (code) => {
          if (code !== 0 && !finished) reject(new Error(`scan worker exited with code ${code}`));
        });
        w.on("message", (m: FromWorker) => {
          if (m.type === "error") {
            reject(new Error(m.message));
            return;
          }
          if (m.type === "results") {
            inFlight--;
            for (const [i, found] of m.results) results[i] = found;
            record(m.results.length);
          }
          feed();
        });
      }
      if (p.local) {
        const local = p.local;
        void (async (): Promise<void> => {
          while (next < files.length && !stop()) {
            const [from, to] = take(LOCAL_CHUNK);
            const found = await local(files.slice(from, to));
            for (let i = from; i < to; i++) results[i] = found.get(files[i] as string) ?? null;
            record(to - from);
            await new Promise<void>((r) => setImmediate(r));
          }
          laneDone();
        })().catch(reject);
      }
    });
  } catch {
    return undefined;
  } finally {
    Atomics.store(flag, 0, 1);
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
