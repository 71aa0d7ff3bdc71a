/**
 * The cache's persistence: a sql.js snapshot (`cache.sqlite`, replaced atomically by temp file
 * + rename) plus an append-only journal of operations since that snapshot
 * (`cache-<generation>.journal`). A flush appends one batch under the folder lock, so an
 * insert costs its own bytes, not a database write; the journal is folded into a new snapshot
 * once it outgrows an eighth of the snapshot, which keeps the amortised cost per insert constant.
 * Every process replays the others' journal lines before it writes, so none loses another's
 * entries; a torn last line from a killed writer is ignored and cut off by the next writer.
 */
import { closeSync, existsSync, fstatSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, statSync, truncateSync, unlinkSync, writeSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { Database, SqlJsStatic } from "sql.js";
import { withLock } from "./lock";
import { applyOp, decodeOp, encodeOp, type Change, type Op } from "./records";
import { getMeta, migrate, NewerSchemaError, setMeta } from "./schema";
import { loadSqlJs } from "./sqlWasm";

export type StoreListener = {
  onChange(change: Change): void;
  /** The database was replaced (loaded or cleared); `loadChanges` says what came on top of the snapshot. */
  onReset(): void;
  /** Called with the lock held just before a snapshot is written, to add derived data (the packed index). */
  beforeSnapshot?(db: Database, generation: string): void;
};

const SNAPSHOT = "cache.sqlite";
/**
 * The journal is folded into a new snapshot once it outgrows this fraction of the snapshot.
 * A cold open replays the whole journal (about 0.1 ms a line), so a small fraction keeps
 * opens short; a fold costs one snapshot write, so the amortised cost per insert stays
 * constant either way (a fold per snapshot/8 bytes of journal).
 */
const FOLD_RATIO = 1 / 8;
const JOURNAL = /^cache-([a-z0-9]+)\.journal$/;

function fileId(path: string): string | null {
  try {
    const s = statSync(path);
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return null;
  }
}

/**
 * A cheap whole-file check (a full integrity check costs seconds at 100k entries): the SQLite
 * magic string, and a page count times page size that matches the file's length, which a
 * truncated or overwritten file fails.
 */
function checkHeader(bytes: Buffer): void {
  if (bytes.length < 100 || bytes.subarray(0, 16).toString("latin1") !== "SQLite format 3\u0000") throw new Error("not a SQLite database");
  const raw = bytes.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const pages = bytes.readUInt32BE(28);
  if (pages !== 0 && pages * pageSize !== bytes.length) throw new Error(`database disk image is truncated (${bytes.length} of ${pages * pageSize} bytes)`);
}

/**
 * The database lives in sql.js memory; durability comes from the journal file and the atomic
 * snapshot, so SQLite's own rollback journal is kept in memory and never synced: a write
 * costs what the row costs, not a journal file round trip per statement.
 */
function tune(db: Database): void {
  db.exec("PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;");
}

function writeDurably(path: string, bytes: Uint8Array): void {
  const fd = openSync(path, "w");
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export class DiskStore {
  db!: Database;
  private generation = "initial";
  private snapshotId: string | null = null;
  private offset = 0;
  private pending: Op[] = [];
  private closed = false;
  /** While loading, changes are not reported one by one: the listener rebuilds from the database. */
  private loading = false;
  /** What the last load applied on top of the snapshot (journal lines, then unflushed operations). */
  loadChanges: Change[] = [];

  private constructor(
    readonly dir: string,
    private readonly sql: SqlJsStatic,
    private readonly log: (m: string) => void,
    private readonly listener: StoreListener,
    private readonly compactMinBytes: number,
  ) {}

  static async open(dir: string, log: (m: string) => void, listener: StoreListener, compactMinBytes = 1 << 20): Promise<DiskStore> {
    mkdirSync(dir, { recursive: true });
    const store = new DiskStore(dir, await loadSqlJs(), log, listener, compactMinBytes);
    await withLock(dir, () => store.load(true));
    return store;
  }

  get snapshotPath(): string {
    return join(this.dir, SNAPSHOT);
  }

  private journalPath(generation = this.generation): string {
    return join(this.dir, `cache-${generation}.journal`);
  }

  /** The newest journal's generation, for a folder whose snapshot is missing or unreadable. */
  private newestJournalGeneration(): string {
    let best: { gen: string; mtime: number } | undefined;
    for (const name of readdirSync(this.dir)) {
      const m = JOURNAL.exec(name);
      if (!m) continue;
      const mtime = statSync(join(this.dir, name)).mtimeMs;
      if (!best || mtime > best.mtime) best = { gen: m[1]!, mtime };
    }
    return best?.gen ?? "initial";
  }

  private freshDatabase(): Database {
    const db = new this.sql.Database();
    tune(db);
    migrate(db);
    return db;
  }

  /** Reads the snapshot and replays its journal. With the lock held, an unreadable file is moved aside. */
  private load(locked: boolean): void {
    const id = fileId(this.snapshotPath);
    let db: Database | undefined;
    let generation: string | undefined;
    if (id !== null) {
      try {
        const bytes = readFileSync(this.snapshotPath);
        checkHeader(bytes);
        db = new this.sql.Database(bytes);
        tune(db);
        migrate(db);
        generation = getMeta(db, "generation") ?? "initial";
      } catch (err) {
        db?.close();
        db = undefined;
        if (!locked) throw err;
        const why = err instanceof NewerSchemaError ? "newer" : "corrupt";
        const aside = `${this.snapshotPath}.${why}-${new Date().toISOString().replace(/[:.]/g, "-")}`;
        renameSync(this.snapshotPath, aside);
        this.log(`The cache file ${this.snapshotPath} could not be read (${(err as Error).message}); it was moved to ${aside} and a fresh cache was started.`);
      }
    }
    if (db === undefined) {
      db = this.freshDatabase();
      generation = this.newestJournalGeneration();
      setMeta(db, "generation", generation);
    }
    this.db?.close();
    this.db = db;
    this.generation = generation!;
    this.snapshotId = fileId(this.snapshotPath);
    this.offset = 0;
    this.loading = true;
    this.loadChanges = [];
    try {
      this.replayJournal();
    } finally {
      this.loading = false;
    }
    for (const op of this.pending) this.loadChanges.push(applyOp(this.db, op));
  }

  /** The generation of the snapshot the database was loaded from (or last written as). */
  get snapshotGeneration(): string {
    return this.generation;
  }

  /** Applies complete journal lines past `offset`; returns false when the journal shrank (folded by another process). */
  private replayJournal(): boolean {
    let fd: number;
    try {
      fd = openSync(this.journalPath(), "r");
    } catch {
      return this.offset === 0;
    }
    try {
      const size = fstatSync(fd).size;
      if (size < this.offset) return false;
      if (size === this.offset) return true;
      const buf = Buffer.alloc(size - this.offset);
      readSync(fd, buf, 0, buf.length, this.offset);
      const end = buf.lastIndexOf(0x0a);
      if (end < 0) return true;
      let bad = 0;
      // One transaction for the whole batch: replaying 30 000 lines is one commit, not 30 000.
      this.db.exec("BEGIN");
      try {
        for (const line of buf.subarray(0, end).toString("utf8").split("\n")) {
          if (line === "") continue;
          const op = decodeOp(line);
          if (op === undefined) {
            bad++;
            continue;
          }
          const change = applyOp(this.db, op);
          if (this.loading) this.loadChanges.push(change);
          else this.listener.onChange(change);
        }
      } finally {
        this.db.exec("COMMIT");
      }
      if (bad > 0) this.log(`Skipped ${bad} unreadable line(s) in the cache journal ${this.journalPath()}.`);
      this.offset += end + 1;
      return true;
    } finally {
      closeSync(fd);
    }
  }

  /** Picks up what other processes wrote: their journal lines, or their new snapshot. */
  refresh(locked = false): void {
    if (this.closed) return;
    if (fileId(this.snapshotPath) === this.snapshotId && this.replayJournal()) return;
    try {
      this.load(locked);
    } catch (err) {
      this.log(`The cache could not re-read ${this.snapshotPath} (${(err as Error).message}); it will retry on the next write.`);
      return;
    }
    this.listener.onReset();
  }

  /** Applies an operation now and queues it for the next flush. */
  record(op: Op): Change {
    this.pending.push(op);
    return applyOp(this.db, op);
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** Appends the queued operations to the journal under the lock; folds the journal when it is large. */
  async flush(): Promise<void> {
    if (this.closed) return;
    await withLock(this.dir, () => {
      this.refresh(true);
      if (this.pending.length > 0) {
        const path = this.journalPath();
        if (existsSync(path) && statSync(path).size > this.offset) truncateSync(path, this.offset);
        const bytes = Buffer.from(this.pending.map((op) => `${encodeOp(op)}\n`).join(""), "utf8");
        const fd = openSync(path, "a");
        try {
          writeSync(fd, bytes);
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        this.offset += bytes.length;
        this.pending = [];
      }
      const snapshotBytes = this.snapshotId === null ? 0 : Number(this.snapshotId.split(":")[1]);
      if (this.offset > Math.max(this.compactMinBytes, snapshotBytes * FOLD_RATIO)) this.compactLocked();
    });
  }

  /** Writes the whole database as a new snapshot and starts a new journal. Lock held. */
  private compactLocked(): void {
    const previous = this.generation;
    const generation = randomBytes(6).toString("hex");
    setMeta(this.db, "generation", generation);
    const tmp = `${this.snapshotPath}.tmp-${process.pid}`;
    try {
      this.listener.beforeSnapshot?.(this.db, generation);
      writeDurably(tmp, this.db.export());
      renameSync(tmp, this.snapshotPath);
    } catch (err) {
      setMeta(this.db, "generation", previous);
      try {
        unlinkSync(tmp);
      } catch {
        // Nothing was written.
      }
      throw err;
    }
    this.generation = generation;
    this.snapshotId = fileId(this.snapshotPath);
    this.offset = 0;
    for (const name of readdirSync(this.dir)) {
      const stale = (JOURNAL.test(name) && name !== `cache-${generation}.journal`) || name.startsWith(`${SNAPSHOT}.tmp-`);
      if (stale) {
        try {
          unlinkSync(join(this.dir, name));
        } catch {
          // Already gone.
        }
      }
    }
  }

  /** Folds the journal into a new snapshot now. */
  async compact(): Promise<void> {
    await withLock(this.dir, () => {
      this.refresh(true);
      this.compactLocked();
    });
  }

  /** Replaces the database with an empty one (statistics kept) for every process. */
  async clear(keepStats: boolean): Promise<void> {
    await withLock(this.dir, () => {
      this.refresh(true);
      const stats = keepStats ? this.db.exec("SELECT name, value FROM stats")[0]?.values ?? [] : [];
      const db = this.freshDatabase();
      for (const [name, value] of stats) db.run("INSERT INTO stats (name, value) VALUES (?, ?)", [name, value]);
      this.db.close();
      this.db = db;
      this.pending = [];
      this.loadChanges = [];
      // The listener empties its index before the snapshot packs it.
      this.listener.onReset();
      this.compactLocked();
    });
  }

  sizes(): { snapshotBytes: number; journalBytes: number } {
    const size = (p: string) => (existsSync(p) ? statSync(p).size : 0);
    return { snapshotBytes: size(this.snapshotPath), journalBytes: size(this.journalPath()) };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.pending.length > 0) await this.flush();
    this.closed = true;
    this.db.close();
  }
}
