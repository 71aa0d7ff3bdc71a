/**
 * The spend dashboard webview: spend per day, latency, spend by model and by template version,
 * cache savings and a filterable requests table, with CSV and JSON export. It asks the host for
 * data (spend/dashboard) and refetches when the host says spend changed.
 */
import { listen, onEvent, request, RequestFailed } from "./api";
import { createCharts } from "./charts";
import { buildLayout } from "./dom";
import { dashboardJson, exportFileName, requestsCsv } from "./exportData";
import type { DashboardData, RequestFilter } from "./messages";
import { fillOptions, renderByModel, renderByTemplate, renderCache, renderRequests } from "./tables";
import { isDashboardData } from "./validate";
import { formatUsd } from "../../../server/src/budget/format";

const ui = buildLayout(document.body);
const charts = createCharts(ui.spendChart, ui.latencyChart);
let data: DashboardData | undefined;
let generation = 0;

function showMessage(text: string): void {
  ui.message.textContent = text;
  ui.message.hidden = text === "";
}

function currentFilter(): RequestFilter {
  const f = ui.filters;
  const filter: RequestFilter = {};
  if (f.model.value) filter.model = f.model.value;
  if (f.template.value) filter.templateId = f.template.value;
  if (f.cache.value === "hit" || f.cache.value === "miss" || f.cache.value === "skip") filter.cache = f.cache.value;
  if (f.status.value === "settled" || f.status.value === "released" || f.status.value === "reserved") filter.status = f.status.value;
  // The date input gives a local calendar day; its local midnight is the filter's start.
  if (f.since.value) filter.since = new Date(`${f.since.value}T00:00:00`).getTime();
  return filter;
}

function summaryText(d: DashboardData): string {
  const limit = (v: number | null) => (v === null ? "" : ` / ${formatUsd(v)}`);
  const inFlight = d.reservedUsd > 0 ? ` · ${formatUsd(d.reservedUsd)} in flight` : "";
  return `Today ${formatUsd(d.today.costUsd)}${limit(d.budget.dailyUsd)} · month ${formatUsd(d.month.costUsd)}${limit(d.budget.monthlyUsd)}${inFlight} · over budget: ${d.budget.onExceed} · times in ${d.timeZone}`;
}

function render(d: DashboardData): void {
  data = d;
  ui.summary.textContent = summaryText(d);
  charts.render(d);
  renderByModel(ui.byModel, d);
  renderByTemplate(ui.byTemplate, d);
  renderCache(ui.cache, d);
  fillOptions(ui.filters.model, "All models", d.byModel.map((m) => m.model));
  fillOptions(ui.filters.template, "All templates", [...new Set(d.byTemplate.map((t) => t.templateId).filter((id) => id !== ""))]);
  renderRequests(ui.requests, ui.requestsNote, d);
}

async function load(): Promise<void> {
  const mine = ++generation;
  try {
    const result = await request("spend/dashboard", { filter: currentFilter() });
    if (mine !== generation) return;
    if (!isDashboardData(result)) {
      showMessage("The spend data from the extension was malformed; see the Preflight log.");
      return;
    }
    showMessage("");
    render(result);
  } catch (err) {
    if (mine === generation) showMessage(err instanceof RequestFailed ? err.data.message : String(err));
  }
}

async function save(format: "csv" | "json"): Promise<void> {
  if (!data) return;
  const content = format === "csv" ? requestsCsv(data.requests) : dashboardJson(data);
  try {
    await request("spend/export", { format, fileName: exportFileName(format, Date.now()), content });
  } catch (err) {
    showMessage(err instanceof RequestFailed ? err.data.message : String(err));
  }
}

for (const control of Object.values(ui.filters)) control.addEventListener("change", () => void load());
ui.refresh.addEventListener("click", () => void load());
ui.exportCsv.addEventListener("click", () => void save("csv"));
ui.exportJson.addEventListener("click", () => void save("json"));
onEvent((e) => {
  if (e.type === "spend/changed") void load();
});
// VS Code swaps the body's theme class when the colour theme changes; redraw with new colours.
new MutationObserver(() => charts.redraw()).observe(document.body, { attributes: true, attributeFilter: ["class"] });
new ResizeObserver(() => charts.resize()).observe(ui.spendChart);
listen();
void load();
