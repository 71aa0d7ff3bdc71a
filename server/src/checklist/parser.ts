import * as fs from "node:fs";
import * as path from "node:path";
import type * as TreeSitter from "web-tree-sitter";
import type { Edit, Parser, Point, Tree } from "web-tree-sitter";

/*
 * The CommonJS build is loaded on purpose: bundled as CJS, the ESM build reads import.meta.url,
 * which esbuild leaves empty, while the CJS build locates itself with __dirname.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ts: typeof TreeSitter = require("web-tree-sitter");

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

/** The row/column of a UTF-16 offset in `text`. */
function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** The single edit that turns `before` into `after` (common prefix and suffix kept). */
export function diffEdit(before: string, after: string): Edit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  const oldEnd = before.length - tail;
  const newEnd = after.length - tail;
  return { startIndex: start, oldEndIndex: oldEnd, newEndIndex: newEnd, startPosition: pointAt(before, start), oldEndPosition: pointAt(before, oldEnd), newEndPosition: pointAt(after, newEnd) } as Edit;
}

const KEEP_TREES = 16;

/** Parsers for every grammar, loaded once; keeps the last trees per file for incremental re-parsing. */
export class Parsers {
  private readonly recent = new Map<string, { grammar: Grammar; text: string; tree: Tree }>();

  private constructor(private readonly parsers: Map<Grammar, Parser>) {}

  static async load(wasmDir?: string): Promise<Parsers> {
    await ts.Parser.init({ locateFile: (name: string) => findWasm(wasmDir, name, "web-tree-sitter") });
    const parsers = new Map<Grammar, Parser>();
    for (const [grammar, spec] of Object.entries(GRAMMAR_FILES) as [Grammar, { pkg: string; file: string }][]) {
      const language = await ts.Language.load(findWasm(wasmDir, spec.file, spec.pkg));
      const parser = new ts.Parser();
      parser.setLanguage(language);
      parsers.set(grammar, parser);
    }
    return new Parsers(parsers);
  }

  /**
   * Parses `text`. With a `key` (the file), the previous tree of that file is edited and reused
   * (incremental parsing) and the returned tree stays owned by this cache; without one the caller
   * must `delete()` the tree.
   */
  parse(grammar: Grammar, text: string, key?: string): Tree {
    const parser = this.parsers.get(grammar);
    if (!parser) throw new Error(`No parser for ${grammar}`);
    const prev = key ? this.recent.get(key) : undefined;
    let old: Tree | undefined;
    if (prev && prev.grammar === grammar) {
      const edit = diffEdit(prev.text, text);
      if (!edit) return prev.tree;
      old = prev.tree;
      old.edit(edit);
    }
    const tree = parser.parse(text, old ?? null);
    if (!tree) throw new Error(`tree-sitter failed to parse a ${grammar} file`);
    if (key) {
      if (prev) {
        prev.tree.delete();
        this.recent.delete(key);
      }
      this.recent.set(key, { grammar, text, tree });
      if (this.recent.size > KEEP_TREES) {
        const [oldestKey, oldest] = this.recent.entries().next().value as [string, { tree: Tree }];
        oldest.tree.delete();
        this.recent.delete(oldestKey);
      }
    }
    return tree;
  }
}
