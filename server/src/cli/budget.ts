/**
 * `preflight budget set|show`: a workspace's daily and monthly limits and what happens when a
 * request would pass them (CLI.md). The budget is user-level state under PREFLIGHT_HOME, never
 * a file in the workspace. `--default` sets the user-level default for workspaces without
 * their own budget.
 */
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { ON_EXCEED, readBudget, readDefaultBudget, writeDefaultBudget, writeWorkspaceBudget, type BudgetConfig, type BudgetPatch, type OnExceed } from "../budget/config";
import { formatUsd } from "../budget/format";
import { storeHome, workspaceRealPath } from "../budget/location";
import { EXIT, usageError, type CliCommand, type CliIO } from "./io";

/** Parses a USD limit: a non-negative number, or `none` for no limit. */
function parseLimit(value: string | undefined, flag: string): number | null | undefined | string {
  if (value === undefined) return undefined;
  if (value.trim().toLowerCase() === "none") return null;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0) return `${flag} must be an amount in USD such as 5 or 2.50, or "none" for no limit; got "${value}".`;
  return n;
}

export function describeBudget(config: BudgetConfig): string {
  const day = config.dailyUsd === null ? "no daily limit" : `${formatUsd(config.dailyUsd)} per day`;
  const month = config.monthlyUsd === null ? "no monthly limit" : `${formatUsd(config.monthlyUsd)} per month`;
  return `${day}, ${month}; over budget: ${config.onExceed}; emergency mode ${config.emergency ? "on" : "off"}`;
}

export const budget: CliCommand = async (io: CliIO) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: io.argv,
      allowPositionals: true,
      options: {
        workspace: { type: "string" }, "daily-usd": { type: "string" }, "monthly-usd": { type: "string" },
        "on-exceed": { type: "string" }, emergency: { type: "string" }, default: { type: "boolean" }, json: { type: "boolean" },
      },
    });
  } catch (err) {
    return usageError(io, err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  const action = positionals[0];
  if ((action !== "set" && action !== "show") || positionals.length > 1) {
    return usageError(io, 'use "preflight budget set --workspace DIR [--daily-usd X] [--monthly-usd Y] [--on-exceed block|warn|downgrade]" or "preflight budget show --workspace DIR".');
  }
  const home = storeHome(io.env);
  const workspaceDir = resolve(io.cwd, values.workspace ?? ".");
  const target = values.default ? "the user-level default" : workspaceRealPath(workspaceDir);
  if (action === "show") {
    const resolved = values.default ? readDefaultBudget(home) : readBudget(home, workspaceDir);
    io.stdout.write(values.json ? `${JSON.stringify({ ...resolved.config, source: resolved.source })}\n` : `Budget for ${target} (${resolved.source}): ${describeBudget(resolved.config)}.\n`);
    return EXIT.ok;
  }
  const patch: BudgetPatch = {};
  const daily = parseLimit(values["daily-usd"], "--daily-usd");
  const monthly = parseLimit(values["monthly-usd"], "--monthly-usd");
  if (typeof daily === "string") return usageError(io, daily);
  if (typeof monthly === "string") return usageError(io, monthly);
  if (daily !== undefined) patch.dailyUsd = daily;
  if (monthly !== undefined) patch.monthlyUsd = monthly;
  const onExceed = values["on-exceed"];
  if (onExceed !== undefined) {
    if (!ON_EXCEED.includes(onExceed as OnExceed)) return usageError(io, `--on-exceed must be one of ${ON_EXCEED.join(", ")}; got "${onExceed}".`);
    patch.onExceed = onExceed as OnExceed;
  }
  const emergency = values.emergency;
  if (emergency !== undefined) {
    if (emergency !== "on" && emergency !== "off") return usageError(io, `--emergency must be on or off; got "${emergency}".`);
    patch.emergency = emergency === "on";
  }
  if (Object.keys(patch).length === 0) return usageError(io, "give at least one of --daily-usd, --monthly-usd, --on-exceed, --emergency.");
  const config = values.default ? writeDefaultBudget(home, patch) : writeWorkspaceBudget(home, workspaceDir, patch);
  io.stdout.write(values.json ? `${JSON.stringify(config)}\n` : `Budget for ${target}: ${describeBudget(config)}.\n`);
  return EXIT.ok;
};
