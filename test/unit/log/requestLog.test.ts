import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RequestLog } from "../../../server/src/log/requestLog";

describe("log: JSON-lines writer", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "preflight-log-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const lines = (file: string) => readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as { n: number });

  it("appends one JSON object per line, in order, without waiting", async () => {
    const log = new RequestLog(join(dir, "store"), { maxBytes: 1_000_000 });
    for (let n = 0; n < 100; n++) log.append({ n });
    assert.equal(existsSync(log.path), false, "append returned before anything was written");
    await log.flush();
    assert.deepEqual(lines(log.path).map((l) => l.n), Array.from({ length: 100 }, (_, n) => n));
    if (process.platform !== "win32") assert.equal(statSync(log.path).mode & 0o777, 0o600, "owner-only");
  });

  it("builds appendLater lines after returning, in order with plain appends, and skips undefined", async () => {
    const log = new RequestLog(join(dir, "store"), { maxBytes: 1_000_000 });
    const built: number[] = [];
    log.append({ n: 0 });
    log.appendLater(() => (built.push(1), { n: 1 }));
    log.appendLater(() => (built.push(2), undefined));
    log.append({ n: 3 });
    assert.deepEqual(built, [], "nothing was built before the caller went on");
    await log.flush();
    assert.deepEqual(built, [1, 2]);
    assert.deepEqual(lines(log.path).map((l) => l.n), [0, 1, 3]);
  });

  it("rotates by size and keeps N old files, losing nothing that fits", async () => {
    const log = new RequestLog(dir, { maxBytes: 2_000, keep: 2 });
    const pad = "x".repeat(80);
    for (let n = 0; n < 60; n++) {
      log.append({ n, pad });
      if (n % 7 === 0) await log.flush();
    }
    await log.flush();
    const files = readdirSync(dir).sort();
    assert.deepEqual(files, ["requests.1.jsonl", "requests.2.jsonl", "requests.jsonl"]);
    for (const f of files) assert.ok(statSync(join(dir, f)).size <= 2_000, `${f} is ${statSync(join(dir, f)).size} bytes`);
    const kept = [...lines(log.rotatedPath(2)), ...lines(log.rotatedPath(1)), ...lines(log.path)].map((l) => l.n);
    assert.equal(kept[kept.length - 1], 59);
    assert.deepEqual(kept, Array.from({ length: kept.length }, (_, i) => 60 - kept.length + i), "the newest records, contiguous and in order");
    assert.ok(kept.length >= 40, `kept ${kept.length}`);
  });

  it("keeps nothing old with keep 0", async () => {
    const log = new RequestLog(dir, { maxBytes: 300, keep: 0 });
    for (let n = 0; n < 20; n++) log.append({ n, pad: "y".repeat(40) });
    await log.flush();
    assert.deepEqual(readdirSync(dir), ["requests.jsonl"]);
    assert.equal(lines(log.path).pop()?.n, 19);
  });

  it("never throws when the directory cannot be written, and reports it", async () => {
    const blocker = join(dir, "file");
    writeFileSync(blocker, "not a dir");
    const log = new RequestLog(join(blocker, "store"), { maxBytes: 1000 });
    log.append({ n: 1 });
    await log.flush();
    assert.match(log.error ?? "", /Could not write the request log/);
  });

  it("bounds the queue and records how many lines were dropped", async () => {
    const log = new RequestLog(dir, { maxBytes: 1_000_000, maxQueuedLines: 5 });
    for (let n = 0; n < 10; n++) log.append({ n });
    await log.flush();
    log.append({ n: 99 });
    await log.flush();
    const all = readFileSync(log.path, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
    assert.ok(all.some((r) => r.dropped === 5), JSON.stringify(all));
    assert.equal(all[all.length - 1].n, 99);
  });
});
