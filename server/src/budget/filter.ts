/**
 * Validation of a requests-list filter arriving from outside (the dashboard webview through
 * the client, or an LSP request). Pure and DOM-free, so the webview bundle uses it too.
 */
import type { RequestFilter } from "./types";

const CACHE = ["hit", "miss", "skip"];
const STATUS = ["reserved", "settled", "released"];

const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const optional = (v: unknown, check: (v: unknown) => boolean): boolean => v === undefined || check(v);

export function isRequestFilter(v: unknown): v is RequestFilter {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const f = v as Record<string, unknown>;
  return (
    optional(f.model, (s) => typeof s === "string") && optional(f.templateId, (s) => typeof s === "string") &&
    optional(f.cache, (c) => CACHE.includes(c as string)) && optional(f.status, (s) => STATUS.includes(s as string)) &&
    optional(f.since, isNum) && optional(f.until, isNum) && optional(f.minCostUsd, isNum) &&
    optional(f.limit, (n) => isNum(n) && n >= 1 && n <= 10_000)
  );
}

/** The filter inside LSP params `{ filter? }` (or the params themselves); `{}` when absent or malformed. */
export function requestFilterOf(params: unknown): RequestFilter {
  const inner = typeof params === "object" && params !== null && "filter" in params ? (params as { filter: unknown }).filter : params;
  return isRequestFilter(inner) ? inner : {};
}
