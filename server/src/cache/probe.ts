/**
 * The decision a semantic lookup makes for one stored question `a` and one new question `b`,
 * shared by the cache itself, `preflight cache probe` and the accuracy test: similarity at or
 * above the threshold and the intent gate agreeing.
 */
import { offlineEmbedder, type Embedder } from "./embedder";
import { sameIntent, type GateVerdict } from "./gate";
import { quantise } from "./records";
import { DEFAULT_SIMILARITY_THRESHOLD } from "./settings";
import { int8Cosine } from "./vectorIndex";

export type ProbeResult = { hit: boolean; similarity: number; gate: GateVerdict };

/** Rounds a similarity to four decimals and clamps it to 0..1 for output. */
export function roundSimilarity(s: number): number {
  return Math.round(Math.min(1, Math.max(0, s)) * 10_000) / 10_000;
}

export async function probePair(a: string, b: string, opts: { embedder?: Embedder; threshold?: number } = {}): Promise<ProbeResult> {
  const embedder = opts.embedder ?? offlineEmbedder();
  const threshold = opts.threshold ?? DEFAULT_SIMILARITY_THRESHOLD;
  const [va, vb] = await embedder.embed([a, b]);
  // The same int8 vectors and cosine the cache scores with, so probe and cache agree at the threshold.
  const raw = int8Cosine(quantise(va!), quantise(vb!));
  const similarity = roundSimilarity(raw);
  const gate = sameIntent(a, b, raw);
  return { hit: raw >= threshold && gate.ok, similarity, gate };
}
