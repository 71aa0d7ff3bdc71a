/**
 * Tells a process when any process (another VS Code window, a CLI run) appended to a
 * workspace's ledger, so the status bar and the dashboard can refresh. Built on fs.watch of the
 * journal file; bursts of appends are coalesced into one call per `delayMs`.
 */
import { watch, type FSWatcher } from "node:fs";
import { join } from "node:path";
import type { Ledger } from "./ledger";

export function watchLedger(ledger: Ledger, onChange: () => void, delayMs = 200): { dispose(): void } {
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(join(ledger.dir, "ledger.jsonl"), { persistent: false }, () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        onChange();
      }, delayMs);
    });
    // A watcher error (e.g. the store folder was deleted) only ends the notifications.
    watcher.on("error", () => watcher?.close());
  } catch {
    watcher = undefined;
  }
  return {
    dispose() {
      if (timer) clearTimeout(timer);
      watcher?.close();
    },
  };
}
