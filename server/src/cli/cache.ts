/**
 * `preflight cache probe [--jsonl]`, `preflight cache stats|clear [--workspace DIR] [--json]`
 * (CLI.md). `probe` answers, per pair, whether a cached answer to `a` would be served for `b`
 * by the default cache configuration (same model, temperature 0, offline embedder): it calls
 * the same decision the cache makes. `stats` and `clear` act on the workspace's cache under
 * PREFLIGHT_HOME, safely alongside a running editor.
 */
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { probePair } from "../cache/probe";
import { openCache, type CacheStats } from "../cache/semanticCache";
import { DEFAULT_CACHE_SETTINGS } from "../cache/settings";
import { storeDirsFor } from "../core/storeDirs";
import { EXIT, readAll, usageError, type CliCommand, type CliIO } from "./io";

type PairIn = { id?: unknown; a?: unknown; b?: unknown };

async function probe(io: CliIO, jsonl: boolean): Promise<number> {
  const input = await readAll(io.stdin);
  const docs = jsonl ? input.split("\n").map((l, i) => [l, i + 1] as const).filter(([l]) => l.trim() !== "") : [[input, 1] as const];
  const out: string[] = [];
  for (const [text, line] of docs) {
    let pair: PairIn;
    try {
      pair = JSON.parse(text) as PairIn;
    } catch {
      return usageError(io, `${jsonl ? `line ${line}` : "stdin"} is not JSON; write {"id": "...", "a": "first question", "b": "second question"}.`);
    }
    if (pair === null || typeof pair !== "object" || typeof pair.a !== "string" || typeof pair.b !== "string") {
      return usageError(io, `${jsonl ? `line ${line}` : "stdin"} needs string fields "a" and "b" (and an optional "id").`);
    }
    const r = await probePair(pair.a, pair.b);
    out.push(JSON.stringify({ ...(pair.id !== undefined ? { id: pair.id } : {}), hit: r.hit, similarity: r.similarity }));
  }
  io.stdout.write(out.length > 0 ? `${out.join("\n")}\n` : "");
  return EXIT.ok;
}

function statsText(s: CacheStats, dir: string): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return [
    `Cache:        ${dir}`,
    `Entries:      ${s.entries} (${(s.bytes / 1024).toFixed(1)} KiB on disk)`,
    `Hits:         ${s.hits} (${s.hitsExact} exact, ${s.hitsSemantic} semantic)`,
    `Misses:       ${s.misses}`,
    `Hit rate:     ${pct(s.hitRate)}`,
    `Tokens saved: ${s.tokensSaved}`,
    `Money saved:  $${s.usdSaved.toFixed(4)}`,
    `Embedder:     ${s.embedder}`,
  ].join("\n") + "\n";
}

export const cache: CliCommand = async (io: CliIO) => {
  let parsed;
  try {
    parsed = parseArgs({ args: io.argv, allowPositionals: true, options: { workspace: { type: "string" }, json: { type: "boolean" }, jsonl: { type: "boolean" } } });
  } catch (err) {
    return usageError(io, err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  const sub = positionals[0];
  if (positionals.length !== 1 || (sub !== "probe" && sub !== "stats" && sub !== "clear")) {
    return usageError(io, `cache needs one of: probe [--jsonl], stats [--workspace DIR] [--json], clear [--workspace DIR] [--json].`);
  }
  if (sub === "probe") return probe(io, values.jsonl === true);
  const workspace = resolve(io.cwd, values.workspace ?? ".");
  const { storeDir } = storeDirsFor(workspace, io.env);
  const c = await openCache({ dir: storeDir, settings: DEFAULT_CACHE_SETTINGS, log: (m) => io.stderr.write(`preflight: ${m}\n`) });
  try {
    if (sub === "stats") {
      const s = c.stats();
      io.stdout.write(values.json ? `${JSON.stringify({ ...s, dir: storeDir })}\n` : statsText(s, storeDir));
      return EXIT.ok;
    }
    const before = c.stats().entries;
    await c.clear();
    io.stdout.write(values.json ? `${JSON.stringify({ cleared: before })}\n` : `Cleared ${before} cached answer(s) from ${storeDir}.\n`);
    return EXIT.ok;
  } finally {
    await c.close();
  }
};
