import type { Rule } from "./rule";

/** A multi-user entry point that triggers LLM calls without a limiter. */
export const missingRateLimit: Rule = {
  id: "missing-rate-limit",
  check(f) {
    return f.routes.filter((r) => r.triggersLlm && !r.limited).map((r) => ({
      node: r.node,
      message: "This entry point triggers LLM calls without a rate limit: add a per-user/IP limiter (slowapi, flask-limiter, express-rate-limit, Upstash, a cooldown) so one client cannot run up the bill.",
    }));
  },
};
