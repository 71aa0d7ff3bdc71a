/** The chat's channel to the host (see ../common/hostChannel.ts). */
import type { HostEvent, HostToWebview, WebviewRequests } from "../../../shared/src/webview";
import { createHostChannel } from "../common/hostChannel";

export { loadState, newId, RequestFailed, saveState, setHostApi } from "../common/hostChannel";

function isHostMessage(v: unknown): v is HostToWebview {
  return typeof v === "object" && v !== null && ((v as { kind?: unknown }).kind === "response" || (v as { kind?: unknown }).kind === "event");
}

export const { request, abort, onEvent, listen } = createHostChannel<WebviewRequests, HostEvent>(isHostMessage);
