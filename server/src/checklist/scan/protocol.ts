import type { LintOptions } from "../linter";
import type { Finding } from "../types";

/** What a scan worker starts with (its `workerData`). */
export type WorkerInit = {
  /** Where the grammars are (the parent checklist's `wasmDir`). */
  wasmDir: string | undefined;
  opts: Pick<LintOptions, "settings" | "only" | "gate">;
  /** Texts that replace the disk for these files (unsaved editor documents). */
  overlay: [string, string][];
  /** One Int32: non-zero once the scan is cancelled (checked between files). */
  cancel: SharedArrayBuffer;
};

/** Pool → worker: a chunk of [index in the scan, file] to lint, or stop. */
export type ToWorker = { type: "files"; files: [number, string][] } | { type: "stop" };

/**
 * Worker → pool: the findings of the last chunk (null: the file could not be read, or was not
 * reached because the scan was cancelled); `ready` comes first, once the worker runs.
 */
export type FromWorker = { type: "ready" } | { type: "results"; results: [number, Finding[] | null][] } | { type: "error"; message: string };
