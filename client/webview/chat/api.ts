/**
 * The webview side of the host protocol: typed requests with one pending map, aborts, and
 * events. The VS Code API sits behind getHostApi() so tests can swap it (setHostApi).
 */
import type { HostEvent, HostToWebview, WebviewMethod, WebviewRequests, WebviewToHost } from "../../../shared/src/webview";
import type { ErrorData } from "../../../shared/src/errors";

type HostApi = { postMessage(message: WebviewToHost): void };
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
const listeners = new Set<(e: HostEvent) => void>();
let counter = 0;

export function newId(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

export function request<M extends WebviewMethod>(method: M, params: WebviewRequests[M][0], id = newId("req")): Promise<WebviewRequests[M][1]> {
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    getHostApi().postMessage({ kind: "request", id, method, params } as WebviewToHost);
  });
}

export function abort(id: string): void {
  getHostApi().postMessage({ kind: "abort", id });
}

export function onEvent(listener: (e: HostEvent) => void): void {
  listeners.add(listener);
}

function isHostMessage(v: unknown): v is HostToWebview {
  return typeof v === "object" && v !== null && ((v as { kind?: unknown }).kind === "response" || (v as { kind?: unknown }).kind === "event");
}

/** One listener for everything the host sends; messages of the wrong shape are dropped. */
export function listen(): void {
  window.addEventListener("message", (e: MessageEvent<unknown>) => {
    const msg = e.data;
    if (!isHostMessage(msg)) return;
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
