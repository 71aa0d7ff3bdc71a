/**
 * The webview side of a host protocol, shared by the chat and the dashboard: typed requests
 * with one pending map, aborts, host events, and one `message` listener that drops anything of
 * the wrong shape. The VS Code API sits behind getHostApi() so tests can swap it.
 */
import type { ErrorData } from "../../../shared/src/errors";

type HostApi = { postMessage(message: unknown): void; getState?(): unknown; setState?(state: unknown): void };
declare function acquireVsCodeApi(): HostApi;

let api: HostApi | undefined;
export function getHostApi(): HostApi {
  api ??= acquireVsCodeApi();
  return api;
}
export function setHostApi(next: HostApi): void {
  api = next;
}

/** The webview's saved state (kept by VS Code for this workspace), or undefined. */
export function loadState(): unknown {
  return getHostApi().getState?.();
}

export function saveState(state: unknown): void {
  getHostApi().setState?.(state);
}

export class RequestFailed extends Error {
  constructor(readonly data: ErrorData) {
    super(data.message);
  }
}

type Incoming<E> = { kind: "event"; event: E } | { kind: "response"; id: string; ok: true; result: unknown } | { kind: "response"; id: string; ok: false; error: ErrorData };

let counter = 0;
export function newId(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

export function createHostChannel<Requests extends { [M in keyof Requests]: [unknown, unknown] }, Event>(isIncoming: (v: unknown) => v is Incoming<Event>) {
  const pending = new Map<string, { resolve(v: unknown): void; reject(e: unknown): void }>();
  const listeners = new Set<(e: Event) => void>();
  return {
    request<M extends keyof Requests & string>(method: M, params: Requests[M][0], id = newId("req")): Promise<Requests[M][1]> {
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        getHostApi().postMessage({ kind: "request", id, method, params });
      });
    },
    abort(id: string): void {
      getHostApi().postMessage({ kind: "abort", id });
    },
    onEvent(listener: (e: Event) => void): void {
      listeners.add(listener);
    },
    listen(): void {
      window.addEventListener("message", (e: MessageEvent<unknown>) => {
        const msg = e.data;
        if (!isIncoming(msg)) return;
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
    },
  };
}
