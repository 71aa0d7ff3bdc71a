/**
 * Overlap resolution: the strongest of overlapping findings is kept (priority, then length,
 * then the earlier start). Checked against a direct reference implementation on random
 * findings, below and above the size where the resolver switches strategy.
 */
import assert from "node:assert/strict";
import { resolveOverlaps } from "../../../server/src/guards/detect";
import type { Finding, FindingType } from "../../../server/src/guards/types";

/** The policy written as directly as possible: quadratic, obviously right. */
function reference(findings: Finding[]): Finding[] {
  const ranked = [...findings].sort((a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Finding[] = [];
  for (const f of ranked) if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  return kept.sort((a, b) => a.start - b.start);
}

describe("guards/overlaps", () => {
  it("keeps the same findings as the reference on random inputs of every size", () => {
    let seed = 42;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const types: FindingType[] = ["EMAIL", "PHONE", "GENERIC_SECRET", "OPENAI_KEY", "PERSON_NAME"];
    for (const size of [0, 1, 2, 5, 30, 64, 65, 100, 400]) {
      for (let round = 0; round < 20; round++) {
        const findings: Finding[] = [];
        const span = size * 6 + 10;
        for (let i = 0; i < size; i++) {
          const start = rand(span);
          findings.push({ type: types[rand(types.length)]!, start, end: start + 1 + rand(12), priority: [1, 1.2, 1.5, 2, 3][rand(5)]! });
        }
        assert.deepEqual(resolveOverlaps(findings), reference(findings), `size ${size}, round ${round}`);
      }
    }
  });

  it("prefers priority over length and length over position", () => {
    const out = resolveOverlaps([
      { type: "GENERIC_SECRET", start: 0, end: 20, priority: 1 },
      { type: "OPENAI_KEY", start: 5, end: 15, priority: 3 },
      { type: "EMAIL", start: 30, end: 40, priority: 2 },
      { type: "PHONE", start: 35, end: 50, priority: 2 },
    ]);
    assert.deepEqual(out.map((f) => f.type), ["OPENAI_KEY", "PHONE"]);
  });
});
