import type { Rule } from "./rule";

/**
 * A conversational chat route (HTTP, worker, websocket or socket.io handler) that returns the whole
 * completion in one response. Chat-bot message handlers (Discord, Slack) reply with one message by
 * nature and are not flagged.
 */
export const missingStreaming: Rule = {
  id: "missing-streaming",
  check(f) {
    return f.routes.filter((r) => r.chat && r.triggersLlm && !r.streams && (r.kind === "http" || r.kind === "next" || r.kind === "worker" || r.kind === "ws" || r.kind === "socket")).map((r) => ({
      node: r.node,
      message: "This chat endpoint waits for the whole completion before responding: stream tokens (SSE/StreamingResponse/ReadableStream) so users see the answer start within a second.",
    }));
  },
};
