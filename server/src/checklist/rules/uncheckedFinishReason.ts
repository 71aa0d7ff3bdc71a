import type { Rule } from "./rule";

/** A non-streaming result used without examining finish_reason / stop_reason / status. */
export const uncheckedFinishReason: Rule = {
  id: "unchecked-finish-reason",
  check(f) {
    return f.gens.filter((g) => !g.stream && !g.finishChecked).map((g) => ({
      node: g.call.node,
      message: g.api === "anthropic" ? "The result is used without checking stop_reason: handle \"max_tokens\" (truncated) before using the text." : "The result is used without checking finish_reason: handle \"length\" (truncated) and \"content_filter\" before using the text.",
    }));
  },
};
