/** DOM building for the dashboard: text only (no innerHTML), no inline handlers or styles. */
import { formatUsd } from "../../../server/src/budget/format";
import { el } from "../common/dom";

export { el };

export type Layout = {
  summary: HTMLElement;
  spendChart: HTMLElement;
  latencyChart: HTMLElement;
  byModel: HTMLElement;
  byTemplate: HTMLElement;
  cache: HTMLElement;
  filters: { model: HTMLSelectElement; template: HTMLSelectElement; cache: HTMLSelectElement; status: HTMLSelectElement; since: HTMLInputElement };
  requests: HTMLElement;
  requestsNote: HTMLElement;
  exportCsv: HTMLButtonElement;
  exportJson: HTMLButtonElement;
  refresh: HTMLButtonElement;
  message: HTMLElement;
};

function section(title: string, ...children: HTMLElement[]): HTMLElement {
  const s = el("section", { class: "panel" });
  s.append(el("h2", {}, title), ...children);
  return s;
}

function select(id: string, label: string, options: [string, string][]): HTMLSelectElement {
  const s = el("select", { id, "aria-label": label });
  for (const [value, text] of options) s.append(el("option", { value }, text));
  return s;
}

export function buildLayout(root: HTMLElement): Layout {
  const header = el("header", { class: "toolbar" });
  const summary = el("div", { id: "summary", role: "status", "aria-live": "polite" });
  const refresh = el("button", { type: "button", class: "secondary", id: "refresh" }, "Refresh");
  const exportCsv = el("button", { type: "button", class: "secondary", id: "export-csv" }, "Export CSV");
  const exportJson = el("button", { type: "button", class: "secondary", id: "export-json" }, "Export JSON");
  header.append(summary, refresh, exportCsv, exportJson);
  const message = el("div", { id: "message", role: "alert", hidden: "" });

  const spendChart = el("div", { class: "chart", id: "spend-chart", "aria-label": "Spend per day, last 30 days" });
  const latencyChart = el("div", { class: "chart", id: "latency-chart", "aria-label": "Latency p50 and p95 per day" });
  const byModel = el("div", { id: "by-model" });
  const byTemplate = el("div", { id: "by-template" });
  const cache = el("div", { id: "cache" });

  const filters = {
    model: select("filter-model", "Model", [["", "All models"]]),
    template: select("filter-template", "Template", [["", "All templates"]]),
    cache: select("filter-cache", "Cache", [["", "Any cache"], ["hit", "Cache hit"], ["miss", "Cache miss"], ["skip", "Cache skipped"]]),
    status: select("filter-status", "Status", [["", "Any status"], ["settled", "Settled"], ["released", "Failed / released"], ["reserved", "In flight"]]),
    since: el("input", { type: "date", id: "filter-since", "aria-label": "Since" }),
  };
  const filterBar = el("div", { class: "filters" });
  filterBar.append(filters.model, filters.template, filters.cache, filters.status, filters.since);
  const requests = el("div", { id: "requests", class: "table-wrap" });
  const requestsNote = el("p", { class: "note" });

  const grid = el("div", { class: "grid" });
  grid.append(
    section("Spend per day (30 days)", spendChart),
    section("Latency per day", latencyChart),
    section("By model", byModel),
    section("By template version", byTemplate),
    section("Cache savings", cache),
  );
  root.append(header, message, grid, section("Requests", filterBar, requests, requestsNote));
  return { summary, spendChart, latencyChart, byModel, byTemplate, cache, filters, requests, requestsNote, exportCsv, exportJson, refresh, message };
}

/** A horizontal bar whose width is set through the CSSOM (allowed by the CSP, unlike style attributes). */
export function bar(fraction: number): HTMLElement {
  const outer = el("div", { class: "bar" });
  const inner = el("div", { class: "bar-fill" });
  inner.style.width = `${Math.max(0, Math.min(1, fraction)) * 100}%`;
  outer.append(inner);
  return outer;
}

export function usdCell(usd: number): HTMLTableCellElement {
  return el("td", { class: "num" }, formatUsd(usd));
}
