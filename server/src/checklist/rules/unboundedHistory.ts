import type { Rule } from "./rule";

/** A conversation history that grows per turn and is sent in full. */
export const unboundedHistory: Rule = {
  id: "unbounded-history",
  check(f) {
    return f.gens.filter((g) => g.history).map((g) => ({
      node: g.history ?? g.call.node,
      message: "The whole conversation history is sent on every turn and grows without bound: keep a window (e.g. the last N messages) or trim to a token budget.",
    }));
  },
};
