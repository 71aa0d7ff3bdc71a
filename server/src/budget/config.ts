/**
 * Budget settings: daily and monthly limits in USD and what to do when a request would pass
 * them. They live at user level under the store home (a workspace's own file in its store
 * folder, and a user-level default for workspaces without one), never in the workspace.
 * Files are written atomically (temp file, fsync, rename).
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { workspaceRealPath, workspaceStoreDir } from "./location";

export type OnExceed = "block" | "warn" | "downgrade";
export const ON_EXCEED: readonly OnExceed[] = ["block", "warn", "downgrade"];

export type BudgetConfig = {
  /** USD per local day; null = no daily limit. */
  dailyUsd: number | null;
  /** USD per local calendar month; null = no monthly limit. */
  monthlyUsd: number | null;
  onExceed: OnExceed;
  /** Switch to the cheapest model when the last hour's rate would exhaust the day early. */
  emergency: boolean;
};

export type BudgetSource = "workspace" | "default" | "builtin";

/** Used until the user sets a default or a workspace budget. */
export const BUILTIN_BUDGET: BudgetConfig = Object.freeze({ dailyUsd: 5, monthlyUsd: 50, onExceed: "block", emergency: true });

export function defaultBudgetPath(home: string): string {
  return join(home, "budget-default.json");
}

export function workspaceBudgetPath(home: string, workspaceDir: string): string {
  return join(workspaceStoreDir(home, workspaceDir), "budget.json");
}

function limit(value: unknown): number | null | undefined {
  if (value === null) return null;
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value;
  return undefined;
}

/** Validates a parsed file; fields that are missing or malformed come from `base`. */
export function sanitizeBudget(raw: unknown, base: BudgetConfig): BudgetConfig {
  if (typeof raw !== "object" || raw === null) return { ...base };
  const r = raw as Record<string, unknown>;
  const daily = limit(r.dailyUsd);
  const monthly = limit(r.monthlyUsd);
  return {
    dailyUsd: daily === undefined ? base.dailyUsd : daily,
    monthlyUsd: monthly === undefined ? base.monthlyUsd : monthly,
    onExceed: ON_EXCEED.includes(r.onExceed as OnExceed) ? (r.onExceed as OnExceed) : base.onExceed,
    emergency: typeof r.emergency === "boolean" ? r.emergency : base.emergency,
  };
}

function readJson(path: string): unknown | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    // A broken file must not lift the budget: the caller falls back to the next level.
    return undefined;
  }
}

export type ResolvedBudget = { config: BudgetConfig; source: BudgetSource };

/** The user-level default for workspaces without their own budget. */
export function readDefaultBudget(home: string): ResolvedBudget {
  const raw = readJson(defaultBudgetPath(home));
  return raw === undefined ? { config: { ...BUILTIN_BUDGET }, source: "builtin" } : { config: sanitizeBudget(raw, BUILTIN_BUDGET), source: "default" };
}

/** The budget in a workspace's file, over the default in the default file. */
export function readBudgetFiles(workspaceFile: string, defaultFile: string): ResolvedBudget {
  const rawDefault = readJson(defaultFile);
  const fallback: ResolvedBudget =
    rawDefault === undefined ? { config: { ...BUILTIN_BUDGET }, source: "builtin" } : { config: sanitizeBudget(rawDefault, BUILTIN_BUDGET), source: "default" };
  const raw = readJson(workspaceFile);
  return raw === undefined ? fallback : { config: sanitizeBudget(raw, fallback.config), source: "workspace" };
}

/** The budget that applies to a workspace, and where it came from. */
export function readBudget(home: string, workspaceDir: string): ResolvedBudget {
  return readBudgetFiles(workspaceBudgetPath(home, workspaceDir), defaultBudgetPath(home));
}

export type BudgetPatch = Partial<BudgetConfig>;

/**
 * Validates a budget change from outside (the Set Workspace Budget command through LSP):
 * returns the patch, or a sentence saying what is wrong.
 */
export function budgetPatchFromParams(raw: unknown): BudgetPatch | string {
  if (typeof raw !== "object" || raw === null) return "The budget must be an object with dailyUsd, monthlyUsd or onExceed.";
  const r = raw as Record<string, unknown>;
  const patch: BudgetPatch = {};
  for (const key of ["dailyUsd", "monthlyUsd"] as const) {
    if (r[key] === undefined) continue;
    const value = limit(r[key]);
    if (value === undefined) return `${key} must be an amount in USD of 0 or more, or null for no limit.`;
    patch[key] = value;
  }
  if (r.onExceed !== undefined) {
    if (!ON_EXCEED.includes(r.onExceed as OnExceed)) return `onExceed must be one of ${ON_EXCEED.join(", ")}.`;
    patch.onExceed = r.onExceed as OnExceed;
  }
  if (r.emergency !== undefined) {
    if (typeof r.emergency !== "boolean") return "emergency must be true or false.";
    patch.emergency = r.emergency;
  }
  return patch;
}

/** Sets a workspace's budget; fields not in `patch` keep their current (or default) value. */
export function writeWorkspaceBudget(home: string, workspaceDir: string, patch: BudgetPatch): BudgetConfig {
  const next = { ...readBudget(home, workspaceDir).config, ...patch };
  writeAtomic(workspaceBudgetPath(home, workspaceDir), { workspace: workspaceRealPath(workspaceDir), ...next });
  return next;
}

/** Sets the user-level default that applies to workspaces without their own budget. */
export function writeDefaultBudget(home: string, patch: BudgetPatch): BudgetConfig {
  const next = { ...readDefaultBudget(home).config, ...patch };
  writeAtomic(defaultBudgetPath(home), next);
  return next;
}

function writeAtomic(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, "w", 0o600);
  try {
    writeSync(fd, JSON.stringify(value, null, 2) + "\n");
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}
