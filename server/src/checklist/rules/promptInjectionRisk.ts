import type { Rule } from "./rule";

/** User-controlled text interpolated into a system prompt or instructions. */
export const promptInjectionRisk: Rule = {
  id: "prompt-injection-risk",
  check(f) {
    return f.systemInterpolations.map((node) => ({ node, message: "User-controlled text is interpolated into the system prompt: keep the system prompt constant and pass user text in a user-role message (delimited), after input validation." }));
  },
};
