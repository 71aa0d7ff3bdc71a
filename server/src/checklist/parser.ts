import * as fs from "node:fs";
import * as path from "node:path";
import type * as TreeSitter from "web-tree-sitter";
import type { Edit, Parser, Point, Tree } from "web-tree-sitter";
import { mirror, type Mirror, type Reuse } from "./tree";

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

/** The grammars a file's imports may need too: JS-family files import each other across grammars. */
export function grammarFamily(grammar: Grammar): Grammar[] {
  return grammar === "python" ? ["python"] : ["javascript", "typescript", "tsx"];
}

let runtime: Promise<void> | undefined;

/** Initialises the web-tree-sitter runtime once per process, on first use. */
function initRuntime(wasmDir: string | undefined): Promise<void> {
  runtime ??= ts.Parser.init({ locateFile: (name: string) => findWasm(wasmDir, name, "web-tree-sitter") }).catch((e: unknown) => {
    runtime = undefined;
    throw e;
  });
  return runtime;
}

/**
 * Parsers per grammar. A grammar (and the web-tree-sitter runtime) is loaded on first
 * `ensure()` of a file that needs it, so a server that never sees TypeScript never pays for the
 * TypeScript grammars. Keeps the last trees per file for incremental re-parsing.
 */
export class Parsers {
  private readonly recent = new Map<string, { grammar: Grammar; text: string; tree: Tree; copy: Mirror }>();
  private readonly parsers = new Map<Grammar, Parser>();
  private readonly loading = new Map<Grammar, Promise<void>>();

  private constructor(private readonly wasmDir: string | undefined) {}

  /** Parsers that load nothing until `ensure()` asks for a grammar. */
  static lazy(wasmDir?: string): Parsers {
    return new Parsers(wasmDir);
  }

  /** Parsers with the given grammars (default: all four) loaded. */
  static async load(wasmDir?: string, grammars: readonly Grammar[] = Object.keys(GRAMMAR_FILES) as Grammar[]): Promise<Parsers> {
    const p = new Parsers(wasmDir);
    await p.ensure(grammars);
    return p;
  }

  /** True when `grammar` is loaded (parse() can use it synchronously). */
  has(grammar: Grammar): boolean {
    return this.parsers.has(grammar);
  }

  /** The grammars loaded so far. */
  loaded(): Grammar[] {
    return [...this.parsers.keys()];
  }

  /** Loads the grammars (once each; concurrent callers share the load). */
  async ensure(grammars: Iterable<Grammar>): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const grammar of new Set(grammars)) {
      if (this.parsers.has(grammar)) continue;
      let p = this.loading.get(grammar);
      if (!p) {
        p = this.loadOne(grammar).finally(() => this.loading.delete(grammar));
        this.loading.set(grammar, p);
      }
      waits.push(p);
    }
    await Promise.all(waits);
  }

  private async loadOne(grammar: Grammar): Promise<void> {
    await initRuntime(this.wasmDir);
    const spec = GRAMMAR_FILES[grammar];
    const language = await ts.Language.load(findWasm(this.wasmDir, spec.file, spec.pkg));
    const parser = new ts.Parser();
    parser.setLanguage(language);
    this.parsers.set(grammar, parser);
  }

  /** Parses `text` into a new tree the caller must `delete()`. The grammar must be loaded (`ensure`). */
  parse(grammar: Grammar, text: string): Tree {
    const parser = this.parsers.get(grammar);
    if (!parser) throw new Error(`The ${grammar} grammar is not loaded yet (await ensure/prepare first)`);
    const tree = parser.parse(text);
    if (!tree) throw new Error(`tree-sitter failed to parse a ${grammar} file`);
    return tree;
  }

  /** Re-parses `text` incrementally from `old` (already `edit()`ed); the caller must `delete()` the new tree. */
  reparse(grammar: Grammar, text: string, old: Tree): Tree {
    const parser = this.parsers.get(grammar);
    if (!parser) throw new Error(`The ${grammar} grammar is not loaded yet (await ensure/prepare first)`);
    const tree = parser.parse(text, old);
    if (!tree) throw new Error(`tree-sitter failed to parse a ${grammar} file`);
    return tree;
  }

  /**
   * Parses `text` and returns its copy (see `mirror`). With a `key` (the file), the previous tree
   * of that file is edited and re-parsed incrementally, and the previous copy's untouched
   * top-level statements are reused; the last trees are kept per key.
   */
  copy(grammar: Grammar, text: string, key?: string): Mirror {
    if (!key) {
      const tree = this.parse(grammar, text);
      try {
        return mirror(tree, text);
      } finally {
        tree.delete();
      }
    }
    const parser = this.parsers.get(grammar);
    if (!parser) throw new Error(`The ${grammar} grammar is not loaded yet (await ensure/prepare first)`);
    const prev = this.recent.get(key);
    let edit: Edit | undefined;
    if (prev && prev.grammar === grammar) {
      edit = diffEdit(prev.text, text);
      if (!edit) return prev.copy;
      prev.tree.edit(edit);
    }
    const old = edit ? prev?.tree : undefined;
    const tree = parser.parse(text, old ?? null);
    if (!tree) throw new Error(`tree-sitter failed to parse a ${grammar} file`);
    let result: Mirror;
    try {
      const reuse: Reuse | undefined = old && prev && edit ? { old: prev.copy, start: edit.startIndex, oldEnd: edit.oldEndIndex, newEnd: edit.newEndIndex, changed: old.getChangedRanges(tree) } : undefined;
      result = mirror(tree, text, reuse);
    } catch (e) {
      tree.delete();
      throw e;
    }
    if (prev) {
      prev.tree.delete();
      this.recent.delete(key);
    }
    this.recent.set(key, { grammar, text, tree, copy: result });
    if (this.recent.size > KEEP_TREES) {
      const [oldestKey, oldest] = this.recent.entries().next().value as [string, { tree: Tree }];
      oldest.tree.delete();
      this.recent.delete(oldestKey);
    }
    return result;
  }
}
