/**
 * Real processes on one cache folder: concurrent writers must not lose each other's entries,
 * and a writer killed with SIGKILL at any moment must leave a cache that opens with every
 * entry it reported as flushed.
 */
import { strict as assert } from "node:assert";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as delay } from "node:timers/promises";
import { keyFor, open, tempDir } from "./helpers/fixtures";

const WRITER = join(__dirname, "helpers", "writer.ts");

function startWriter(dir: string, prefix: string, count: number, answerBytes: number, compactMinBytes: number): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", WRITER, dir, prefix, String(count), String(answerBytes), String(compactMinBytes)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Collects "flushed NAME" lines; resolves `reached` once the n-th "flushing" (or, with `done`, "flushed") line is seen. */
function watch(child: ChildProcess, n: number, on: "flushing" | "flushed" = "flushed"): { flushed: string[]; reached: Promise<void>; stderr: string[] } {
  const flushed: string[] = [];
  const stderr: string[] = [];
  let resolveReached!: () => void;
  const reached = new Promise<void>((r) => (resolveReached = r));
  let starts = 0;
  createInterface({ input: child.stdout! }).on("line", (line) => {
    if (line.startsWith("flushed ")) flushed.push(line.slice(8));
    if (line.startsWith("flushing ")) starts++;
    if ((on === "flushed" ? flushed.length : starts) === n) resolveReached();
  });
  child.stderr!.on("data", (d: Buffer) => stderr.push(d.toString()));
  return { flushed, reached, stderr };
}

describe("cache: several processes", function () {
  this.timeout(120_000);
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.remove());

  it("four processes writing at once keep every entry (with snapshots folded meanwhile)", async () => {
    const writers = ["p0", "p1", "p2", "p3"].map((p) => {
      const child = startWriter(t.dir, p, 40, 300, 8 * 1024);
      return { child, seen: watch(child, 40), exit: once(child, "exit") };
    });
    for (const w of writers) {
      const [code] = await w.exit;
      assert.equal(code, 0, w.seen.stderr.join(""));
    }
    const c = await open(t.dir);
    assert.equal(c.stats().entries, 160);
    for (const p of ["p0", "p1", "p2", "p3"]) {
      for (let i = 0; i < 40; i++) {
        const q = `question ${p}-${i}`;
        assert.ok(await c.lookup(keyFor(q), q, { semantic: false }), `${q} was lost`);
      }
    }
    await c.close();
  });

  it("a writer killed with SIGKILL mid-write leaves every flushed entry readable", async () => {
    const flushedOverall: string[] = [];
    for (let round = 0; round < 8; round++) {
      // Large answers make each append and snapshot (fsync'd, folded whenever the journal outgrows half the snapshot) slow enough to be interrupted.
      const child = startWriter(t.dir, `r${round}`, 0, 300_000 + round * 50_000, 1);
      // Killed right after it announces a write, i.e. while appending or folding a snapshot.
      const seen = watch(child, 1 + (round % 4), "flushing");
      const exit = once(child, "exit");
      await seen.reached;
      // Not a wait for anything: a deliberate, varied kill moment inside the write that follows
      // (appending and fsyncing a megabyte, or folding a snapshot, takes tens of milliseconds).
      await delay((round * 13) % 60);
      child.kill("SIGKILL");
      const [, signal] = await exit;
      assert.equal(signal, "SIGKILL");
      flushedOverall.push(...seen.flushed);
      const messages: string[] = [];
      const c = await open(t.dir, { log: (m) => messages.push(m) });
      assert.deepEqual(messages.filter((m) => /could not be read/.test(m)), [], "the snapshot must never be corrupt");
      for (const name of flushedOverall) {
        const q = `question ${name}`;
        assert.ok(await c.lookup(keyFor(q), q, { semantic: false }), `${name} was flushed but is missing after round ${round}`);
      }
      await c.close();
    }
  });
});
