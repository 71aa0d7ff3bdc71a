/**
 * Messages between the spend dashboard webview and the extension host. Types only, so both the
 * browser bundle and the host can import it. Same shape as the chat view's protocol: the
 * webview sends requests (each answered exactly once), the host pushes events. Every message
 * is validated on arrival (validate.ts).
 */
import type { ErrorData } from "../../../shared/src/errors";
import type { DashboardData, RequestFilter } from "../../../server/src/budget/types";

export type { DashboardData, RequestFilter };

export type ExportParams = {
  format: "csv" | "json";
  /** Suggested file name, e.g. `preflight-spend-2026-11-25.csv`. */
  fileName: string;
  /** The file's full text, built by the webview from what it shows. */
  content: string;
};

/** Request map: method → [params, result]. */
export type DashboardRequests = {
  /** Everything the dashboard shows; `filter` narrows the requests table. Host calls the server's spend dashboard request. */
  "spend/dashboard": [{ filter: RequestFilter }, DashboardData];
  /** Save an export: the host shows a save dialog and writes the file; `saved` is false when the user cancels. */
  "spend/export": [ExportParams, { saved: boolean }];
};
export type DashboardMethod = keyof DashboardRequests;

export type DashboardToHost =
  | { kind: "ready" }
  | { [M in DashboardMethod]: { kind: "request"; id: string; method: M; params: DashboardRequests[M][0] } }[DashboardMethod];

/** Host events: spend changed (a request settled in any window), so the dashboard refetches. */
export type DashboardHostEvent = { type: "spend/changed" };

export type HostToDashboard =
  | { kind: "response"; id: string; ok: true; result: unknown }
  | { kind: "response"; id: string; ok: false; error: ErrorData }
  | { kind: "event"; event: DashboardHostEvent };
