/**
 * The in-memory search structure over cached questions, one per partition: an inverted index
 * from canonical words to entries (candidate search) and int8 vectors (scoring). A true
 * semantic hit must share the query's listed words and most of the rest (the gate demands it),
 * so the candidates of the query's rarest words contain it; only those are scored.
 */
export type IndexedEntry = { key: string; partition: string; vector: Int8Array; terms: readonly string[]; createdAt: number };
export type Scored = { key: string; similarity: number };

type Slot = { vector: Int8Array; norm: number; terms: readonly string[]; createdAt: number };
type Partition = { slots: Map<string, Slot>; postings: Map<string, Set<string>> };

export function int8Norm(v: Int8Array): number {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i]! * v[i]!;
  return Math.sqrt(n);
}

export function int8Dot(a: Int8Array, b: Int8Array): number {
  const n = a.length < b.length ? a.length : b.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  // Four accumulators: the loop runs several times faster than a single running sum.
  for (; i + 3 < n; i += 4) {
    s0 += (a[i] as number) * (b[i] as number);
    s1 += (a[i + 1] as number) * (b[i + 1] as number);
    s2 += (a[i + 2] as number) * (b[i + 2] as number);
    s3 += (a[i + 3] as number) * (b[i + 3] as number);
  }
  for (; i < n; i++) s0 += (a[i] as number) * (b[i] as number);
  return s0 + s1 + s2 + s3;
}

export function int8Cosine(a: Int8Array, b: Int8Array): number {
  const na = int8Norm(a);
  const nb = int8Norm(b);
  return na === 0 || nb === 0 ? 0 : int8Dot(a, b) / (na * nb);
}

export class VectorIndex {
  private readonly parts = new Map<string, Partition>();
  private readonly partitionOf = new Map<string, string>();

  get size(): number {
    return this.partitionOf.size;
  }

  add(e: IndexedEntry): void {
    this.remove(e.key);
    let part = this.parts.get(e.partition);
    if (!part) {
      part = { slots: new Map(), postings: new Map() };
      this.parts.set(e.partition, part);
    }
    part.slots.set(e.key, { vector: e.vector, norm: int8Norm(e.vector), terms: e.terms, createdAt: e.createdAt });
    for (const t of e.terms) {
      let set = part.postings.get(t);
      if (!set) part.postings.set(t, (set = new Set()));
      set.add(e.key);
    }
    this.partitionOf.set(e.key, e.partition);
  }

  remove(key: string): void {
    const partition = this.partitionOf.get(key);
    if (partition === undefined) return;
    this.partitionOf.delete(key);
    const part = this.parts.get(partition)!;
    const slot = part.slots.get(key);
    part.slots.delete(key);
    for (const t of slot?.terms ?? []) {
      const set = part.postings.get(t);
      set?.delete(key);
      if (set?.size === 0) part.postings.delete(t);
    }
    if (part.slots.size === 0) this.parts.delete(partition);
  }

  clear(): void {
    this.parts.clear();
    this.partitionOf.clear();
  }

  /** Entries of one partition sharing the query's rarest words, scored; best first. */
  search(partition: string, vector: Int8Array, terms: readonly string[], opts: { threshold: number; limit: number; maxCandidates: number; minCreatedAt: number }): Scored[] {
    const part = this.parts.get(partition);
    if (!part) return [];
    const lists = terms
      .map((t) => part.postings.get(t))
      .filter((s): s is Set<string> => s !== undefined)
      .sort((a, b) => a.size - b.size);
    const candidates = new Set<string>();
    // A hit shares every word of a policy category with the query and most of its other words
    // (the gate demands it), so the rarest lists hold it; they are taken rarest first until
    // the candidate budget is spent (always the two rarest, for a misspelt rare word).
    for (const [i, list] of lists.entries()) {
      if (i >= 2 && candidates.size + list.size > opts.maxCandidates) break;
      for (const key of list) candidates.add(key);
    }
    const qNorm = int8Norm(vector);
    if (qNorm === 0) return [];
    const out: Scored[] = [];
    for (const key of candidates) {
      const slot = part.slots.get(key)!;
      if (slot.createdAt < opts.minCreatedAt || slot.norm === 0) continue;
      const similarity = int8Dot(vector, slot.vector) / (qNorm * slot.norm);
      if (similarity >= opts.threshold) out.push({ key, similarity });
    }
    return out.sort((a, b) => b.similarity - a.similarity).slice(0, opts.limit);
  }

  /** Every entry of a partition scored, without the word index: the brute-force reference. */
  scanAll(partition: string, vector: Int8Array): Scored[] {
    const part = this.parts.get(partition);
    if (!part) return [];
    const qNorm = int8Norm(vector);
    const out: Scored[] = [];
    for (const [key, slot] of part.slots) out.push({ key, similarity: slot.norm === 0 ? 0 : int8Dot(vector, slot.vector) / (qNorm * slot.norm) });
    return out.sort((a, b) => b.similarity - a.similarity);
  }
}
