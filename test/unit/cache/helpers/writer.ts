/**
 * A child process for the cache tests: opens the cache in DIR and stores COUNT entries named
 * PREFIX-i, flushing after each; prints "flushing PREFIX-i" before and "flushed PREFIX-i" after that entry is written, so a test can kill it mid-write.
 * COUNT 0 means forever (until killed). Usage: writer.ts DIR PREFIX COUNT ANSWER_BYTES COMPACT_MIN_BYTES
 */
import { openCache } from "../../../../server/src/cache/semanticCache";
import { DEFAULT_CACHE_SETTINGS } from "../../../../server/src/cache/settings";
import { keyFor, META } from "./fixtures";

async function main(): Promise<void> {
  const [dir, prefix, countText, answerBytes, compactMin] = process.argv.slice(2);
  const count = Number(countText);
  const cache = await openCache({
    dir: dir!,
    settings: { ...DEFAULT_CACHE_SETTINGS, maxEntries: 1_000_000 },
    debounceMs: 60_000,
    compactMinBytes: Number(compactMin),
    log: (m) => process.stderr.write(`${m}\n`),
  });
  const filler = "x".repeat(Number(answerBytes));
  for (let i = 0; count === 0 || i < count; i++) {
    const name = `${prefix}-${i}`;
    await cache.store(keyFor(`question ${name}`), `question ${name}`, `answer ${name} ${filler}`, META);
    process.stdout.write(`flushing ${name}\n`);
    await cache.flush();
    process.stdout.write(`flushed ${name}\n`);
  }
  await cache.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
