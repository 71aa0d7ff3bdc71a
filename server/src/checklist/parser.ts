import * as fs from "node:fs";
import * as path from "node:path";
import { Language, Parser, type Tree } from "web-tree-sitter";

/** The grammars the checklist parses with. */
export type Grammar = "python" | "javascript" | "typescript" | "tsx";

const GRAMMAR_FILES: Record<Grammar, { pkg: string; file: string }> = {
  python: { pkg: "tree-sitter-python", file: "tree-sitter-python.wasm" },
  javascript: { pkg: "tree-sitter-javascript", file: "tree-sitter-javascript.wasm" },
  typescript: { pkg: "tree-sitter-typescript", file: "tree-sitter-typescript.wasm" },
  tsx: { pkg: "tree-sitter-typescript", file: "tree-sitter-tsx.wasm" },
};

/** Picks the grammar for a file name, or undefined when the checklist does not lint it. */
export function grammarFor(file: string): Grammar | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".py") return "python";
  if (ext === ".js" || ext === ".mjs" || ext === ".cjs" || ext === ".jsx") return "javascript";
  if (ext === ".ts" || ext === ".mts" || ext === ".cts") return "typescript";
  if (ext === ".tsx") return "tsx";
  return undefined;
}

/**
 * Finds a wasm file: next to the bundle first (`wasmDir`), then in node_modules (tests and the
 * CLI run from source). `pkg` names the npm package that ships the file.
 */
export function findWasm(wasmDir: string | undefined, name: string, pkg?: string): string {
  const candidates: string[] = [];
  if (wasmDir) candidates.push(path.join(wasmDir, name));
  const packages = pkg ? [pkg] : ["web-tree-sitter", ...new Set(Object.values(GRAMMAR_FILES).map((g) => g.pkg))];
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    for (const p of packages) candidates.push(path.join(dir, "node_modules", p, name));
    if (path.dirname(dir) === dir) break;
  }
  for (const p of packages) candidates.push(path.join(process.cwd(), "node_modules", p, name));
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`Cannot find ${name}; looked in: ${candidates.slice(0, 4).join(", ")}`);
  return found;
}

/** Parsers for every grammar, loaded once. */
export class Parsers {
  private constructor(private readonly parsers: Map<Grammar, Parser>) {}

  static async load(wasmDir?: string): Promise<Parsers> {
    await Parser.init({ locateFile: (name: string) => findWasm(wasmDir, name, "web-tree-sitter") });
    const parsers = new Map<Grammar, Parser>();
    for (const [grammar, spec] of Object.entries(GRAMMAR_FILES) as [Grammar, { pkg: string; file: string }][]) {
      const language = await Language.load(findWasm(wasmDir, spec.file, spec.pkg));
      const parser = new Parser();
      parser.setLanguage(language);
      parsers.set(grammar, parser);
    }
    return new Parsers(parsers);
  }

  /** Parses `text`; the caller must `delete()` the tree when done. */
  parse(grammar: Grammar, text: string): Tree {
    const parser = this.parsers.get(grammar);
    if (!parser) throw new Error(`No parser for ${grammar}`);
    const tree = parser.parse(text);
    if (!tree) throw new Error(`tree-sitter failed to parse a ${grammar} file`);
    return tree;
  }
}
