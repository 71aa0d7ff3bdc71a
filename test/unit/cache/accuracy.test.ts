/**
 * Accuracy of the semantic decision on labelled pairs, through probePair (what
 * `preflight cache probe` runs). Targets: false hits ≤ 1% of different-intent pairs and recall
 * ≥ 0.5 of same-intent pairs. Every set under test/fixtures/cache/ is scored and printed;
 * the targets are asserted on tune/ (the set the threshold and word lists were calibrated on).
 * holdout/ is written independently and only reported (see docs/cache.md for its numbers).
 */
import { strict as assert } from "node:assert";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { readPairs, scorePairs } from "./scorePairs";

const ROOT = join(__dirname, "..", "..", "fixtures", "cache");
const sets = existsSync(ROOT) ? readdirSync(ROOT).filter((d) => existsSync(join(ROOT, d, "pairs.jsonl"))) : [];

describe("cache accuracy", function () {
  this.timeout(120_000);

  it("has a tune set with hundreds of pairs of many kinds", () => {
    assert.ok(sets.includes("tune"));
    const pairs = readPairs(join(ROOT, "tune", "pairs.jsonl"));
    assert.ok(pairs.length >= 250, `${pairs.length} pairs`);
    assert.ok(new Set(pairs.map((p) => p.kind)).size >= 12);
  });

  for (const set of sets) {
    it(set === "tune" ? `${set}: false hits ≤ 1% and recall ≥ 0.5` : `${set}: scored and reported`, async () => {
      const score = await scorePairs(readPairs(join(ROOT, set, "pairs.jsonl")));
      const perKind = score.byKind.map((k) => `${k.kind} ${k.hits}/${k.pairs}`).join(", ");
      // Printed so the numbers are visible in the test log, not only pass/fail.
      console.log(`      ${set}: recall ${score.recall.toFixed(3)} (${score.same} same-intent), false hits ${(score.falseHitRate * 100).toFixed(2)}% (${score.falseHits.length}/${score.different}); hits per kind: ${perKind}`);
      for (const f of score.falseHits) console.log(`      false hit [${f.kind}] ${f.similarity}: "${f.a}" / "${f.b}"`);
      assert.equal(score.same + score.different > 0, true);
      if (set !== "tune") return;
      assert.ok(score.falseHitRate <= 0.01, `false-hit rate ${score.falseHitRate}`);
      assert.ok(score.recall >= 0.5, `recall ${score.recall}`);
    });
  }
});
