import type { Node } from "../tree";

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

/** Node kinds the fact extractor looks for; only these are indexed per tree. */
const INDEXED = new Set([
  "string", "template_string", "concatenated_string", "assignment", "augmented_assignment", "named_expression", "variable_declarator",
  "assignment_expression", "augmented_assignment_expression", "public_field_definition", "field_definition", "call", "call_expression",
  "new_expression", "function_definition", "lambda", "function_declaration", "function_expression", "function", "arrow_function",
  "method_definition", "generator_function_declaration", "generator_function", "try_statement", "for_statement", "while_statement",
  "for_in_statement", "do_statement", "class_definition", "class_declaration", "class", "dictionary", "object", "tuple", "array",
  "binary_operator", "binary_expression", "expression_statement", "pair", "with_item", "list", "comment",
]);
const NAME_KINDS = new Set(["identifier", "property_identifier", "shorthand_property_identifier_pattern", "shorthand_property_identifier", "string_content", "string_fragment"]);
/** Identifier/key names whose every occurrence is recorded while indexing (finish, usage, status reads). */
export const WATCHED_NAMES = new Set([
  "finish_reason", "finishreason", "finishReason", "stop_reason", "stopreason", "stopReason", "incomplete_details", "incompleteDetails",
  "finish_details", "usage", "usage_metadata", "usageMetadata", "token_usage", "tokenUsage", "prompt_tokens", "completion_tokens",
  "total_tokens", "input_tokens", "output_tokens", "promptTokens", "completionTokens", "totalTokens", "inputTokens", "outputTokens",
  "include_usage", "status", "success_callback",
]);

/** Indexed nodes of the tree being analysed, in pre-order, so repeated scans do not re-marshal nodes. */
let flat: Node[] = [];
let flatTypes: string[] = [];
let position = new Map<number, number>();
let names = new Map<string, Node[]>();
let indexedRoot = -1;

/**
 * Indexes the interesting nodes of a copied tree once (`nodes`: its named nodes in pre-order) and
 * the watched names, by text; returns a function that restores the previous index (cross-file
 * lookups nest).
 */
export function indexTree(root: Node, all: readonly Node[], source: string): () => void {
  const saved = { flat, position, flatTypes, names, indexedRoot };
  const restore = (): void => {
    ({ flat, position, flatTypes, names, indexedRoot } = saved);
  };
  const nodes: Node[] = [];
  const types: string[] = [];
  const found = new Map<string, Node[]>();
  const pos = new Map<number, number>();
  for (const n of all) {
    const t = n.type;
    if (INDEXED.has(t)) {
      pos.set(n.id, nodes.length);
      nodes.push(n);
      types.push(t);
    } else if (NAME_KINDS.has(t)) {
      const text = source.slice(n.startIndex, n.endIndex);
      if (WATCHED_NAMES.has(text)) {
        const list = found.get(text);
        if (list) list.push(n);
        else found.set(text, [n]);
      }
    }
  }
  flat = nodes;
  flatTypes = types;
  names = found;
  indexedRoot = root.id;
  position = pos;
  return restore;
}

/** Nodes naming any of `words` (identifiers, properties, string keys) in the indexed tree. */
export function namesRead(words: ReadonlySet<string>): Node[] {
  const out: Node[] = [];
  for (const [text, list] of names) if (words.has(text) || words.has(text.toLowerCase())) out.push(...list);
  return out;
}

/** Named nodes of the given kinds inside `root` (uses the index when `root` is indexed). */
export function nodesOfType(types: ReadonlySet<string>, root: Node): Node[] {
  const out: Node[] = [];
  const whole = root.id === indexedRoot;
  const start = whole ? 0 : position.get(root.id);
  if (start === undefined) {
    walk(root, (n) => {
      if (types.has(n.type)) out.push(n);
    });
    return out;
  }
  const end = whole ? Number.POSITIVE_INFINITY : root.endIndex;
  for (let i = start; i < flat.length; i++) {
    const n = flat[i] as Node;
    if (i > start && n.startIndex >= end) break;
    if (types.has(flatTypes[i] as string)) out.push(n);
  }
  return out;
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

/** Visits the named nodes of the given kinds inside `root` (return values are ignored). */
export function walkTypes(root: Node, types: ReadonlySet<string>, visit: (n: Node) => unknown): void {
  for (const n of nodesOfType(types, root)) visit(n);
}

export const T = {
  strings: new Set(["string", "template_string", "concatenated_string"]),
  assignments: new Set(["with_item", "assignment", "augmented_assignment", "named_expression", "variable_declarator", "assignment_expression", "augmented_assignment_expression", "public_field_definition", "field_definition"]),
  calls: new Set(["call", "call_expression", "new_expression"]),
  functions: new Set(["function_definition", "lambda", "function_declaration", "function_expression", "function", "arrow_function", "method_definition", "generator_function_declaration", "generator_function"]),
  names: new Set(["identifier", "property_identifier", "shorthand_property_identifier_pattern", "shorthand_property_identifier", "string_content", "string_fragment"]),
  lists: new Set(["list", "array", "tuple"]),
  tryOrLoop: new Set(["try_statement", "for_statement", "while_statement", "for_in_statement", "do_statement"]),
  classes: new Set(["class_definition", "class_declaration", "class"]),
  containers: new Set(["dictionary", "object", "tuple", "array", "call", "call_expression", "new_expression"]),
  interpolations: new Set(["string", "concatenated_string", "binary_operator", "binary_expression", "template_string", "call"]),
} as const;
