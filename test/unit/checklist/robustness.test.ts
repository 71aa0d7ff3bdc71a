import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { diffEdit } from "../../../server/src/checklist/parser";
import { FIXTURES, lintText } from "./helpers";

const FILES = path.join(FIXTURES, "tune", "files");
const SAMPLES = ["py/fastapi_chat_bad.py", "js/express_chat_bad.js", "ts/app/api/summarize/route.ts", "ts/components/ChatBox.tsx"].map((rel) => ({
  rel,
  text: fs.readFileSync(path.join(FILES, rel), "utf8"),
}));

describe("checklist robustness", function () {
  this.timeout(120_000);

  it("never throws on truncated or spliced sources (syntax errors included)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: SAMPLES.length - 1 }), fc.nat(), fc.nat(), fc.string({ maxLength: 12 }), async (i, a, b, junk) => {
        const { rel, text } = SAMPLES[i] as { rel: string; text: string };
        const cut = a % (text.length + 1);
        const resume = Math.max(cut, b % (text.length + 1));
        const mangled = text.slice(0, cut) + junk + text.slice(resume);
        const findings = await lintText(rel, mangled);
        for (const f of findings) assert.ok(f.span.startLine >= 0 && f.span.endLine >= f.span.startLine);
      }),
      { numRuns: 150, seed: 42 },
    );
  });

  it("gives the same findings with incremental re-parsing as with a fresh parse", async () => {
    const { Checklist } = await import("../../../server/src/checklist/linter");
    const c = await Checklist.create();
    const base = (SAMPLES[0] as { text: string }).text;
    const edits = [base, base.replace("gpt-4o", "gpt-4o-mini"), base.replace('allow_origins=["*"]', 'allow_origins=["https://a.example"]'), base];
    for (const text of edits) {
      const fresh = c.lint("/x/app.py", text).map((f) => `${f.rule}@${f.span.startLine}`);
      const incremental = c.lint("/x/app.py", text, { incremental: true }).map((f) => `${f.rule}@${f.span.startLine}`);
      assert.deepEqual(incremental, fresh);
    }
  });

  it("describes a text change as one edit with correct positions", () => {
    const e = diffEdit("a\nbc\nd", "a\nbXc\nd");
    assert.ok(e);
    assert.deepEqual([e.startIndex, e.oldEndIndex, e.newEndIndex], [3, 3, 4]);
    assert.deepEqual(e.startPosition, { row: 1, column: 1 });
    assert.equal(diffEdit("same", "same"), undefined);
  });
});

describe("checklist pre-parse gate and lazy grammars", function () {
  this.timeout(120_000);

  it("gives the same findings with and without the trigger-word gate on the tune files and on slices of them", async () => {
    const { Checklist } = await import("../../../server/src/checklist/linter");
    const c = await Checklist.create();
    const all: { rel: string; text: string }[] = [];
    const walkDir = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walkDir(p);
        else all.push({ rel: path.relative(FILES, p), text: fs.readFileSync(p, "utf8") });
      }
    };
    walkDir(FILES);
    const key = (file: string, text: string, gate: boolean): string[] => c.lint(path.join("/gate", file), text, { gate }).map((f) => `${f.rule}@${f.span.startLine}:${f.span.startCol}`);
    for (const { rel, text } of all) assert.deepEqual(key(rel, text, true), key(rel, text, false), rel);
    let gated = 0;
    let gatedFindings = 0;
    await fc.assert(
      fc.property(fc.integer({ min: 0, max: all.length - 1 }), fc.nat(), fc.nat({ max: 12 }), (i, a, len) => {
        const { rel, text } = all[i] as { rel: string; text: string };
        const lines = text.split("\n");
        const from = a % lines.length;
        const slice = lines.slice(from, from + len + 1).join("\n");
        const withGate = key(rel, slice, true);
        const without = key(rel, slice, false);
        if (withGate.length === 0 && c.lint(rel, slice, { gate: true }).length === 0) gated++;
        gatedFindings += without.length;
        assert.deepEqual(withGate, without, `${rel} lines ${from + 1}-${from + len + 1}`);
      }),
      { numRuns: 400, seed: 7 },
    );
    assert.ok(gated > 0 && gatedFindings > 0, "the slices should include gated files and files with findings");
  });

  it("loads no grammar until prepare() and then only the file's language family", async () => {
    const { Checklist } = await import("../../../server/src/checklist/linter");
    const c = await Checklist.create(undefined, { lazy: true });
    assert.deepEqual(c.loadedGrammars(), []);
    assert.throws(() => c.lint("/x/app.py", "from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model='m', messages=[])\n"), /not loaded/);
    await c.prepare("/x/app.py");
    assert.deepEqual(c.loadedGrammars(), ["python"]);
    assert.ok(c.lint("/x/app.py", "from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model='m', messages=[])\n").length > 0);
    await c.prepare(["/x/a.ts", "/x/b.py"]);
    assert.deepEqual(c.loadedGrammars().sort(), ["javascript", "python", "tsx", "typescript"]);
  });
});
