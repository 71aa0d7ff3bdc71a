/** The dashboard's channel to the host (see ../common/hostChannel.ts); messages validated by validate.ts. */
import type { DashboardHostEvent, DashboardRequests } from "./messages";
import { createHostChannel } from "../common/hostChannel";
import { isHostToDashboard } from "./validate";

export { RequestFailed, setHostApi } from "../common/hostChannel";

export const { request, onEvent, listen } = createHostChannel<DashboardRequests, DashboardHostEvent>(isHostToDashboard);
