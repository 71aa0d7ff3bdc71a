/**
 * Where a workspace's stores live: one folder per workspace under the Preflight home, named by
 * a hash of the workspace's real path so two spellings of one folder share one store and the
 * folder name reveals nothing about the path.
 */
import { createHash } from "node:crypto";
import { realpathSync } from "node:fs";
import { join, resolve } from "node:path";

/** The real path when the folder exists, else the resolved path (a store for a folder not made yet). */
function canonicalPath(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return resolve(dir);
  }
}

/** `<home>/workspaces/<sha256(realpath(workspaceDir)).slice(0,16)>/`. */
export function workspaceStoreDir(home: string, workspaceDir: string): string {
  const id = createHash("sha256").update(canonicalPath(workspaceDir)).digest("hex").slice(0, 16);
  return join(home, "workspaces", id);
}
