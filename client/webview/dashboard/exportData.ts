/**
 * Export of what the dashboard shows: the requests table as CSV (RFC 4180 quoting, one header
 * row) and the whole dashboard data as JSON. Pure functions, so they are unit-tested.
 */
import type { DashboardData } from "./messages";

type Row = DashboardData["requests"][number];

const COLUMNS: [string, (r: Row) => string | number | boolean | null][] = [
  ["id", (r) => r.id],
  ["time", (r) => new Date(r.ts).toISOString()],
  ["day", (r) => r.day],
  ["model", (r) => r.model],
  ["status", (r) => r.status],
  ["costUsd", (r) => r.costUsd],
  ["reservedUsd", (r) => r.reservedUsd],
  ["cache", (r) => r.cache],
  ["savedUsd", (r) => r.savedUsd],
  ["templateId", (r) => r.templateId],
  ["templateVersion", (r) => r.templateVersion],
  ["latencyMs", (r) => r.latencyMs],
  ["ttftMs", (r) => r.ttftMs],
  ["inputTokens", (r) => r.inputTokens],
  ["cachedInputTokens", (r) => r.cachedInputTokens],
  ["outputTokens", (r) => r.outputTokens],
  ["reasoningTokens", (r) => r.reasoningTokens],
  ["priceUnknown", (r) => r.priceUnknown],
  ["releaseReason", (r) => r.releaseReason],
];

function cell(value: string | number | boolean | null): string {
  if (value === null) return "";
  const text = String(value);
  // Quote fields with separators or quotes; a leading formula character is neutralised so a
  // spreadsheet does not execute a model name or reason as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === "string" ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function requestsCsv(rows: readonly Row[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(",")];
  for (const row of rows) lines.push(COLUMNS.map(([, get]) => cell(get(row))).join(","));
  return lines.join("\r\n") + "\r\n";
}

export function dashboardJson(data: DashboardData): string {
  return JSON.stringify(data, null, 2) + "\n";
}

export function exportFileName(format: "csv" | "json", now: number): string {
  return `preflight-spend-${new Date(now).toISOString().slice(0, 10)}.${format}`;
}
