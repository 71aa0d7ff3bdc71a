import { ensurePythonOs, replaceNode, addArg } from "../fixes/edits";
import type { TextEdit } from "../types";
import type { Rule } from "./rule";

/** CORS that allows any origin. */
export const corsWildcard: Rule = {
  id: "cors-wildcard",
  check(f) {
    const py = f.sx.lang === "python";
    const list = py ? `os.environ.get("ALLOWED_ORIGINS", "").split(",")` : `(process.env.ALLOWED_ORIGINS ?? "").split(",")`;
    return f.cors.map((c) => {
      let edits: TextEdit[] = [];
      if (c.kind === "env-default") edits = [replaceNode(c.replace, py ? `""` : `""`)];
      else if (c.kind === "setting") edits = [replaceNode(c.replace, "False")];
      else if (c.kind === "call") {
        const call = f.sx.call(c.replace);
        const e = py && call ? addArg(f, call, "origins", list) : undefined;
        edits = py ? (e ? [...ensurePythonOs(f, f.root), e] : []) : [replaceNode(c.replace, `cors({ origin: ${list} })`)];
      } else if (c.kind === "value" && c.replace.parent?.type !== "pair" && c.replace.parent?.type !== "keyword_argument") {
        edits = py ? [...ensurePythonOs(f, f.root), replaceNode(c.replace, `os.environ["ALLOWED_ORIGIN"]`)] : [replaceNode(c.replace, `process.env.ALLOWED_ORIGIN ?? ""`)];
      } else edits = py ? [...ensurePythonOs(f, f.root), replaceNode(c.replace, list)] : [replaceNode(c.replace, list)];
      return {
        node: c.node,
        message: "CORS allows any origin: list the allowed origins explicitly (e.g. from an ALLOWED_ORIGINS setting) so other sites cannot call this API with users' credentials or your quota.",
        fixes: edits.length > 0 ? [{ title: "Use the origin list from ALLOWED_ORIGINS", edits, preferred: true }] : [],
      };
    });
  },
};
