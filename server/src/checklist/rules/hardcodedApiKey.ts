import { envNameFor, ensurePythonOs, replaceNode } from "../fixes/edits";
import type { Rule } from "./rule";

/** A real-looking credential literal in source. */
export const hardcodedApiKey: Rule = {
  id: "hardcoded-api-key",
  check(f) {
    return f.secrets.map((node) => {
      const value = f.sx.str(node) ?? "";
      const parent = node.parent;
      const ctxName = parent?.type === "keyword_argument" ? parent.childForFieldName("name")?.text ?? "" : parent?.childForFieldName("left")?.text ?? parent?.childForFieldName("name")?.text ?? parent?.childForFieldName("key")?.text ?? "";
      const env = envNameFor(value, ctxName);
      const args = parent?.type === "argument_list" || parent?.type === "arguments" ? parent : undefined;
      const prev = node.previousNamedSibling;
      const isEnvDefault = !!args && !!prev && /getenv|environ\.get|env\.get/.test(args.parent?.text.slice(0, 40) ?? "");
      const edits = isEnvDefault && prev
        ? [{ start: prev.endIndex, end: node.endIndex, text: "" }]
        : f.sx.lang === "python"
          ? [...ensurePythonOs(f, f.root), replaceNode(node, `os.environ["${env}"]`)]
          : [replaceNode(node, `process.env.${env}`)];
      return {
        node,
        message: `Hard-coded credential: load it from the environment or a secret store (e.g. ${f.sx.lang === "python" ? `os.environ["${env}"]` : `process.env.${env}`}) and rotate this key.`,
        fixes: [{ title: `Read the key from the ${env} environment variable`, edits, preferred: true }],
      };
    });
  },
};
