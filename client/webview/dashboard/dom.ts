/** DOM building for the dashboard: text only (no innerHTML), no inline handlers or styles. */
import { formatUsd } from "../../../server/src/budget/format";
import { el } from "../common/dom";
import "@vscode-elements/elements/dist/vscode-textfield/index.js";
import { button, picker, type VscodeButton, type VscodeSingleSelect, type VscodeTextfield } from "../common/elements";

export { el };

export type Layout = {
  summary: HTMLElement;
  spendChart: HTMLElement;
  latencyChart: HTMLElement;
  byModel: HTMLElement;
  byTemplate: HTMLElement;
  cache: HTMLElement;
  filters: { model: VscodeSingleSelect; template: VscodeSingleSelect; cache: VscodeSingleSelect; status: VscodeSingleSelect; since: VscodeTextfield };
  requests: HTMLElement;
  requestsNote: HTMLElement;
  exportCsv: VscodeButton;
  exportJson: VscodeButton;
  refresh: VscodeButton;
  message: HTMLElement;
};

function section(title: string, ...children: HTMLElement[]): HTMLElement {
  const s = el("section", { class: "panel" });
  s.append(el("h2", {}, title), ...children);
  return s;
}

function dateField(id: string, label: string): VscodeTextfield {
  const f = el("vscode-textfield", { type: "date", id, title: "Requests since this day" });
  f.label = label;
  return f;
}

export function buildLayout(root: HTMLElement): Layout {
  const header = el("header", { class: "toolbar" });
  const summary = el("div", { id: "summary", role: "status", "aria-live": "polite" });
  const refresh = button("Refresh", { id: "refresh" });
  const exportCsv = button("Export CSV", { id: "export-csv", title: "Save the matching requests as CSV" });
  const exportJson = button("Export JSON", { id: "export-json", title: "Save everything shown as JSON" });
  header.append(summary, refresh, exportCsv, exportJson);
  const message = el("div", { id: "message", role: "alert", hidden: "" });

  const spendChart = el("div", { class: "chart", id: "spend-chart", "aria-label": "Spend per day, last 30 days" });
  const latencyChart = el("div", { class: "chart", id: "latency-chart", "aria-label": "Latency p50 and p95 per day" });
  const byModel = el("div", { id: "by-model" });
  const byTemplate = el("div", { id: "by-template" });
  const cache = el("div", { id: "cache" });

  const filters = {
    model: picker("filter-model", "Model", [["", "All models"]]),
    template: picker("filter-template", "Template", [["", "All templates"]]),
    cache: picker("filter-cache", "Cache", [["", "Any cache"], ["hit", "Cache hit"], ["miss", "Cache miss"], ["skip", "Cache skipped"]]),
    status: picker("filter-status", "Status", [["", "Any status"], ["settled", "Settled"], ["released", "Failed / released"], ["reserved", "In flight"]]),
    since: dateField("filter-since", "Since"),
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
