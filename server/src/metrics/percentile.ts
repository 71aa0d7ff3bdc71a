/**
 * Percentiles by linear interpolation between closest ranks (the method of NumPy's default
 * and of most dashboards): p in [0, 100] over an ascending array.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low] as number;
  const b = sorted[high] as number;
  return a + (b - a) * (rank - low);
}

export type Percentiles = { p50: number; p95: number; p99: number };

/** p50/p95/p99 of unsorted values, rounded to 0.1; null for no values. */
export function percentiles(values: readonly number[]): Percentiles | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const round = (n: number | null) => Math.round((n ?? 0) * 10) / 10;
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)) };
}
