import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Node as TsNode } from "web-tree-sitter";
import { diffEdit, grammarFor, Parsers } from "../../../server/src/checklist/parser";
import { mirror, type Node } from "../../../server/src/checklist/tree";
import { FIXTURES } from "./helpers";

const FIELDS = ["name", "value", "object", "left", "right", "key", "operator", "function", "parameters", "body", "alias", "arguments", "subscript", "property", "attribute", "source", "pattern", "parameter", "module_name", "index", "handler", "expression"];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Compares a copied node with the web-tree-sitter node it was copied from, recursively. */
function same(copy: Node, real: TsNode, where: string): void {
  assert.equal(copy.type, real.type, where);
  assert.equal(copy.startIndex, real.startIndex, `${where} ${real.type} start`);
  assert.equal(copy.endIndex, real.endIndex, `${where} ${real.type} end`);
  assert.deepEqual(copy.startPosition, real.startPosition, `${where} ${real.type} startPosition`);
  assert.deepEqual(copy.endPosition, real.endPosition, `${where} ${real.type} endPosition`);
  assert.equal(copy.text, real.text, `${where} ${real.type} text`);
  for (const f of FIELDS) {
    const a = copy.childForFieldName(f);
    const b = real.childForFieldName(f);
    if (b && (b.isNamed || f === "operator")) assert.equal(a?.text, b.text, `${where} ${real.type}.${f}`);
    else if (!b) assert.equal(a, null, `${where} ${real.type}.${f} should be absent`);
    assert.deepEqual(copy.childrenForFieldName(f).filter((c) => c.isNamed).map((c) => c.startIndex), real.childrenForFieldName(f).filter((c) => c.isNamed).map((c) => c.startIndex), `${where} ${real.type}.${f}[]`);
  }
  assert.equal(copy.previousNamedSibling?.startIndex, real.previousNamedSibling?.startIndex ?? undefined, `${where} ${real.type} previousNamedSibling`);
  const kids = real.namedChildren.filter((k): k is TsNode => k !== null);
  assert.equal(copy.namedChildren.length, kids.length, `${where} ${real.type} named children`);
  kids.forEach((k, i) => {
    const c = copy.namedChildren[i] as Node;
    assert.equal(c.parent, copy, `${where} parent link`);
    same(c, k, where);
  });
}

/** A copy as plain data (type, field, range, children) for deep comparison. */
function shape(n: Node): unknown {
  return [n.type, n.field ?? "", n.startIndex, n.endIndex, n.children.map(shape)];
}

describe("checklist syntax tree copy", function () {
  this.timeout(60_000);

  it("matches web-tree-sitter's nodes (types, ranges, positions, fields, children) on every tune file", async () => {
    const parsers = await Parsers.load();
    const all = files(path.join(FIXTURES, "tune", "files"));
    assert.ok(all.length > 40);
    for (const file of all) {
      const text = fs.readFileSync(file, "utf8");
      const tree = parsers.parse(grammarFor(file) ?? "python", text);
      try {
        const m = mirror(tree, text);
        same(m.root, tree.rootNode, path.basename(file));
        assert.ok(m.nodes.every((n) => n.isNamed) && m.nodes[0] === m.root, "nodes are the named nodes, root first");
      } finally {
        tree.delete();
      }
    }
  });

  it("keeps positions right after multi-byte and astral characters and CRLF line ends", async () => {
    const parsers = await Parsers.load(undefined, ["python"]);
    const text = 'x = "héllo 😀"\r\ny = f"{x} ü"\r\n\r\nz = call(a, key="v")\n';
    const tree = parsers.parse("python", text);
    try {
      same(mirror(tree, text).root, tree.rootNode, "unicode");
    } finally {
      tree.delete();
    }
  });

  it("re-uses untouched statements after an edit and equals a copy of the re-parsed tree (and a fresh copy when the text parses cleanly)", async () => {
    const parsers = await Parsers.load();
    const all = files(path.join(FIXTURES, "tune", "files"));
    let reusedSome = false;
    let comparedFresh = 0;
    for (const file of all.filter((_, i) => i % 3 === 0)) {
      const grammar = grammarFor(file) ?? "python";
      const base = fs.readFileSync(file, "utf8");
      const key = `edit:${file}`;
      parsers.copy(grammar, base, key);
      /* The same edits applied to a plain incremental web-tree-sitter tree, for reference. */
      let reference = parsers.parse(grammar, base);
      let prevText = base;
      const at = Math.floor(base.length / 2);
      const edits = [
        base.slice(0, at) + "x" + base.slice(at),
        base.slice(0, at) + "\n\n" + base.slice(at),
        base.slice(0, at) + base.slice(at + 7),
        base.slice(0, at) + '"""' + base.slice(at),
        base.replace(/\n/, "\n# c\n"),
        base,
      ];
      try {
        for (const text of edits) {
          const before = parsers.copy(grammar, text, key);
          const edit = diffEdit(prevText, text);
          if (edit) {
            reference.edit(edit);
            const next = parsers.reparse(grammar, text, reference);
            reference.delete();
            reference = next;
          }
          prevText = text;
          assert.deepEqual(shape(before.root), shape(mirror(reference, text).root), `${path.basename(file)} after an edit`);
          const freshTree = parsers.parse(grammar, text);
          try {
            if (!freshTree.rootNode.hasError) {
              /* Tree-sitter's own incremental result may differ from a fresh parse only around syntax errors. */
              const fresh = mirror(freshTree, text);
              assert.deepEqual(shape(before.root), shape(fresh.root), `${path.basename(file)} after an edit, fresh`);
              assert.deepEqual(before.nodes.map((n) => n.startIndex), fresh.nodes.map((n) => n.startIndex));
              comparedFresh++;
            }
          } finally {
            freshTree.delete();
          }
          if (before.reused > 0) reusedSome = true;
        }
      } finally {
        reference.delete();
      }
    }
    assert.ok(reusedSome && comparedFresh > 10);
  });
});
