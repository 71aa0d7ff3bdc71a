/**
 * A lock file shared by every process using one cache folder. Held only for short synchronous
 * sections (append to the journal, write a snapshot). A lock whose owner died (same host, pid
 * gone) or that is older than `staleMs` is taken over, so a process killed while holding it
 * never blocks the others.
 */
import { closeSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";

export type LockOptions = { timeoutMs?: number; staleMs?: number };

function ownerIsGone(path: string, staleMs: number): boolean {
  try {
    const age = Date.now() - statSync(path).mtimeMs;
    const owner = JSON.parse(readFileSync(path, "utf8")) as { pid?: number; host?: string };
    if (owner.host === hostname() && typeof owner.pid === "number") {
      try {
        process.kill(owner.pid, 0);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ESRCH") return true;
      }
    }
    return age > staleMs;
  } catch {
    // Unreadable or half-written: stale only once old enough (its writer may be mid-write).
    try {
      return Date.now() - statSync(path).mtimeMs > 2000;
    } catch {
      return false;
    }
  }
}

function tryAcquire(path: string): boolean {
  try {
    const fd = openSync(path, "wx");
    try {
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), at: Date.now() }));
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
}

/** Runs `fn` while holding `<dir>/cache.lock`. */
export async function withLock<T>(dir: string, fn: () => T, opts: LockOptions = {}): Promise<T> {
  const path = join(dir, "cache.lock");
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const staleMs = opts.staleMs ?? 60_000;
  const started = Date.now();
  let wait = 2;
  while (!tryAcquire(path)) {
    if (ownerIsGone(path, staleMs)) {
      // Move the stale lock aside atomically, so two waiters cannot both remove a fresh one.
      const aside = `${path}.stale-${process.pid}-${Math.random().toString(36).slice(2)}`;
      try {
        renameSync(path, aside);
        unlinkSync(aside);
      } catch {
        // Another waiter took it over first.
      }
      continue;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`The cache folder ${dir} stayed locked for ${Math.round(timeoutMs / 1000)} s by another Preflight process; try again, or delete ${path} if no Preflight is running.`);
    }
    await delay(wait);
    wait = Math.min(50, wait * 2);
  }
  try {
    return fn();
  } finally {
    try {
      unlinkSync(path);
    } catch {
      // Taken over as stale by another process after a very long hold; nothing left to release.
    }
  }
}
