/**
 * `preflight spend`: today's and this month's spend of a workspace, its budget and the spend
 * per model (CLI.md). `--json` prints
 * `{"today":{"costUsd","requests"},"month":{…},"budget":{…},"byModel":[…]}` (plus `since`
 * with `--since DATE`, a local YYYY-MM-DD; byModel then covers that range).
 */
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { formatUsd } from "../budget/format";
import { Ledger } from "../budget/ledger";
import { storeHome } from "../budget/location";
import { spendSummary } from "../budget/queries";
import type { SpendSummary } from "../budget/types";
import { describeBudget } from "./budget";
import { EXIT, usageError, type CliCommand, type CliIO } from "./io";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function humanText(s: SpendSummary): string {
  const lines = [
    `Today:      ${formatUsd(s.today.costUsd)} in ${s.today.requests} requests`,
    `This month: ${formatUsd(s.month.costUsd)} in ${s.month.requests} requests`,
  ];
  if (s.since) lines.push(`Since ${s.since.from}: ${formatUsd(s.since.costUsd)} in ${s.since.requests} requests`);
  lines.push(`Budget (${s.budget.source}): ${describeBudget(s.budget)}`);
  if (s.byModel.length > 0) {
    lines.push(s.since ? `By model since ${s.since.from}:` : "By model this month:");
    for (const m of s.byModel) lines.push(`  ${m.model.padEnd(36)} ${formatUsd(m.costUsd).padStart(10)}  ${m.requests} requests`);
  }
  return lines.join("\n") + "\n";
}

export const spend: CliCommand = async (io: CliIO) => {
  let parsed;
  try {
    parsed = parseArgs({ args: io.argv, options: { workspace: { type: "string" }, json: { type: "boolean" }, since: { type: "string" } } });
  } catch (err) {
    return usageError(io, err instanceof Error ? err.message : String(err));
  }
  const { values } = parsed;
  if (values.since !== undefined && !validDate(values.since)) return usageError(io, `--since must be a date like 2026-11-01 (local time); got "${values.since}".`);
  const ledger = await Ledger.open({ workspaceDir: resolve(io.cwd, values.workspace ?? "."), home: storeHome(io.env) });
  try {
    const summary = spendSummary(ledger, values.since);
    io.stdout.write(values.json ? `${JSON.stringify(summary)}\n` : humanText(summary));
    return EXIT.ok;
  } finally {
    ledger.close();
  }
};
