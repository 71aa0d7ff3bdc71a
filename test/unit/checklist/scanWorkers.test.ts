import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEFAULT_CHECKLIST_SETTINGS } from "../../../server/src/checklist/settings";
import { workerScript } from "../../../server/src/checklist/scan/pool";
import { defaultWorkers, lintFiles, listFiles, MIN_FILES_FOR_WORKERS } from "../../../server/src/checklist/workspace";
import { engine, FIXTURES } from "./helpers";

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pf-scanw-"));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const CLIENT = `from openai import OpenAI\nclient = OpenAI()\n`;
const CALLER = `from shared import client\n\ndef ask(q):\n    return client.chat.completions.create(model="m", messages=[{"role": "user", "content": q}])\n`;

describe("checklist scan on worker threads", function () {
  this.timeout(120_000);

  it("finds exactly what the in-process scan finds, in the same order", async () => {
    const checklist = await engine();
    const files = await listFiles([path.join(FIXTURES, "tune")], DEFAULT_CHECKLIST_SETTINGS);
    assert.ok(files.length > 100, `${files.length} files`);
    const serial = await lintFiles(checklist, files, { workers: 0 });
    const progress: number[] = [];
    const pooled = await lintFiles(checklist, files, { workers: 2, onProgress: (done) => progress.push(done) });
    assert.ok([...serial.values()].some((f) => f.length > 0), "the corpus has findings");
    assert.deepEqual([...pooled.keys()], [...serial.keys()]);
    assert.deepEqual([...pooled.entries()], [...serial.entries()]);
    assert.equal(progress[progress.length - 1], files.length);
    assert.ok(progress.length >= 2, "progress is reported per chunk");
  });

  it("honours rule filters and severities in the workers", async () => {
    const checklist = await engine();
    const files = await listFiles([path.join(FIXTURES, "tune")], DEFAULT_CHECKLIST_SETTINGS);
    const settings = { ...DEFAULT_CHECKLIST_SETTINGS, rules: { ...DEFAULT_CHECKLIST_SETTINGS.rules, "missing-timeout": "error" as const } };
    const pooled = await lintFiles(checklist, files, { workers: 2, settings, only: ["missing-timeout"] });
    const all = [...pooled.values()].flat();
    assert.ok(all.length > 0);
    assert.ok(all.every((f) => f.rule === "missing-timeout" && f.severity === "error"));
  });

  it("lints unsaved texts from the overlay, also across files", async () => {
    const dir = workspace({ "shared.py": "x = 1\n", "app.py": CALLER, "other.py": "y = 2\n" });
    const checklist = await engine();
    const files = await listFiles([dir], DEFAULT_CHECKLIST_SETTINGS);
    const onDisk = await lintFiles(checklist, files, { workers: 2 });
    assert.deepEqual(onDisk.get(path.join(dir, "app.py"))?.filter((f) => f.rule === "missing-timeout"), []);
    const overlay = new Map([[path.join(dir, "shared.py"), CLIENT]]);
    const pooled = await lintFiles(checklist, files, { workers: 2, overlay });
    const serial = await lintFiles(checklist, files, { workers: 0, overlay });
    assert.deepEqual([...pooled.entries()], [...serial.entries()]);
    assert.ok(pooled.get(path.join(dir, "app.py"))?.some((f) => f.rule === "missing-timeout"), "the overlaid client has no timeout");
  });

  it("stops when cancelled and returns what was linted", async () => {
    const checklist = await engine();
    const files = await listFiles([path.join(FIXTURES, "tune")], DEFAULT_CHECKLIST_SETTINGS);
    const cancel = { aborted: false };
    const out = await lintFiles(checklist, files, { workers: 2, cancel, onProgress: (done) => (cancel.aborted = done > 0) });
    assert.ok(out.size > 0 && out.size < files.length, `${out.size} of ${files.length}`);
    const none = await lintFiles(checklist, files, { workers: 2, cancel: { aborted: true } });
    assert.equal(none.size, 0);
  });

  it("keeps a custom read in this thread (it is called for every file)", async () => {
    const dir = workspace({ "a.py": CLIENT, "b.py": "x = 1\n" });
    const checklist = await engine();
    const files = await listFiles([dir], DEFAULT_CHECKLIST_SETTINGS);
    const asked: string[] = [];
    const out = await lintFiles(checklist, files, { workers: 2, read: (f) => (asked.push(f), f.endsWith("b.py") ? undefined : fs.readFileSync(f, "utf8")) });
    assert.deepEqual(asked, files);
    assert.deepEqual([...out.keys()], [path.join(dir, "a.py")]);
  });

  it("starts workers only for large scans and only for idle cores", () => {
    assert.equal(defaultWorkers(MIN_FILES_FOR_WORKERS - 1, 8, 0), 0);
    assert.equal(defaultWorkers(10_000, 8, 0), 7);
    assert.equal(defaultWorkers(10_000, 8, 3.5), 4);
    assert.equal(defaultWorkers(10_000, 2, 0.4), 1);
    assert.equal(defaultWorkers(10_000, 2, 1.2), 0);
    assert.equal(defaultWorkers(10_000, 2, 6), 0);
    assert.equal(defaultWorkers(10_000, 1, 0), 0);
  });

  it("finds its worker script from the TypeScript sources", () => {
    const script = workerScript();
    assert.ok(script && fs.existsSync(script), String(script));
  });
});
