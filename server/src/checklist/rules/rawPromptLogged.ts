import type { Rule } from "./rule";

/** Logging or printing of a raw prompt, user message or messages list. */
export const rawPromptLogged: Rule = {
  id: "raw-prompt-logged",
  check(f) {
    return f.promptLogs.map((node) => ({ node, message: "Raw prompt or user message written to logs: log an id, length, hash or token count instead (prompts carry PII and secrets)." }));
  },
};
