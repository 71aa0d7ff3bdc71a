/**
 * A cross-process lock on one file, for the ledger's short critical sections.
 *
 * Acquire: create the lock path as a symbolic link whose target is `{pid, token}`: `symlink`
 * fails with EEXIST when the lock exists, exactly like `open(O_CREAT|O_EXCL)`, and the owner
 * record is never seen half-written; one system call. On Windows (where symbolic links need
 * a privilege) write `{pid, token}` to a private temp file and hard-link it to the lock path,
 * with the same properties. Readers accept both forms. Stale locks (holder's pid not alive, or our own pid left
 * by an earlier process that had it) are broken under a second "breaker" lock, re-checking the
 * token so a fresh lock taken meanwhile is never removed. The critical section itself is
 * synchronous, so within one process two callers never hold the lock at once.
 */
import { randomBytes } from "node:crypto";
import { linkSync, lstatSync, readdirSync, readFileSync, readlinkSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export type LockOwner = { pid: number; token: string };

export type LockOptions = {
  /** True when a process with this pid is running. */
  isAlive?: (pid: number) => boolean;
  /** Gives up after this long (default 30 s) with an error naming the holder. */
  timeoutMs?: number;
  pid?: number;
};

/** True when a process with this pid exists (EPERM means it exists but is not ours). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOwner(path: string): LockOwner | null | "missing" {
  let text: string;
  try {
    // A lock is a symbolic link whose target is the owner record; a regular file holding it
    // is the form used on Windows (and by earlier versions).
    text = readlinkSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return "missing";
    if (code !== "EINVAL" && code !== "UNKNOWN" && code !== "EISDIR") throw err;
    try {
      text = readFileSync(path, "utf8");
    } catch (err2) {
      if ((err2 as NodeJS.ErrnoException).code === "ENOENT") return "missing";
      throw err2;
    }
  }
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid === "number" && typeof value.token === "string") return { pid: value.pid, token: value.token };
  } catch {
    // A lock file that is not ours to read is treated as stale below.
  }
  return null;
}

/**
 * Lock tokens: 24 hex digits, a random half drawn once per process and a counter, so taking
 * the lock costs no call to the system's random source.
 */
const tokenPrefix = randomBytes(6).toString("hex");
let tokenCounter = 0;
function newToken(): string {
  tokenCounter = (tokenCounter + 1) % 0x1000000000000;
  return tokenPrefix + tokenCounter.toString(16).padStart(12, "0");
}

/** Tries once to take the lock; returns the owner record on success. */
export function tryLock(path: string, pid: number = process.pid): LockOwner | null {
  const owner: LockOwner = { pid, token: newToken() };
  if (process.platform !== "win32") {
    // One system call: creating a symbolic link fails with EEXIST when the lock exists, and
    // its target (the owner record) is set atomically with it.
    try {
      symlinkSync(JSON.stringify(owner), path);
      return owner;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST") return null;
      throw err;
    }
  }
  const temp = `${path}.${pid}.${owner.token}`;
  writeFileSync(temp, JSON.stringify(owner));
  try {
    linkSync(temp, path);
    return owner;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return null;
    throw err;
  } finally {
    unlinkQuietly(temp);
  }
}

/** Releases the lock if it is still the one we took. */
export function unlock(path: string, owner: LockOwner): void {
  const current = readOwner(path);
  if (current !== "missing" && current !== null && current.token === owner.token) unlinkQuietly(path);
}

/** True when the lock path exists (the link itself: its target is not a file). */
function lockExists(path: string): boolean {
  return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
}

function isStale(owner: LockOwner | null, pid: number, isAlive: (pid: number) => boolean): boolean {
  if (owner === null) return true;
  // Our own pid on a lock we do not hold (we never hold it across an await) is a leftover of
  // an earlier process that had the same pid.
  if (owner.pid === pid) return true;
  return !isAlive(owner.pid);
}

/** Removes the lock at `path` if its holder is dead. Returns the live holder's pid otherwise. */
export function breakIfStale(path: string, pid: number, isAlive: (pid: number) => boolean): number | null {
  const seen = readOwner(path);
  if (seen === "missing") return null;
  if (seen !== null && !isStale(seen, pid, isAlive)) return seen.pid;
  const breakerPath = `${path}.break`;
  const breaker = tryLock(breakerPath, pid);
  if (breaker === null) {
    const other = readOwner(breakerPath);
    if (other !== "missing" && isStale(other, pid, isAlive)) unlinkQuietly(breakerPath);
    return null;
  }
  try {
    const again = readOwner(path);
    const seenToken = seen === null ? null : seen.token;
    const same = again !== "missing" && (again === null ? seenToken === null : again.token === seenToken);
    if (same) unlinkQuietly(path);
  } finally {
    unlock(breakerPath, breaker);
  }
  return null;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

type Attempt<T> = { held: true; value: T } | { held: false; waitMs: number };

/**
 * One try at the lock: runs `fn` under it, or breaks a dead holder's lock and says how long to
 * wait (a short randomised back-off); throws once `deadline` has passed.
 */
function attemptLock<T>(path: string, fn: () => T, options: LockOptions, deadline: number, attempt: number): Attempt<T> {
  const pid = options.pid ?? process.pid;
  // While the lock is visibly held, waiting is cheaper than writing a temp file to try.
  const owner = attempt > 0 && lockExists(path) ? null : tryLock(path, pid);
  if (owner !== null) {
    try {
      return { held: true, value: fn() };
    } finally {
      unlock(path, owner);
    }
  }
  const holder = breakIfStale(path, pid, options.isAlive ?? pidAlive);
  if (Date.now() > deadline) {
    throw new Error(`The spend ledger is locked by process ${holder ?? "unknown"} (${path}); if no Preflight process is running, delete that file.`);
  }
  return { held: false, waitMs: 1 + Math.random() * Math.min(2 ** attempt, 25) };
}

/**
 * Runs `fn` while holding the lock. Waits with a short randomised back-off while another live
 * process holds it; breaks the lock of a dead one.
 */
export async function withLock<T>(path: string, fn: () => T, options: LockOptions = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (let attempt = 0; ; attempt++) {
    const r = attemptLock(path, fn, options, deadline, attempt);
    if (r.held) return r.value;
    await delay(r.waitMs);
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * `withLock`, blocking the thread while it waits (for process exit, where nothing can be
 * awaited). Use only where an await is impossible.
 */
export function withLockSync<T>(path: string, fn: () => T, options: LockOptions = {}): T {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (let attempt = 0; ; attempt++) {
    const r = attemptLock(path, fn, options, deadline, attempt);
    if (r.held) return r.value;
    Atomics.wait(sleeper, 0, 0, r.waitMs);
  }
}

/**
 * Removes the private temp files (`<lock>.<pid>.<token>`) of processes killed between writing
 * one and linking it. Returns how many were removed.
 */
export function removeLeftovers(path: string, isAlive: (pid: number) => boolean = pidAlive): number {
  const prefix = `${basename(path)}.`;
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(\d+)\.[0-9a-f]{24}$/.exec(name.slice(prefix.length));
    if (!match || isAlive(Number(match[1]))) continue;
    unlinkQuietly(join(dirname(path), name));
    removed++;
  }
  return removed;
}
