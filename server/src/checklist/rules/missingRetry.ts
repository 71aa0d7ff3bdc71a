import type { Rule } from "./rule";

/** Raw HTTP without retries, SDK retries disabled, or a legacy SDK with no built-in retries. */
export const missingRetry: Rule = {
  id: "missing-retry",
  check(f) {
    return f.gens.filter((g) => (g.retry === "none" || g.retry === "disabled") && !g.retryWrapped && !retryAround(f, g.call.node)).map((g) => ({
      node: g.configNode,
      message: g.retry === "disabled"
        ? "Retries are disabled for this LLM call: allow a few retries with backoff for 429/5xx, or retry in a wrapper."
        : "LLM call without retry logic: retry 429/5xx/network errors with exponential backoff and jitter (tenacity, backoff, p-retry or an SDK with built-in retries).",
    }));
  },
};

/** True when a retry decorator, wrapper or loop surrounds the call. */
function retryAround(f: Parameters<Rule["check"]>[0], node: import("../tree").Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    const fn = f.sx.fn(p);
    if (fn) {
      if (fn.decorators.some((d) => /retry|backoff|on_exception|stamina/i.test(d.text))) return true;
      const name = fn.name ?? "";
      if (/retry|with_backoff|backoff/i.test(name)) return true;
      const parentCall = p.parent?.type === "arguments" || p.parent?.type === "argument_list" ? p.parent.parent : undefined;
      if (parentCall && /retry|backoff/i.test(parentCall.text.slice(0, 30))) return true;
    }
    if (f.sx.isLoop(p) && /attempt|retr|backoff|tries|sleep|RateLimit/i.test(p.text)) return true;
  }
  return false;
}
