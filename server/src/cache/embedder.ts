/**
 * Embedders turn a question into a unit vector. The id is part of the cache partition, so
 * vectors from different embedders are never compared. The offline embedder needs no network
 * and no model: it hashes canonical words, word pairs and character trigrams (for typos) into
 * a fixed number of dimensions with signed feature hashing, then normalises.
 */
import { analyse } from "./text";

export interface Embedder {
  /** Stable id including model and dimension, e.g. `offline-hash-v2-512`. */
  readonly id: string;
  readonly dimensions: number;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

export const OFFLINE_DIMENSIONS = 256;

/** FNV-1a, 32 bit. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function add(v: Float32Array, feature: string, weight: number): void {
  const h = hash(feature);
  v[h % v.length]! += h & 0x80000000 ? -weight : weight;
}

export function normalize(v: Float32Array): Float32Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i]! * v[i]!;
  n = Math.sqrt(n);
  if (n > 0) for (let i = 0; i < v.length; i++) v[i]! /= n;
  return v;
}

/** The offline vector of one text (synchronous; the Embedder wraps it). */
export function offlineVector(text: string, dims = OFFLINE_DIMENSIONS): Float32Array {
  const v = new Float32Array(dims);
  const { words } = analyse(text);
  let prev: string | undefined;
  for (const w of words) {
    if (w.role === "grammar") continue;
    const weight = w.role === "filler" ? 0.15 : w.role === "context" ? 0.5 : 1;
    add(v, `w:${w.canon}`, weight);
    if (w.role !== "filler") {
      const padded = `^${w.canon}$`;
      const grams = Math.max(1, padded.length - 2);
      for (let i = 0; i + 3 <= padded.length; i++) add(v, `c:${padded.slice(i, i + 3)}`, (0.6 * weight) / Math.sqrt(grams));
      if (prev !== undefined) add(v, `b:${prev}_${w.canon}`, 0.4 * weight);
      prev = w.canon;
    }
  }
  return normalize(v);
}

export function offlineEmbedder(dims = OFFLINE_DIMENSIONS): Embedder {
  return {
    id: `offline-hash-v2-${dims}`,
    dimensions: dims,
    embed: async (texts) => texts.map((t) => offlineVector(t, dims)),
  };
}

/** Cosine of two unit vectors (or of any two vectors when they are not normalised). */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
