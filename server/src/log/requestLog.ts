/**
 * The JSON-lines request log of one workspace store dir. `append` only queues the line and
 * returns at once (`appendLater` queues a function that builds it, so even serialising happens
 * after the request has answered); a single background writer, started on the next turn of
 * the event loop, builds and appends batches in order, rotating by size
 * (requests.jsonl → requests.1.jsonl → … keeping `keep` old files). A failing disk never fails
 * a request: lines are dropped past a bounded queue and the drop is logged when writing works
 * again. The file size is re-read before each batch, so two processes sharing a store rotate
 * sensibly. The file is created readable by its owner only (it may hold opted-in prompts).
 */
import { appendFile, mkdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";

export const LOG_FILE = "requests.jsonl";

export type RequestLogOptions = { maxBytes: number; keep?: number; maxQueuedLines?: number };

export class RequestLog {
  maxBytes: number;
  readonly keep: number;
  private readonly maxQueued: number;
  private queue: (string | (() => object | undefined))[] = [];
  private dirReady = false;
  private dropped = 0;
  private draining: Promise<void> | undefined;
  private lastError: string | undefined;

  constructor(
    readonly dir: string,
    opts: RequestLogOptions,
  ) {
    this.maxBytes = opts.maxBytes;
    this.keep = Math.max(0, opts.keep ?? 3);
    this.maxQueued = opts.maxQueuedLines ?? 10_000;
  }

  get path(): string {
    return join(this.dir, LOG_FILE);
  }

  /** The path of the n-th rotated file (1 is the newest old file). */
  rotatedPath(n: number): string {
    return join(this.dir, `requests.${n}.jsonl`);
  }

  /** The last write error, if writing is failing (for a status line). */
  get error(): string | undefined {
    return this.lastError;
  }

  /** Queues one record; never blocks, never throws. */
  append(record: object): void {
    this.enqueue(`${JSON.stringify(record)}\n`);
  }

  /**
   * Queues a function that builds the record, called by the writer (or `flush`) after the
   * current work; it returns undefined to write nothing. It must not throw.
   */
  appendLater(build: () => object | undefined): void {
    this.enqueue(build);
  }

  private enqueue(item: string | (() => object | undefined)): void {
    if (this.queue.length >= this.maxQueued) {
      this.dropped += 1;
      return;
    }
    this.queue.push(item);
    if (!this.draining) this.draining = this.drain();
  }

  /** Resolves when every queued line has been written (or failed to be). */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    let batch: string[] = [];
    try {
      // Start on the next turn, so the request that queued the line has answered first.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (!this.dirReady) {
        await mkdir(this.dir, { recursive: true });
        this.dirReady = true;
      }
      while (this.queue.length > 0) {
        batch = this.queue.flatMap((item) => {
          if (typeof item === "string") return [item];
          const record = item();
          return record === undefined ? [] : [`${JSON.stringify(record)}\n`];
        });
        this.queue = [];
        if (this.dropped > 0) {
          batch.unshift(`${JSON.stringify({ v: 1, ts: new Date().toISOString(), dropped: this.dropped, reason: "the log could not keep up or could not be written" })}\n`);
          this.dropped = 0;
        }
        await this.write(batch);
        batch = [];
      }
      this.lastError = undefined;
    } catch (err) {
      this.dirReady = false;
      this.lastError = `Could not write the request log ${this.path}: ${(err as Error).message}`;
      this.dropped += batch.length + this.queue.length;
      this.queue = [];
    } finally {
      this.draining = undefined;
      if (this.queue.length > 0) this.draining = this.drain();
    }
  }

  /** Appends lines in chunks, rotating whenever the next chunk would pass maxBytes. */
  private async write(lines: string[]): Promise<void> {
    let size = await stat(this.path).then((s) => s.size, () => 0);
    let chunk = "";
    let chunkBytes = 0;
    for (const line of lines) {
      const bytes = Buffer.byteLength(line);
      if (size + chunkBytes + bytes > this.maxBytes && size + chunkBytes > 0) {
        if (chunk !== "") await appendFile(this.path, chunk, { mode: 0o600 });
        await this.rotate();
        size = 0;
        chunk = "";
        chunkBytes = 0;
      }
      chunk += line;
      chunkBytes += bytes;
    }
    if (chunk !== "") await appendFile(this.path, chunk, { mode: 0o600 });
  }

  private async rotate(): Promise<void> {
    if (this.keep === 0) {
      await rm(this.path, { force: true });
      return;
    }
    await rm(this.rotatedPath(this.keep), { force: true });
    for (let n = this.keep - 1; n >= 1; n--) await rename(this.rotatedPath(n), this.rotatedPath(n + 1)).catch(() => undefined);
    await rename(this.path, this.rotatedPath(1)).catch(() => undefined);
  }
}
