/**
 * The dashboard's two time charts, drawn with uPlot: spend per day (bars) with cache savings
 * (line), and latency p50/p95 per day (lines). Colours come from VS Code's theme variables,
 * so the charts follow the theme; callers redraw them when the theme changes.
 */
import uPlot from "uplot";
import type { DashboardData } from "./messages";
import { formatLatency, formatUsd } from "../../../server/src/budget/format";

type Theme = { fg: string; grid: string; blue: string; orange: string; green: string; red: string };

function themeColours(): Theme {
  const css = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    fg: v("--vscode-foreground", "#cccccc"),
    grid: v("--vscode-editorWidget-border", "rgba(128,128,128,0.35)"),
    blue: v("--vscode-charts-blue", "#3794ff"),
    orange: v("--vscode-charts-orange", "#d18616"),
    green: v("--vscode-charts-green", "#89d185"),
    red: v("--vscode-charts-red", "#f14c4c"),
  };
}

/** Unix seconds of a local day key's UTC midnight; the axis shows it in UTC, i.e. as that day. */
function dayToSeconds(day: string): number {
  const [y, m, d] = day.split("-").map(Number);
  return Date.UTC(y!, m! - 1, d!) / 1000;
}

function axes(t: Theme, format: (v: number) => string): uPlot.Axis[] {
  return [
    { stroke: t.fg, grid: { stroke: t.grid, width: 1 }, ticks: { stroke: t.grid, width: 1 } },
    { stroke: t.fg, grid: { stroke: t.grid, width: 1 }, ticks: { stroke: t.grid, width: 1 }, size: 64, values: (_u, splits) => splits.map(format) },
  ];
}

const utc = (ts: number): Date => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC");

function spendOptions(width: number, t: Theme): uPlot.Options {
  return {
    width, height: 220, tzDate: utc,
    legend: { show: true },
    scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
    axes: axes(t, (v) => formatUsd(v)),
    series: [
      {},
      { label: "Spend", stroke: t.blue, fill: t.blue, width: 1, paths: uPlot.paths.bars!({ size: [0.7, 40] }), points: { show: false }, value: (_u, v) => (v === null ? "–" : formatUsd(v)) },
      { label: "Cache saved", stroke: t.green, width: 2, points: { show: true, size: 6 }, value: (_u, v) => (v === null ? "–" : formatUsd(v)) },
    ],
  };
}

function latencyOptions(width: number, t: Theme): uPlot.Options {
  return {
    width, height: 220, tzDate: utc,
    scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1000] } },
    axes: axes(t, (v) => formatLatency(v)),
    series: [
      {},
      // Points always shown: a day between two days without requests is a lone point, not a line.
      { label: "p50", stroke: t.blue, width: 2, spanGaps: false, points: { show: true, size: 6 }, value: (_u, v) => (v === null ? "–" : formatLatency(v)) },
      { label: "p95", stroke: t.orange, width: 2, spanGaps: false, points: { show: true, size: 6 }, value: (_u, v) => (v === null ? "–" : formatLatency(v)) },
    ],
  };
}

export type Charts = { render(data: DashboardData): void; redraw(): void; resize(): void };

/** Creates the two charts in their containers; `render` replaces their data. */
export function createCharts(spendEl: HTMLElement, latencyEl: HTMLElement): Charts {
  let spend: uPlot | undefined;
  let latency: uPlot | undefined;
  let last: DashboardData | undefined;
  const width = (node: HTMLElement): number => Math.max(240, node.clientWidth);

  function draw(data: DashboardData): void {
    spend?.destroy();
    latency?.destroy();
    const t = themeColours();
    const x = data.days.map((d) => dayToSeconds(d.day));
    spend = new uPlot(spendOptions(width(spendEl), t), [x, data.days.map((d) => d.costUsd), data.days.map((d) => d.savedUsd)], spendEl);
    latency = new uPlot(latencyOptions(width(latencyEl), t), [x, data.days.map((d) => d.p50Ms), data.days.map((d) => d.p95Ms)], latencyEl);
  }

  return {
    render(data) {
      last = data;
      draw(data);
    },
    redraw() {
      if (last) draw(last);
    },
    resize() {
      spend?.setSize({ width: width(spendEl), height: 220 });
      latency?.setSize({ width: width(latencyEl), height: 220 });
    },
  };
}
