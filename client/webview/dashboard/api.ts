/**
 * The dashboard's side of the host protocol: typed requests with one pending map, and host
 * events. Every incoming message is validated; the VS Code API sits behind getHostApi() so
 * tests can swap it.
 */
import type { ErrorData } from "../../../shared/src/errors";
import type { DashboardHostEvent, DashboardMethod, DashboardRequests, DashboardToHost } from "./messages";
import { isHostToDashboard } from "./validate";

type HostApi = { postMessage(message: DashboardToHost): void };
declare function acquireVsCodeApi(): HostApi;

let api: HostApi | undefined;
export function getHostApi(): HostApi {
  api ??= acquireVsCodeApi();
  return api;
}
export function setHostApi(next: HostApi): void {
  api = next;
}

export class RequestFailed extends Error {
  constructor(readonly data: ErrorData) {
    super(data.message);
  }
}

const pending = new Map<string, { resolve(v: unknown): void; reject(e: unknown): void }>();
const listeners = new Set<(e: DashboardHostEvent) => void>();
let counter = 0;

export function request<M extends DashboardMethod>(method: M, params: DashboardRequests[M][0]): Promise<DashboardRequests[M][1]> {
  counter += 1;
  const id = `dash-${Date.now().toString(36)}-${counter}`;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    getHostApi().postMessage({ kind: "request", id, method, params } as DashboardToHost);
  });
}

export function onEvent(listener: (e: DashboardHostEvent) => void): void {
  listeners.add(listener);
}

/** One listener for everything the host sends; messages of the wrong shape are dropped. */
export function listen(): void {
  window.addEventListener("message", (e: MessageEvent<unknown>) => {
    const msg = e.data;
    if (!isHostToDashboard(msg)) return;
    if (msg.kind === "event") {
      for (const l of listeners) l(msg.event);
      return;
    }
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.result);
    else p.reject(new RequestFailed(msg.error));
  });
  getHostApi().postMessage({ kind: "ready" });
}
