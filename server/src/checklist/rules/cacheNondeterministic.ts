import type { Rule } from "./rule";

/** An LLM result cached when the call samples (temperature > 0 or unset). */
export const cacheNondeterministic: Rule = {
  id: "cache-nondeterministic",
  check(f) {
    return f.caches.filter((c) => c.gens.some((g) => g.temperature === undefined || (typeof g.temperature === "number" && g.temperature > 0))).map((c) => ({
      node: c.node,
      message: "A sampled LLM result (temperature > 0 or unset, default 1.0) is cached: set temperature=0 for cached calls, or do not cache them.",
    }));
  },
};
