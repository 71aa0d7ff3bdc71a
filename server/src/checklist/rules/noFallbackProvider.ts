import type { Rule } from "./rule";

/** A generation call with no alternative provider or endpoint on failure. */
export const noFallbackProvider: Rule = {
  id: "no-fallback-provider",
  check(f) {
    return f.gens.filter((g) => !g.inFallbackChain && !g.clientUnknown).map((g) => ({
      node: g.configNode,
      message: "No fallback provider: on outage or exhausted retries, fall back to another provider or endpoint (e.g. OpenAI → Azure/Anthropic, LiteLLM fallbacks, LangChain with_fallbacks).",
    }));
  },
};
