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
