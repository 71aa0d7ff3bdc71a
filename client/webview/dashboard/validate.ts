/**
 * Runtime checks for the dashboard's messages, used on both sides of the trust boundary: the
 * host checks what the webview sends (isDashboardToHost), the webview checks what the host
 * sends (isHostToDashboard) and the data it renders (isDashboardData). Shape only; no DOM.
 */
import { isRequestFilter } from "../../../server/src/budget/filter";
import type { DashboardData, DashboardToHost, HostToDashboard } from "./messages";

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === "object" && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === "string";
const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isNumOrNull = (v: unknown): boolean => v === null || isNum(v);
const arrayOf = (v: unknown, check: (item: Rec) => boolean): boolean => Array.isArray(v) && v.every((item) => isRec(item) && check(item));

const STATUS = ["reserved", "settled", "released"];

export { isRequestFilter };

/** True when `v` is a well-formed message from the dashboard webview. */
export function isDashboardToHost(v: unknown): v is DashboardToHost {
  if (!isRec(v)) return false;
  if (v.kind === "ready") return true;
  if (v.kind !== "request" || !isStr(v.id) || !isRec(v.params)) return false;
  const p = v.params;
  if (v.method === "spend/dashboard") return isRequestFilter(p.filter);
  if (v.method === "spend/export") return (p.format === "csv" || p.format === "json") && isStr(p.fileName) && /^[\w.-]{1,100}$/.test(p.fileName) && isStr(p.content);
  return false;
}

/** True when `v` is a well-formed message from the host. */
export function isHostToDashboard(v: unknown): v is HostToDashboard {
  if (!isRec(v)) return false;
  if (v.kind === "event") return isRec(v.event) && v.event.type === "spend/changed";
  if (v.kind !== "response" || !isStr(v.id)) return false;
  if (v.ok === true) return "result" in v;
  return v.ok === false && isRec(v.error) && isNum(v.error.code) && isStr(v.error.message);
}

const isTotals = (t: unknown): boolean => isRec(t) && isNum(t.costUsd) && isNum(t.requests);

/** True when `v` has the shape of DashboardData (what the webview renders). */
export function isDashboardData(v: unknown): v is DashboardData {
  if (!isRec(v)) return false;
  const b = v.budget;
  return (
    isNum(v.generatedAt) && isStr(v.timeZone) && isTotals(v.today) && isTotals(v.month) && isNum(v.reservedUsd) &&
    isRec(b) && isNumOrNull(b.dailyUsd) && isNumOrNull(b.monthlyUsd) && isStr(b.onExceed) &&
    arrayOf(v.days, (d) => isStr(d.day) && isNum(d.costUsd) && isNum(d.requests) && isNum(d.cacheHits) && isNum(d.savedUsd) && isNumOrNull(d.p50Ms) && isNumOrNull(d.p95Ms)) &&
    arrayOf(v.byModel, (m) => isStr(m.model) && isNum(m.costUsd) && isNum(m.requests)) &&
    arrayOf(v.byTemplate, (t) => isStr(t.templateId) && isStr(t.templateVersion) && isNum(t.costUsd) && isNum(t.requests)) &&
    isRec(v.cache) && isNum(v.cache.hits) && isNum(v.cache.savedUsd) &&
    arrayOf(v.requests, (r) => isStr(r.id) && isNum(r.ts) && isStr(r.day) && isStr(r.model) && STATUS.includes(r.status as string) && isNum(r.costUsd) && isNum(r.reservedUsd) && isNumOrNull(r.latencyMs)) &&
    isNum(v.requestsTotal)
  );
}
