/** Money and time formatting shared by the ledger's messages, the CLI and the status bar. */

/** `$0.42`, `$5.00`; amounts under a cent keep four decimals (`$0.0031`). */
export function formatUsd(usd: number): string {
  if (usd !== 0 && Math.abs(usd) < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

/** `1.8 s` for a second or more, `420 ms` below. */
export function formatLatency(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
