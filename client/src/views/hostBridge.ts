/**
 * The host side of the webview protocol: validates every incoming message, dispatches requests
 * to handlers with an AbortSignal (fired by {kind:"abort"}), and sends exactly one response
 * per request.
 */
import type * as vscode from "vscode";
import { isWebviewToHost } from "../../../shared/src/is";
import { ErrorCode, type ErrorData } from "../../../shared/src/errors";
import type { HostEvent, HostToWebview, WebviewMethod, WebviewRequests } from "../../../shared/src/webview";

type Handler<M extends WebviewMethod> = (params: WebviewRequests[M][0], signal: AbortSignal) => Promise<WebviewRequests[M][1]>;

export class HostBridge {
  private readonly handlers = new Map<WebviewMethod, Handler<WebviewMethod>>();
  private readonly pending = new Map<string, AbortController>();
  private webview: vscode.Webview | undefined;
  onReady: () => void = () => undefined;

  constructor(private readonly log: (message: string) => void) {}

  on<M extends WebviewMethod>(method: M, handler: Handler<M>): void {
    this.handlers.set(method, handler as unknown as Handler<WebviewMethod>);
  }

  attach(webview: vscode.Webview): vscode.Disposable {
    this.webview = webview;
    return webview.onDidReceiveMessage((msg: unknown) => this.receive(msg));
  }

  post(message: HostToWebview): void {
    void this.webview?.postMessage(message);
  }

  event(event: HostEvent): void {
    this.post({ kind: "event", event });
  }

  private receive(msg: unknown): void {
    if (!isWebviewToHost(msg)) {
      this.log(`Ignored a webview message of the wrong shape: ${JSON.stringify(msg).slice(0, 200)}`);
      return;
    }
    if (msg.kind === "ready") return this.onReady();
    if (msg.kind === "abort") return this.pending.get(msg.id)?.abort();
    const handler = this.handlers.get(msg.method);
    const controller = new AbortController();
    this.pending.set(msg.id, controller);
    const reply = (res: HostToWebview) => {
      this.pending.delete(msg.id);
      this.post(res);
    };
    if (!handler) {
      reply({ kind: "response", id: msg.id, ok: false, error: { code: ErrorCode.InvalidParams, message: `Unknown method ${msg.method}.` } });
      return;
    }
    handler(msg.params, controller.signal).then(
      (result) => reply({ kind: "response", id: msg.id, ok: true, result }),
      (err: unknown) => reply({ kind: "response", id: msg.id, ok: false, error: toErrorData(err) }),
    );
  }
}

/** LSP ResponseErrors carry ErrorData in `data`; anything else becomes an Internal error. */
export function toErrorData(err: unknown): ErrorData {
  if (typeof err === "object" && err !== null) {
    const e = err as { code?: unknown; message?: unknown; data?: unknown };
    if (typeof e.data === "object" && e.data !== null && typeof (e.data as ErrorData).message === "string") return e.data as ErrorData;
    if (typeof e.code === "number" && typeof e.message === "string") return { code: e.code as ErrorData["code"], message: e.message };
  }
  return { code: ErrorCode.Internal, message: err instanceof Error ? err.message : String(err) };
}
