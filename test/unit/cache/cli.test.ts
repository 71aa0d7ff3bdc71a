import { strict as assert } from "node:assert";
import { PassThrough, Readable } from "node:stream";
import { cache } from "../../../server/src/cli/cache";
import { workspaceStoreDir } from "../../../server/src/cache/location";
import { open, put, tempDir } from "./helpers/fixtures";

async function run(argv: string[], stdin: string, env: NodeJS.ProcessEnv, cwd = process.cwd()) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on("data", (d: Buffer) => out.push(d.toString()));
  stderr.on("data", (d: Buffer) => err.push(d.toString()));
  const code = await cache({ argv, stdin: Readable.from([stdin]), stdout, stderr, env, cwd });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

describe("preflight cache", () => {
  let home: ReturnType<typeof tempDir>;
  let ws: ReturnType<typeof tempDir>;
  beforeEach(() => {
    home = tempDir("preflight-home-");
    ws = tempDir("preflight-ws-");
  });
  afterEach(() => {
    home.remove();
    ws.remove();
  });

  it("probe --jsonl answers hit and similarity per pair", async () => {
    const input = [
      { id: "p", a: "How do I delete a local git branch?", b: "How can I remove a local branch in git?" },
      { id: "n", a: "How do I delete a local git branch?", b: "How do I delete a remote git branch?" },
    ].map((x) => JSON.stringify(x)).join("\n");
    const r = await run(["probe", "--jsonl"], input, {});
    assert.equal(r.code, 0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { id: string; hit: boolean; similarity: number });
    assert.deepEqual(lines.map((l) => [l.id, l.hit]), [["p", true], ["n", false]]);
    for (const l of lines) assert.ok(l.similarity >= 0 && l.similarity <= 1);
  });

  it("probe rejects malformed input with exit 2", async () => {
    const r = await run(["probe", "--jsonl"], '{"id":"x","a":"only a"}\n', {});
    assert.equal(r.code, 2);
    assert.match(r.stderr, /line 1 needs string fields "a" and "b"/);
  });

  it("stats and clear act on the workspace's cache under PREFLIGHT_HOME", async () => {
    const dir = workspaceStoreDir(home.dir, ws.dir);
    const c = await open(dir);
    await put(c, "How do I delete a local git branch?", "answer");
    await c.close();
    const env = { PREFLIGHT_HOME: home.dir };
    const stats = await run(["stats", "--workspace", ws.dir, "--json"], "", env);
    assert.equal(stats.code, 0);
    const s = JSON.parse(stats.stdout) as { entries: number; hits: number; usdSaved: number };
    assert.equal(s.entries, 1);
    const cleared = await run(["clear", "--json"], "", env, ws.dir);
    assert.deepEqual(JSON.parse(cleared.stdout), { cleared: 1 });
    const after = await run(["stats", "--workspace", ws.dir], "", env);
    assert.match(after.stdout, /Entries: +0/);
  });

  it("refuses an unknown subcommand with exit 2", async () => {
    assert.equal((await run(["purge"], "", {})).code, 2);
  });
});
