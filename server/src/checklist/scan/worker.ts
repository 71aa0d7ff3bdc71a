/**
 * Entry of a scan worker thread (bundled as `scan-worker.js` next to server.js and cli.js). It
 * loads its own grammars lazily, keeps its own cross-file index, and lints the chunks of files
 * the pool hands it with the same code as the in-process scan (`lintChunk`), so the findings are
 * the same. Protocol: see `pool.ts`.
 */
import { parentPort, workerData } from "node:worker_threads";
import { Checklist } from "../linter";
import { lintChunk, ProjectIndex, readDisk } from "../workspace";
import type { Finding } from "../types";
import type { FromWorker, ToWorker, WorkerInit } from "./protocol";

const port = parentPort;
if (!port) throw new Error("scan worker: not started as a worker thread");
const init = workerData as WorkerInit;
const overlay = new Map(init.overlay);
const read = overlay.size === 0 ? readDisk : (file: string): string | undefined => overlay.get(file) ?? readDisk(file);
const stopFlag = new Int32Array(init.cancel);
const stopped = (): boolean => Atomics.load(stopFlag, 0) !== 0;
const engine = Checklist.create(init.wasmDir, { lazy: true });
let index: ProjectIndex | undefined;

/** Chunks are linted one after another (the pool sends the next before this one is done). */
let queue: Promise<void> = Promise.resolve();

async function handle(files: [number, string][]): Promise<void> {
  try {
    const checklist = await engine;
    index ??= new ProjectIndex(checklist, read);
    const found = await lintChunk(checklist, index, files.map(([, f]) => f), read, init.opts, stopped);
    const results = files.map(([i, f]): [number, Finding[] | null] => [i, found.get(f) ?? null]);
    port?.postMessage({ type: "results", results } satisfies FromWorker);
  } catch (e) {
    port?.postMessage({ type: "error", message: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies FromWorker);
  }
}

port.on("message", (m: ToWorker) => {
  if (m.type === "stop") {
    void queue.then(() => port.close());
    return;
  }
  queue = queue.then(() => handle(m.files));
});
port.postMessage({ type: "ready" } satisfies FromWorker);
