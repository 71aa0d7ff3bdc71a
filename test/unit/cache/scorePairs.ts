/**
 * Scores a labelled pair set through probePair, the function `preflight cache probe` uses:
 * false-hit rate over different-intent pairs, recall over same-intent pairs, and both per kind.
 */
import { readFileSync } from "node:fs";
import { probePair } from "../../../server/src/cache/probe";

export type Pair = { id: string; a: string; b: string; same_intent: boolean; kind: string };
export type KindScore = { kind: string; pairs: number; hits: number };
export type Score = {
  same: number;
  different: number;
  recall: number;
  falseHitRate: number;
  byKind: KindScore[];
  falseHits: (Pair & { similarity: number })[];
  misses: (Pair & { similarity: number; reason: string })[];
};

export function readPairs(file: string): Pair[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Pair);
}

export async function scorePairs(pairs: readonly Pair[], threshold?: number): Promise<Score> {
  const kinds = new Map<string, KindScore>();
  const falseHits: Score["falseHits"] = [];
  const misses: Score["misses"] = [];
  let sameHits = 0;
  let same = 0;
  let different = 0;
  for (const p of pairs) {
    const r = await probePair(p.a, p.b, threshold === undefined ? {} : { threshold });
    const k = kinds.get(p.kind) ?? { kind: p.kind, pairs: 0, hits: 0 };
    k.pairs++;
    if (r.hit) k.hits++;
    kinds.set(p.kind, k);
    if (p.same_intent) {
      same++;
      if (r.hit) sameHits++;
      else misses.push({ ...p, similarity: r.similarity, reason: r.gate.ok ? "below threshold" : `${r.gate.reason}: ${r.gate.words.join(", ")}` });
    } else {
      different++;
      if (r.hit) falseHits.push({ ...p, similarity: r.similarity });
    }
  }
  return {
    same,
    different,
    recall: same === 0 ? 1 : sameHits / same,
    falseHitRate: different === 0 ? 0 : falseHits.length / different,
    byKind: [...kinds.values()].sort((a, b) => a.kind.localeCompare(b.kind)),
    falseHits,
    misses,
  };
}
