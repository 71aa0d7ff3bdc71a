import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { FIXTURES, formatScore, scoreSet } from "./helpers";

describe("checklist accuracy on the labelled corpora", function () {
  this.timeout(120_000);

  it("meets precision/recall ≥ 0.85 and keeps clean files clean on the tune set", async () => {
    const s = await scoreSet(path.join(FIXTURES, "tune"));
    console.log(formatScore("tune", s));
    if (process.env.PREFLIGHT_SHOW_MISTAKES) console.log(s.mistakes.join("\n"));
    assert.ok(s.tp + s.fn >= 40, "the tune set should hold at least 40 expected findings");
    assert.deepEqual(s.dirtyCleanFiles, [], "clean files must produce zero findings");
    assert.ok(s.tp / (s.tp + s.fp) >= 0.85, `precision ${(s.tp / (s.tp + s.fp)).toFixed(3)} < 0.85`);
    assert.ok(s.tp / (s.tp + s.fn) >= 0.85, `recall ${(s.tp / (s.tp + s.fn)).toFixed(3)} < 0.85`);
  });

  it("reports the numbers on the holdout set when it is present", async function () {
    const dir = path.join(FIXTURES, "holdout");
    if (!fs.existsSync(path.join(dir, "expected.json"))) this.skip();
    const s = await scoreSet(dir);
    console.log(formatScore("holdout", s));
    if (process.env.PREFLIGHT_SHOW_MISTAKES) console.log(s.mistakes.join("\n"));
    assert.ok(s.tp + s.fp + s.fn > 0, "the holdout set should contain labelled findings");
  });
});
