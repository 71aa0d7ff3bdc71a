import { retryAround } from "../facts/flow";
import type { Rule } from "./rule";

/** Raw HTTP without retries, SDK retries disabled, or a legacy SDK with no built-in retries. */
export const missingRetry: Rule = {
  id: "missing-retry",
  check(f) {
    return f.gens.filter((g) => (g.retry === "none" || g.retry === "disabled") && !g.retryWrapped && !retryAround(f.sx, g.call.node)).map((g) => ({
      node: g.configNode,
      message: g.retry === "disabled"
        ? "Retries are disabled for this LLM call: allow a few retries with backoff for 429/5xx, or retry in a wrapper."
        : "LLM call without retry logic: retry 429/5xx/network errors with exponential backoff and jitter (tenacity, backoff, p-retry or an SDK with built-in retries).",
    }));
  },
};

