/**
 * The decision a semantic lookup makes for one stored question `a` and one new question `b`,
 * shared by the cache itself, `preflight cache probe` and the accuracy test: similarity at or
 * above the threshold and the intent gate agreeing.
 */
import { cosine, offlineEmbedder, type Embedder } from "./embedder";
import { sameIntent, type GateVerdict } from "./gate";
import { DEFAULT_SIMILARITY_THRESHOLD } from "./settings";

export type ProbeResult = { hit: boolean; similarity: number; gate: GateVerdict };

/** Rounds a similarity to four decimals and clamps it to 0..1 for output. */
export function roundSimilarity(s: number): number {
  return Math.round(Math.min(1, Math.max(0, s)) * 10_000) / 10_000;
}

export async function probePair(a: string, b: string, opts: { embedder?: Embedder; threshold?: number } = {}): Promise<ProbeResult> {
  const embedder = opts.embedder ?? offlineEmbedder();
  const threshold = opts.threshold ?? DEFAULT_SIMILARITY_THRESHOLD;
  const [va, vb] = await embedder.embed([a, b]);
  const similarity = roundSimilarity(cosine(va!, vb!));
  const gate = sameIntent(a, b);
  return { hit: similarity >= threshold && gate.ok, similarity, gate };
}
