/**
 * Where the ledger and the budget settings live: under the user's store home, never inside
 * the workspace folder, so a cloned repository cannot raise its own budget. The home and the
 * per-workspace folder use the same formulas as the cache and the core (PREFLIGHT_HOME or the
 * platform's user data dir; `<home>/workspaces/<sha256(realpath).slice(0,16)>/`).
 */
import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import { workspaceStoreDir } from "../cache/location";
import { preflightHome } from "../core/storeDirs";

export { workspaceStoreDir };

/** The store home for this environment. */
export function storeHome(env: NodeJS.ProcessEnv = process.env): string {
  return preflightHome(env);
}

/** The real path of a workspace folder (its own path when it does not exist yet). */
export function workspaceRealPath(workspaceDir: string): string {
  const absolute = resolve(workspaceDir);
  try {
    return realpathSync(absolute);
  } catch {
    return absolute;
  }
}
