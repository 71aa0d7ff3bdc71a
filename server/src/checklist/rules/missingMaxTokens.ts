import { addArg, addToDict } from "../fixes/edits";
import type { QuickFix } from "../types";
import type { Rule } from "./rule";

/** A chat/completions/responses call (or LangChain model) without an output-token cap. */
export const missingMaxTokens: Rule = {
  id: "missing-max-tokens",
  check(f) {
    return f.gens.filter((g) => g.hasMaxTokens === false).map((g) => {
      const py = f.sx.lang === "python";
      const fixes: QuickFix[] = [];
      const key = g.api === "langchain" ? (py ? "max_tokens" : "maxTokens") : g.kind === "responses" ? "max_output_tokens" : "max_tokens";
      const body = g.body ? f.sx.dict(g.body) : undefined;
      const edit = g.api === "langchain" && g.configCall ? addArg(f, g.configCall, key, "1024") : g.api === "http" && g.body && body ? addToDict(f, g.body, key, "1024") : g.api !== "http" ? addArg(f, g.call, key, "1024") : undefined;
      if (edit) fixes.push({ title: `Add ${key}=1024`, edits: [edit], preferred: true });
      return { node: g.configNode, message: `LLM call without an output-token cap: set ${key} so a runaway answer cannot blow the latency and cost budget.`, fixes };
    });
  },
};
