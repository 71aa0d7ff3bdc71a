import type { Language, Tree } from "web-tree-sitter";

/** A row/column position (0-based; columns in UTF-16 code units, as web-tree-sitter reports them). */
export type Point = { row: number; column: number };

/** Maps offsets of one source text to rows and columns. */
export class Lines {
  private starts: number[] | undefined;

  constructor(readonly text: string) {}

  point(offset: number): Point {
    if (!this.starts) {
      const starts = [0];
      for (let i = this.text.indexOf("\n"); i >= 0; i = this.text.indexOf("\n", i + 1)) starts.push(i + 1);
      this.starts = starts;
    }
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((s[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: offset - (s[lo] as number) };
  }
}

let nextId = 1;

/**
 * A syntax node copied out of a web-tree-sitter tree into plain JavaScript. The fact extractor
 * asks many questions of every node (type, fields, children, text); asked of web-tree-sitter
 * each is a call into wasm that marshals a new Node object, while this copy is built in one
 * cursor pass and answers from memory. It has the subset of web-tree-sitter's `Node` API the
 * checklist uses, with the same meanings. Every named node is kept; of the anonymous tokens only
 * operators (`childForFieldName("operator")`), so `namedChildren` is complete and `children` is not.
 */
export class Node {
  readonly id = nextId++;
  parent: Node | null = null;
  readonly children: Node[] = [];
  private named: Node[] | undefined;

  constructor(
    /** The text and line table this node's positions refer to (replaced when the node is reused). */
    public lines: Lines,
    readonly type: string,
    readonly isNamed: boolean,
    /** Offsets into the text (UTF-16); shifted when a re-parse reuses the node. */
    public startIndex: number,
    public endIndex: number,
    /** The field this node fills in its parent, if any. */
    readonly field: string | undefined,
  ) {}

  get text(): string {
    return this.lines.text.slice(this.startIndex, this.endIndex);
  }

  get startPosition(): Point {
    return this.lines.point(this.startIndex);
  }

  get endPosition(): Point {
    return this.lines.point(this.endIndex);
  }

  get namedChildren(): Node[] {
    if (!this.named) this.named = this.children.every((c) => c.isNamed) ? this.children : this.children.filter((c) => c.isNamed);
    return this.named;
  }

  childForFieldName(name: string): Node | null {
    for (const c of this.children) if (c.field === name) return c;
    return null;
  }

  childrenForFieldName(name: string): Node[] {
    return this.children.filter((c) => c.field === name);
  }

  get previousNamedSibling(): Node | null {
    if (!this.parent) return null;
    const sibs = this.parent.namedChildren;
    const i = sibs.indexOf(this);
    return i > 0 ? (sibs[i - 1] as Node) : null;
  }
}

type LanguageInfo = { types: string[]; fields: (string | null)[]; named: boolean[] };
const languages = new WeakMap<Language, LanguageInfo>();

function info(lang: Language): LanguageInfo {
  let i = languages.get(lang);
  if (!i) {
    const named: boolean[] = [];
    for (let t = 0; t < lang.types.length; t++) named.push(lang.nodeTypeIsNamed(t));
    i = { types: lang.types, fields: lang.fields, named };
    languages.set(lang, i);
  }
  return i;
}

/** Node kinds whose `operator` field is an anonymous token. */
const OPERATOR_PARENTS = new Set([
  "binary_operator", "binary_expression", "augmented_assignment", "augmented_assignment_expression", "comparison_operator", "boolean_operator",
  "unary_operator", "unary_expression", "not_operator", "update_expression", "assignment_expression", "for_in_statement",
]);

/** A copied tree: its root, its named nodes in pre-order, and how many top-level statements were reused. */
export type Mirror = { root: Node; nodes: Node[]; reused: number };

/**
 * What a re-parse after one edit can reuse: the previous copy, the edit (old and new end) and the
 * ranges tree-sitter reports as structurally changed (`oldTree.getChangedRanges(newTree)`).
 */
export type Reuse = { old: Mirror; start: number; oldEnd: number; newEnd: number; changed: readonly { startIndex: number; endIndex: number }[] };

/** Moves a subtree of the previous copy into the new one: offsets shifted, new text, in place. */
function adopt(n: Node, delta: number, lines: Lines, nodes: Node[]): void {
  n.startIndex += delta;
  n.endIndex += delta;
  n.lines = lines;
  if (n.isNamed) nodes.push(n);
  for (const k of n.children) adopt(k, delta, lines, nodes);
}

/**
 * Copies a parsed tree (for `text`, the text it was parsed from) in one cursor pass. With `reuse`
 * (an incremental re-parse), top-level statements untouched by the edit and outside every changed
 * range are moved over from the previous copy (shifted) instead of being walked again in wasm; the
 * previous copy must not be used afterwards.
 */
export function mirror(tree: Tree, text: string, reuse?: Reuse): Mirror {
  const lang = info(tree.language);
  const lines = new Lines(text);
  const nodes: Node[] = [];
  const cursor = tree.walk();
  const oldTop = reuse?.old.root.children ?? [];
  let oldAt = 0;
  let reused = 0;
  const reusable = (typeId: number, field: string | undefined, s: number, e: number): Node | undefined => {
    if (!reuse) return undefined;
    let oldS: number;
    if (e <= reuse.start) oldS = s;
    else if (s >= reuse.newEnd) oldS = s - (reuse.newEnd - reuse.oldEnd);
    else return undefined;
    while (oldAt < oldTop.length && (oldTop[oldAt] as Node).startIndex < oldS) oldAt++;
    const o = oldTop[oldAt];
    if (!o || o.startIndex !== oldS || o.endIndex - o.startIndex !== e - s || o.type !== (lang.types[typeId] ?? "ERROR") || o.field !== field) return undefined;
    for (const r of reuse.changed) if (r.startIndex <= e && r.endIndex >= s) return undefined;
    return o;
  };
  try {
    const rootType = cursor.nodeTypeId;
    const root = new Node(lines, lang.types[rootType] ?? "ERROR", true, cursor.startIndex, cursor.endIndex, undefined);
    nodes.push(root);
    /* The kept nodes the cursor descended from (anonymous tokens are not parents of anything kept). */
    const parents: Node[] = [];
    let current: Node | undefined = root;
    for (;;) {
      if (current && cursor.gotoFirstChild()) {
        parents.push(current);
      } else {
        for (;;) {
          if (parents.length === 0) return { root, nodes, reused };
          if (cursor.gotoNextSibling()) break;
          cursor.gotoParent();
          parents.pop();
        }
      }
      const typeId = cursor.nodeTypeId;
      const isNamed = typeId === 65535 || lang.named[typeId] === true;
      const parent = parents[parents.length - 1] as Node;
      /* Of the anonymous tokens only operators fill a field the checklist reads. */
      const fieldId = isNamed || OPERATOR_PARENTS.has(parent.type) ? cursor.currentFieldId : 0;
      const field = fieldId > 0 ? lang.fields[fieldId] ?? undefined : undefined;
      if (!isNamed && field === undefined) {
        current = undefined;
        continue;
      }
      const s = cursor.startIndex;
      const e = cursor.endIndex;
      const old = parents.length === 1 ? reusable(typeId, field, s, e) : undefined;
      if (old) {
        adopt(old, s - old.startIndex, lines, nodes);
        old.parent = parent;
        parent.children.push(old);
        reused++;
        current = undefined;
        continue;
      }
      const n = new Node(lines, lang.types[typeId] ?? "ERROR", isNamed, s, e, field);
      n.parent = parent;
      parent.children.push(n);
      if (isNamed) nodes.push(n);
      current = n;
    }
  } finally {
    cursor.delete();
  }
}
