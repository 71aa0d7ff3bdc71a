/**
 * The append-only journal file. Readers follow it incrementally from the last offset they
 * read, keeping an incomplete last line pending; the writer (holding the lock) repairs a line
 * cut short by a killed process by ending it with a newline, appends whole lines with one
 * write each and fsyncs settlements and alerts before returning.
 */
import { closeSync, existsSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { parseRecord, type LedgerRecord } from "./records";

export class Journal {
  private readonly fd: number;
  private offset = 0;
  private pending = "";
  /** Lines that did not parse (cut short by a crash, or foreign). */
  skipped = 0;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    const created = !existsSync(path);
    this.fd = openSync(path, "a+", 0o600);
    if (created) syncDirectory(dirname(path));
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
   * Appends records durably. Call only while holding the lock and after `readNew()`, so a
   * pending partial line can only be the remains of a writer that died.
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
    // Settled spend and sent alerts must survive a power loss. Reservations and releases need
    // not: the page cache already survives kill -9, and a reservation lost with the machine is
    // the same as one whose process died (released on the next start).
    if (records.some((r) => r.op === "settle" || r.op === "alert")) fsyncSync(this.fd);
    this.offset += buffer.length;
  }

  close(): void {
    closeSync(this.fd);
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
