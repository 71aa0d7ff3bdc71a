/**
 * The in-memory search structure over cached questions, one per partition: an inverted index
 * from canonical words to entries (candidate search) and int8 vectors (scoring). A true
 * semantic hit must share the query's listed words and most of the rest (the gate demands it),
 * so the candidates of the query's rarest words contain it; only those are scored.
 *
 * Each partition has an immutable *base segment* loaded in one piece from a pack (typed arrays
 * for vectors, norms and creation times, and ready-made posting lists: no object per entry, so
 * a cold open at 100k entries is a few blob reads), plus a mutable part for entries added since.
 * Removing a base entry marks it dead; `pack()` writes base and mutable parts back as one
 * segment when the cache folds its journal into a snapshot.
 */
export type IndexedEntry = { key: string; partition: string; vector: Int8Array; terms: readonly string[]; createdAt: number };
export type Scored = { key: string; similarity: number };

/** One partition's entries as stored in the snapshot (`index_pack` table). */
export type PackedPartition = {
  partition: string;
  dims: number;
  /** Entry keys joined by "\n". */
  keys: string;
  /** int8 vectors, `dims` bytes per entry, in key order. */
  vectors: Uint8Array;
  /** float32 norms of those vectors. */
  norms: Uint8Array;
  /** float64 creation times. */
  created: Uint8Array;
  /** Posting-list terms joined by "\n". */
  terms: string;
  /** int32 length of each term's posting list. */
  counts: Uint8Array;
  /** int32 entry positions of all posting lists, concatenated. */
  ids: Uint8Array;
};

type Slot = { vector: Int8Array; norm: number; terms: readonly string[]; createdAt: number };

class Segment {
  readonly slotOf = new Map<string, number>();
  readonly dead: Uint8Array;
  alive: number;

  constructor(
    readonly keys: string[],
    readonly dims: number,
    readonly vectors: Int8Array,
    readonly norms: Float32Array,
    readonly created: Float64Array,
    readonly postings: Map<string, Int32Array>,
  ) {
    for (let i = 0; i < keys.length; i++) this.slotOf.set(keys[i]!, i);
    this.dead = new Uint8Array(keys.length);
    this.alive = keys.length;
  }

  kill(key: string): boolean {
    const i = this.slotOf.get(key);
    if (i === undefined) return false;
    this.slotOf.delete(key);
    this.dead[i] = 1;
    this.alive--;
    return true;
  }
}

type Partition = { slots: Map<string, Slot>; postings: Map<string, Set<string>>; base?: Segment };

export function int8Norm(v: Int8Array): number {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i]! * v[i]!;
  return Math.sqrt(n);
}

/** Dot product of `a` with the `a.length` values of `b` starting at `offset`. */
export function int8DotAt(a: Int8Array, b: Int8Array, offset: number): number {
  const n = Math.min(a.length, b.length - offset);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  // Four accumulators: the loop runs several times faster than a single running sum.
  for (; i + 3 < n; i += 4) {
    s0 += (a[i] as number) * (b[offset + i] as number);
    s1 += (a[i + 1] as number) * (b[offset + i + 1] as number);
    s2 += (a[i + 2] as number) * (b[offset + i + 2] as number);
    s3 += (a[i + 3] as number) * (b[offset + i + 3] as number);
  }
  for (; i < n; i++) s0 += (a[i] as number) * (b[offset + i] as number);
  return s0 + s1 + s2 + s3;
}

export function int8Dot(a: Int8Array, b: Int8Array): number {
  return a.length <= b.length ? int8DotAt(a, b, 0) : int8DotAt(b, a, 0);
}

export function int8Cosine(a: Int8Array, b: Int8Array): number {
  const na = int8Norm(a);
  const nb = int8Norm(b);
  return na === 0 || nb === 0 ? 0 : int8Dot(a, b) / (na * nb);
}

