import { addArg } from "../fixes/edits";
import type { QuickFix } from "../types";
import type { Rule } from "./rule";

/** A generation call with no explicit timeout on the call or its client. */
export const missingTimeout: Rule = {
  id: "missing-timeout",
  check(f) {
    return f.gens.filter((g) => !g.hasTimeout && !g.clientUnknown).map((g) => {
      const py = f.sx.lang === "python";
      const fixes: QuickFix[] = [];
      const ctorInFile = g.configCall && g.client?.file === undefined ? g.configCall : undefined;
      if (ctorInFile && g.api !== "http") {
        const e = addArg(f, ctorInFile, "timeout", py ? "30.0" : "30_000");
        if (e) fixes.push({ title: "Add a 30 s timeout to the client", edits: [e], preferred: true });
      } else if (g.api === "http" && !py) {
        const isFetch = g.call.path.join(".") === "fetch";
        const e = isFetch ? addArg(f, g.call, "signal", "AbortSignal.timeout(30_000)") : addArg(f, g.call, "timeout", "30_000", g.call.positional.filter((p) => p.type === "object").length > 1 ? 1 : 9);
        if (e) fixes.push({ title: "Add a 30 s timeout to the request", edits: [e], preferred: true });
      } else {
        const e = py ? addArg(f, g.call, g.legacy ? "request_timeout" : "timeout", "30") : addArg(f, g.call, "timeout", "30_000", 1);
        if (e) fixes.push({ title: "Add a 30 s timeout to the call", edits: [e], preferred: true });
      }
      return { node: g.configNode, message: "LLM call without a timeout: set one on the client or the call (the SDK default waits up to 10 minutes).", fixes };
    });
  },
};
