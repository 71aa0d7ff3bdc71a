/**
 * The append-only journal file. Readers follow it incrementally from the last offset they
 * read, keeping an incomplete last line pending; the writer (holding the lock) repairs a line
 * cut short by a killed process by ending it with a newline and appends whole lines with one
 * write each. A write is in the page cache when `append` returns (it survives kill -9 of this
 * process); `sync()` makes it survive a power cut. Syncs are group commits: one fsync, run off
 * the event loop, covers every append made before it started, and appends made while it runs
 * share the next one.
 */
import { closeSync, existsSync, fstatSync, fsync, fsyncSync, mkdirSync, openSync, readSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { parseRecord, type LedgerRecord } from "./records";

export class Journal {
  private readonly fd: number;
  private offset = 0;
  private pending = "";
  /** Lines that did not parse (cut short by a crash, or foreign). */
  skipped = 0;
  /** Appends made (a counter) and the highest one an fsync has covered. */
  private written = 0;
  private synced = 0;
  private syncing: Promise<void> | undefined;
  private closed = false;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    const created = !existsSync(path);
    this.fd = openSync(path, "a+", 0o600);
    if (created) syncDirectory(dirname(path));
  }

  /** Forgets what was read, so the next `readNew()` reads the whole file again. */
  rewind(): void {
    this.offset = 0;
    this.pending = "";
    this.skipped = 0;
  }

  /** Reads every complete line appended since the last call. */
  readNew(): LedgerRecord[] {
    const size = fstatSync(this.fd).size;
    if (size <= this.offset) return [];
    const buffer = Buffer.alloc(size - this.offset);
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(this.fd, buffer, read, buffer.length - read, this.offset + read);
      if (n === 0) break;
      read += n;
    }
    this.offset += read;
    const text = this.pending + buffer.subarray(0, read).toString("utf8");
    const lines = text.split("\n");
    this.pending = lines.pop() ?? "";
    const records: LedgerRecord[] = [];
    for (const line of lines) {
      if (line.trim() === "") continue;
      const record = parseRecord(line);
      if (record) records.push(record);
      else this.skipped++;
    }
    return records;
  }

  /**
   * Appends records (one write, no fsync). Call only while holding the lock and after
   * `readNew()`, so a pending partial line can only be the remains of a writer that died.
   */
  append(records: readonly LedgerRecord[]): void {
    if (records.length === 0) return;
    let text = records.map((r) => JSON.stringify(r)).join("\n") + "\n";
    if (this.pending !== "") {
      text = "\n" + text;
      this.pending = "";
      this.skipped++;
    }
    const buffer = Buffer.from(text, "utf8");
    let written = 0;
    while (written < buffer.length) written += writeSync(this.fd, buffer, written);
    this.offset += buffer.length;
    this.written += 1;
  }

  /** True when some append has not been covered by an fsync yet. */
  get dirty(): boolean {
    return this.synced < this.written;
  }

  /**
   * Resolves when every append made before the call is on disk. The fsync runs in the thread
   * pool, so the caller's event loop is not blocked; concurrent callers share fsyncs.
   */
  async sync(): Promise<void> {
    const target = this.written;
    while (this.synced < target) {
      if (this.syncing) {
        await this.syncing;
        continue;
      }
      if (this.closed) return; // close() synced everything.
      const upTo = this.written;
      this.syncing = new Promise<void>((resolve, reject) => {
        fsync(this.fd, (err) => {
          this.syncing = undefined;
          if (err) return reject(err);
          this.synced = Math.max(this.synced, upTo);
          resolve();
        });
      });
      await this.syncing;
    }
  }

  /** The same, blocking (for close and process exit). */
  syncNow(): void {
    if (this.closed || !this.dirty) return;
    const upTo = this.written;
    fsyncSync(this.fd);
    this.synced = Math.max(this.synced, upTo);
  }

  /** Syncs what is left and closes the file (after an fsync still running in the pool). */
  close(): void {
    if (this.closed) return;
    this.syncNow();
    this.closed = true;
    const syncing = this.syncing;
    if (syncing) void syncing.then(() => closeSync(this.fd), () => closeSync(this.fd));
    else closeSync(this.fd);
  }
}

/** Makes a new file's directory entry durable (not possible on every platform; best effort). */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot open a directory for fsync; NTFS journals the entry itself.
  }
}
