import type { Node } from "../tree";
import type { FileFacts } from "../facts/extract";
import type { CallInfo } from "../facts/syntax";
import type { RuleId, TextEdit } from "../types";

/** Inserts a key/value into a Python dict or a JS object literal. */
export function addToDict(f: FileFacts, dict: Node, key: string, value: string): TextEdit {
  const entry = f.sx.lang === "python" ? `"${key}": ${value}` : `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${value}`;
  const close = dict.endIndex - 1;
  const inner = f.text.slice(dict.startIndex + 1, close);
  if (inner.trim() === "") return { start: dict.startIndex + 1, end: close, text: f.sx.lang === "python" ? entry : ` ${entry} ` };
  const trimmed = inner.replace(/\s+$/, "");
  const at = dict.startIndex + 1 + trimmed.length;
  return trimmed.endsWith(",") ? { start: at, end: at, text: ` ${entry},` } : { start: at, end: at, text: `, ${entry}` };
}

/** Adds a keyword argument (Python) or an option property (JS) to a call. */
export function addArg(f: FileFacts, call: CallInfo, key: string, value: string, jsObjectIndex = 0): TextEdit | undefined {
  const args = call.argsNode;
  if (!args) return undefined;
  if (f.sx.lang === "python") {
    const close = args.endIndex - 1;
    const inner = f.text.slice(args.startIndex + 1, close);
    const trimmed = inner.replace(/\s+$/, "");
    const at = args.startIndex + 1 + trimmed.length;
    if (trimmed === "") return { start: at, end: at, text: `${key}=${value}` };
    return { start: at, end: at, text: trimmed.endsWith(",") ? ` ${key}=${value},` : `, ${key}=${value}` };
  }
  const objects = call.positional.filter((p) => p.type === "object");
  const target = objects[jsObjectIndex];
  if (target) return addToDict(f, target, key, value);
  const close = args.endIndex - 1;
  const inner = f.text.slice(args.startIndex + 1, close).replace(/\s+$/, "");
  const at = args.startIndex + 1 + inner.length;
  if (inner === "") return { start: at, end: at, text: `{ ${key}: ${value} }` };
  return { start: at, end: at, text: inner.endsWith(",") ? ` { ${key}: ${value} },` : `, { ${key}: ${value} }` };
}

/** Replaces a node's text. */
export function replaceNode(node: Node, text: string): TextEdit {
  return { start: node.startIndex, end: node.endIndex, text };
}

/** Adds `import os` to a Python file that lacks it (after any __future__ imports). */
export function ensurePythonOs(_f: FileFacts, root: Node): TextEdit[] {
  let after = 0;
  for (const st of root.namedChildren) {
    if (!st) continue;
    if (st.type === "import_statement" && st.childrenForFieldName("name").some((n) => n?.text === "os")) return [];
    if (st.type === "future_import_statement") after = st.endIndex + 1;
  }
  return [{ start: after, end: after, text: "import os\n" }];
}

/** A comment line above `line` that disables `rule` for the next line. */
export function disableEdit(f: FileFacts, rule: RuleId, line: number): TextEdit {
  let offset = 0;
  for (let i = 0; i < line; i++) {
    const nl = f.text.indexOf("\n", offset);
    if (nl < 0) break;
    offset = nl + 1;
  }
  const indent = /^[ \t]*/.exec(f.text.slice(offset))?.[0] ?? "";
  const marker = f.sx.lang === "python" ? "#" : "//";
  return { start: offset, end: offset, text: `${indent}${marker} preflight-disable-next-line ${rule}\n` };
}

/** An environment variable name for a credential literal. */
export function envNameFor(value: string, context: string): string {
  if (value.startsWith("sk-ant-")) return "ANTHROPIC_API_KEY";
  if (value.startsWith("sk-")) return "OPENAI_API_KEY";
  if (/^(AKIA|ASIA)/.test(value)) return "AWS_ACCESS_KEY_ID";
  if (/^gh[pousr]_/.test(value)) return "GITHUB_TOKEN";
  if (value.startsWith("hf_")) return "HF_TOKEN";
  if (value.startsWith("gsk_")) return "GROQ_API_KEY";
  if (value.startsWith("xox")) return "SLACK_BOT_TOKEN";
  if (value.startsWith("AIza")) return "GOOGLE_API_KEY";
  const name = context.replace(/^.*[.>]/, "").replace(/[^A-Za-z0-9_]/g, "_").replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
  return /^[A-Z_][A-Z0-9_]*$/.test(name) && name.length > 2 ? name : "API_KEY";
}
