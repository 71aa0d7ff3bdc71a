/**
 * Where per-workspace stores live. The editor and the CLI must share one ledger and one cache
 * for a workspace, so both use PREFLIGHT_HOME (default: the platform's user data dir), never a
 * folder inside the user's repository.
 */
import { homedir } from "node:os";
import { join } from "node:path";
import { workspaceStoreDir } from "../cache/location";

export function preflightHome(env: NodeJS.ProcessEnv): string {
  if (env.PREFLIGHT_HOME) return env.PREFLIGHT_HOME;
  if (process.platform === "win32" && env.APPDATA) return join(env.APPDATA, "preflight");
  if (process.platform === "darwin") return join(homedir(), "Library", "Application Support", "preflight");
  return join(env.XDG_DATA_HOME ?? join(homedir(), ".local", "share"), "preflight");
}

export function storeDirsFor(workspaceDir: string, env: NodeJS.ProcessEnv): { storeDir: string; homeDir: string } {
  const homeDir = preflightHome(env);
  return { homeDir, storeDir: workspaceStoreDir(homeDir, workspaceDir) };
}
