import { addArg } from "../fixes/edits";
import type { QuickFix } from "../types";
import type { Rule } from "./rule";

/** A generation call whose usage/cost is never recorded. */
export const missingCostTracking: Rule = {
  id: "missing-cost-tracking",
  check(f) {
    return f.gens.filter((g) => !g.usageRecorded).map((g) => {
      const fixes: QuickFix[] = [];
      if (g.stream && g.api === "openai" && g.kind === "chat") {
        const e = f.sx.lang === "python" ? addArg(f, g.call, "stream_options", `{"include_usage": True}`) : addArg(f, g.call, "stream_options", "{ include_usage: true }");
        if (e) fixes.push({ title: "Add stream_options include_usage", edits: [e], preferred: true });
      }
      return {
        node: g.call.node,
        message: g.stream ? "Token usage of this stream is never recorded: request it (stream_options include_usage) and record tokens/cost per request." : "Token usage/cost of this call is never recorded: record response usage (tokens, cost) per request in a metric, ledger or structured log.",
        fixes,
      };
    });
  },
};
