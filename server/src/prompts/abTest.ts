/**
 * A/B assignment between the versions of one template: a conversation always gets the same
 * version (a stable sha256 of template id and conversation id, not Math.random), and across
 * many conversations each version's share follows its weight.
 */
import { createHash } from "node:crypto";

/** Orders versions: dotted numeric parts compare as numbers ("1.10" > "1.9"), others as text. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/);
  const pb = b.split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    const diff = !Number.isNaN(nx) && !Number.isNaN(ny) ? nx - ny : x.localeCompare(y);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** A number in [0, 1) fixed by the key: the first 48 bits of its sha256. */
export function stableUnit(key: string): number {
  const hex = createHash("sha256").update(key).digest("hex").slice(0, 12);
  return parseInt(hex, 16) / 2 ** 48;
}

/**
 * Picks one of `candidates` (already in a stable order) for a conversation, in proportion to
 * the weights. Returns undefined when no candidate has a positive weight.
 */
export function assignVariant<T extends { version: string; weight: number }>(templateId: string, conversationId: string, candidates: readonly T[]): T | undefined {
  const weighted = candidates.filter((c) => c.weight > 0);
  const total = weighted.reduce((sum, c) => sum + c.weight, 0);
  if (total <= 0) return undefined;
  let point = stableUnit(`${templateId}\u0000${conversationId}`) * total;
  for (const candidate of weighted) {
    point -= candidate.weight;
    if (point < 0) return candidate;
  }
  return weighted[weighted.length - 1];
}
