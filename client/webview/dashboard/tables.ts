/** The dashboard's tables: spend by model and by template version, cache savings, requests. */
import { formatLatency, formatUsd } from "../../../server/src/budget/format";
import type { DashboardData } from "./messages";
import { bar, el, usdCell } from "./dom";
import { setOptions, type VscodeSingleSelect } from "../common/elements";

function table(headers: string[], rows: HTMLTableRowElement[], empty: string): HTMLElement {
  if (rows.length === 0) return el("p", { class: "note" }, empty);
  const t = el("table");
  const head = el("tr");
  for (const h of headers) head.append(el("th", { scope: "col" }, h));
  const thead = el("thead");
  thead.append(head);
  const tbody = el("tbody");
  tbody.append(...rows);
  t.append(thead, tbody);
  return t;
}

function row(...cells: (HTMLTableCellElement | string)[]): HTMLTableRowElement {
  const tr = el("tr");
  for (const c of cells) tr.append(typeof c === "string" ? el("td", {}, c) : c);
  return tr;
}

function barCell(fraction: number): HTMLTableCellElement {
  const td = el("td", { class: "bar-cell" });
  td.append(bar(fraction));
  return td;
}

export function renderByModel(target: HTMLElement, data: DashboardData): void {
  const max = Math.max(0, ...data.byModel.map((m) => m.costUsd));
  const rows = data.byModel.map((m) => row(m.model, usdCell(m.costUsd), barCell(max > 0 ? m.costUsd / max : 0), el("td", { class: "num" }, String(m.requests))));
  target.replaceChildren(table(["Model", "Spend", "", "Requests"], rows, "No spend in the last 30 days."));
}

export function renderByTemplate(target: HTMLElement, data: DashboardData): void {
  const max = Math.max(0, ...data.byTemplate.map((t) => t.costUsd));
  const rows = data.byTemplate.map((t) =>
    row(t.templateId || "(none)", t.templateVersion || "–", usdCell(t.costUsd), barCell(max > 0 ? t.costUsd / max : 0), el("td", { class: "num" }, String(t.requests))),
  );
  target.replaceChildren(table(["Template", "Version", "Spend", "", "Requests"], rows, "No templated requests in the last 30 days."));
}

export function renderCache(target: HTMLElement, data: DashboardData): void {
  const total = data.days.reduce((n, d) => n + d.requests, 0);
  const rate = total > 0 ? Math.round((data.cache.hits / total) * 100) : 0;
  target.replaceChildren(
    el("p", { class: "big" }, formatUsd(data.cache.savedUsd)),
    el("p", { class: "note" }, `saved by ${data.cache.hits} cache hits in the last 30 days (${rate}% of ${total} requests).`),
  );
}

export function renderRequests(target: HTMLElement, note: HTMLElement, data: DashboardData): void {
  const rows = data.requests.map((r) => {
    const tr = row(
      new Date(r.ts).toLocaleString(),
      r.model,
      el("td", { class: `status ${r.status}` }, r.status === "released" ? `failed${r.releaseReason ? `: ${r.releaseReason}` : ""}` : r.status),
      usdCell(r.costUsd),
      r.cache ?? "–",
      r.templateId ? `${r.templateId}@${r.templateVersion}` : "–",
      el("td", { class: "num" }, r.latencyMs === null ? "–" : formatLatency(r.latencyMs)),
      el("td", { class: "num" }, `${r.inputTokens} / ${r.outputTokens}`),
    );
    if (r.priceUnknown) tr.title = "Price unknown: the cost is the reservation's estimate.";
    return tr;
  });
  target.replaceChildren(table(["Time", "Model", "Status", "Cost", "Cache", "Template", "Latency", "Tokens in / out"], rows, "No requests match the filters."));
  note.textContent = data.requestsTotal > data.requests.length ? `Showing the newest ${data.requests.length} of ${data.requestsTotal} matching requests.` : `${data.requestsTotal} matching requests.`;
}

/** Refills a filter's options, keeping the current choice. */
export function fillOptions(select: VscodeSingleSelect, allLabel: string, values: string[]): void {
  setOptions(select, [["", allLabel], ...values.map((v): [string, string] => [v, v])]);
}