/** `bytes` viewed as `T`, without a copy when they are aligned for it (sql.js returns blobs in buffers of their own). */
function view<T>(bytes: Uint8Array, size: number, make: (b: ArrayBuffer, offset: number, length: number) => T): T {
  if (bytes.byteOffset % size === 0 && bytes.byteLength % size === 0) return make(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength / size);
  return make(bytes.slice().buffer, 0, bytes.byteLength / size);
}

function bytesOf(a: Int8Array | Float32Array | Float64Array | Int32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

export class VectorIndex {
  private readonly parts = new Map<string, Partition>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  private partition(name: string): Partition {
    let part = this.parts.get(name);
    if (!part) {
      part = { slots: new Map(), postings: new Map() };
      this.parts.set(name, part);
    }
    return part;
  }

  add(e: IndexedEntry): void {
    this.remove(e.key);
    const part = this.partition(e.partition);
    part.slots.set(e.key, { vector: e.vector, norm: int8Norm(e.vector), terms: e.terms, createdAt: e.createdAt });
    for (const t of e.terms) {
      let set = part.postings.get(t);
      if (!set) part.postings.set(t, (set = new Set()));
      set.add(e.key);
    }
    this.count++;
  }

  remove(key: string): void {
    for (const [name, part] of this.parts) {
      const slot = part.slots.get(key);
      if (slot) {
        part.slots.delete(key);
        for (const t of slot.terms) {
          const set = part.postings.get(t);
          set?.delete(key);
          if (set?.size === 0) part.postings.delete(t);
        }
      } else if (!part.base?.kill(key)) {
        continue;
      }
      this.count--;
      if (part.slots.size === 0 && (part.base?.alive ?? 0) === 0) this.parts.delete(name);
      return;
    }
  }

  clear(): void {
    this.parts.clear();
    this.count = 0;
  }

  /** Loads one packed partition as its base segment (replacing whatever the partition held). */
  loadPack(p: PackedPartition): void {
    const old = this.parts.get(p.partition);
    if (old) this.count -= old.slots.size + (old.base?.alive ?? 0);
    const keys = p.keys === "" ? [] : p.keys.split("\n");
    const terms = p.terms === "" ? [] : p.terms.split("\n");
    const counts = view(p.counts, 4, (b, o, n) => new Int32Array(b, o, n));
    const ids = view(p.ids, 4, (b, o, n) => new Int32Array(b, o, n));
    const postings = new Map<string, Int32Array>();
    let at = 0;
    for (let i = 0; i < terms.length; i++) {
      postings.set(terms[i]!, ids.subarray(at, at + counts[i]!));
      at += counts[i]!;
    }
    const base = new Segment(
      keys, p.dims, view(p.vectors, 1, (b, o, n) => new Int8Array(b, o, n)), view(p.norms, 4, (b, o, n) => new Float32Array(b, o, n)),
      view(p.created, 8, (b, o, n) => new Float64Array(b, o, n)), postings,
    );
    this.parts.set(p.partition, { slots: new Map(), postings: new Map(), base });
    this.count += keys.length;
  }

  /** Every partition as one packed segment (base and mutable entries together). */
  pack(): PackedPartition[] {
    const out: PackedPartition[] = [];
    for (const [name, part] of this.parts) {
      const n = part.slots.size + (part.base?.alive ?? 0);
      const dims = part.base?.dims ?? part.slots.values().next().value?.vector.length ?? 0;
      const keys: string[] = [];
      const vectors = new Int8Array(n * dims);
      const norms = new Float32Array(n);
      const created = new Float64Array(n);
      const postings = new Map<string, number[]>();
      const post = (t: string, i: number) => {
        let list = postings.get(t);
        if (!list) postings.set(t, (list = []));
        list.push(i);
      };
      const base = part.base;
      if (base) {
        const newId = new Int32Array(base.keys.length).fill(-1);
        for (let i = 0; i < base.keys.length; i++) {
          if (base.dead[i]) continue;
          const j = keys.length;
          newId[i] = j;
          keys.push(base.keys[i]!);
          vectors.set(base.vectors.subarray(i * base.dims, (i + 1) * base.dims), j * dims);
          norms[j] = base.norms[i]!;
          created[j] = base.created[i]!;
        }
        for (const [t, list] of base.postings) for (const i of list) if (newId[i]! >= 0) post(t, newId[i]!);
      }
      for (const [key, slot] of part.slots) {
        const j = keys.length;
        keys.push(key);
        if (slot.vector.length === dims) vectors.set(slot.vector, j * dims);
        norms[j] = slot.vector.length === dims ? slot.norm : 0;
        created[j] = slot.createdAt;
        for (const t of slot.terms) post(t, j);
      }
      const terms = [...postings.keys()];
      const counts = new Int32Array(terms.length);
      const ids = new Int32Array(terms.reduce((s, t) => s + postings.get(t)!.length, 0));
      let at = 0;
      terms.forEach((t, i) => {
        const list = postings.get(t)!;
        counts[i] = list.length;
        ids.set(list, at);
        at += list.length;
      });
      out.push({ partition: name, dims, keys: keys.join("\n"), vectors: bytesOf(vectors), norms: bytesOf(norms), created: bytesOf(created), terms: terms.join("\n"), counts: bytesOf(counts), ids: bytesOf(ids) });
    }
    return out;
  }

  /** Entries of one partition sharing the query's rarest words, scored; best first. */
  search(partition: string, vector: Int8Array, terms: readonly string[], opts: { threshold: number; limit: number; maxCandidates: number; minCreatedAt: number }): Scored[] {
    const part = this.parts.get(partition);
    if (!part) return [];
    const qNorm = int8Norm(vector);
    if (qNorm === 0) return [];
    type List = { size: number; base?: Int32Array; keys?: Set<string> };
    const lists: List[] = [];
    for (const t of terms) {
      const b = part.base?.postings.get(t);
      if (b && b.length > 0) lists.push({ size: b.length, base: b });
      const m = part.postings.get(t);
      if (m && m.size > 0) lists.push({ size: m.size, keys: m });
    }
    lists.sort((a, b) => a.size - b.size);
    const baseIds = new Set<number>();
    const keys = new Set<string>();
    // A hit shares every word of a policy category with the query and most of its other words
    // (the gate demands it), so the rarest lists hold it; they are taken rarest first until
    // the candidate budget is spent (always the rarest one).
    for (const list of lists) {
      const size = baseIds.size + keys.size;
      if (size > 0 && size + list.size > opts.maxCandidates) break;
      if (list.base) for (const id of list.base) baseIds.add(id);
      else for (const key of list.keys!) keys.add(key);
    }
    const out: Scored[] = [];
    const base = part.base;
    if (base) {
      for (const i of baseIds) {
        if (base.dead[i] || base.created[i]! < opts.minCreatedAt || base.norms[i] === 0) continue;
        const similarity = int8DotAt(vector, base.vectors, i * base.dims) / (qNorm * base.norms[i]!);
        if (similarity >= opts.threshold) out.push({ key: base.keys[i]!, similarity });
      }
    }
    for (const key of keys) {
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
    const base = part.base;
    if (base) {
      for (let i = 0; i < base.keys.length; i++) {
        if (base.dead[i]) continue;
        out.push({ key: base.keys[i]!, similarity: base.norms[i] === 0 ? 0 : int8DotAt(vector, base.vectors, i * base.dims) / (qNorm * base.norms[i]!) });
      }
    }
    for (const [key, slot] of part.slots) out.push({ key, similarity: slot.norm === 0 ? 0 : int8Dot(vector, slot.vector) / (qNorm * slot.norm) });
    return out.sort((a, b) => b.similarity - a.similarity);
  }
}
