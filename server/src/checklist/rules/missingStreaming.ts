import type { Rule } from "./rule";

/** A conversational chat route that returns the whole completion at once. */
export const missingStreaming: Rule = {
  id: "missing-streaming",
  check(f) {
    return f.routes.filter((r) => r.chat && r.triggersLlm && !r.streams && (r.kind === "http" || r.kind === "next" || r.kind === "worker")).map((r) => ({
      node: r.node,
      message: "This chat endpoint waits for the whole completion before responding: stream tokens (SSE/StreamingResponse/ReadableStream) so users see the answer start within a second.",
    }));
  },
};
