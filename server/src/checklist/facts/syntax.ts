import type { Node } from "web-tree-sitter";

/** One argument of a call: keyword/option name (if any) and its value. */
export type Arg = {
  name?: string;
  value: Node;
  /** For JS options objects: the object literal the property sits in (quick fixes insert there). */
  objectNode?: Node;
};

/** A call or constructor call in normalised form. */
export type CallInfo = {
  node: Node;
  callee: Node;
  /** Dotted name of the callee (`["client", "chat", "completions", "create"]`); empty if not a name chain. */
  path: string[];
  isNew: boolean;
  /** Named arguments: Python keywords, and the properties of JS object-literal arguments. */
  named: Arg[];
  positional: Node[];
  argsNode: Node | null;
};

/** A function (def, function, arrow, method, lambda) in normalised form. */
export type FnInfo = { node: Node; name?: string; params: string[]; body: Node; decorators: Node[] };

/** One imported binding: `local` in this file is `name` (or "*"/"default") from `module`. */
export type ImportBinding = { local: string; module: string; name: string };

/**
 * The per-language syntax layer: maps a grammar's node kinds onto the small vocabulary the fact
 * extractor reasons with, so fact extraction and rules are shared by every language.
 */
export interface Syntax {
  readonly lang: "python" | "js";
  call(n: Node): CallInfo | undefined;
  /** Dotted name of an identifier/attribute/member/subscript chain, unwrapping await and parens. */
  path(n: Node): string[] | undefined;
  /** The value of a string literal without interpolation. */
  str(n: Node): string | undefined;
  /** Expressions interpolated into a string (f-string, template, concatenation, .format, %). */
  interpolated(n: Node): Node[] | undefined;
  /** An assignment-like node: targets and value. */
  assignment(n: Node): { targets: Node[]; value: Node; augmented: boolean } | undefined;
  fn(n: Node): FnInfo | undefined;
  isLoop(n: Node): boolean;
  tryInfo(n: Node): { body: Node; handlers: Node[] } | undefined;
  returnValue(n: Node): Node | null | undefined;
  list(n: Node): Node[] | undefined;
  dict(n: Node): { key?: string; keyNode: Node; value: Node }[] | undefined;
  num(n: Node): number | undefined;
  bool(n: Node): boolean | undefined;
  isComment(n: Node): boolean;
  /** True when `n` takes a bounded window of a sequence (`h[-10:]`, `h.slice(-10)`). */
  isWindow(n: Node): boolean;
  imports(root: Node): ImportBinding[];
  /** Strips await/parentheses/type assertions around an expression. */
  unwrap(n: Node): Node;
}

/** Depth-first walk over named nodes; return false from `visit` to skip a subtree. */
export function walk(root: Node, visit: (n: Node) => boolean | void): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop() as Node;
    if (visit(n) === false) continue;
    const kids = n.namedChildren;
    for (let i = kids.length - 1; i >= 0; i--) {
      const k = kids[i];
      if (k) stack.push(k);
    }
  }
}

/** 0-based line of a node's start. */
export function lineOf(n: Node): number {
  return n.startPosition.row;
}

/** True when `inner` lies within `outer` (inclusive). */
export function contains(outer: Node, inner: Node): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

/** Last element of a dotted path, lower-cased. */
export function leaf(path: string[] | undefined): string {
  return path && path.length > 0 ? (path[path.length - 1] ?? "").toLowerCase() : "";
}

/** Normalises an identifier for name matching: lower case, no underscores. */
export function norm(name: string): string {
  return name.replace(/_/g, "").toLowerCase();
}
