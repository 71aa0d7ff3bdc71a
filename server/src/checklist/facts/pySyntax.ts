import type { Node } from "../tree";
import type { Arg, CallInfo, FnInfo, ImportBinding, Syntax } from "./syntax";

function stringParts(n: Node): { text: string; interps: Node[] } {
  let text = "";
  const interps: Node[] = [];
  for (const c of n.namedChildren) {
    if (!c) continue;
    if (c.type === "string_content" || c.type === "escape_sequence") text += c.text;
    else if (c.type === "interpolation") {
      const e = c.childForFieldName("expression");
      if (e) interps.push(e);
    }
  }
  return { text, interps };
}

/** The Python syntax layer (tree-sitter-python). */
export const pySyntax: Syntax = {
  lang: "python",
  unwrap(n) {
    let cur = n;
    while (cur.type === "await" || cur.type === "parenthesized_expression") {
      const inner = cur.namedChildren[0];
      if (!inner) break;
      cur = inner;
    }
    return cur;
  },
  call(n) {
    if (n.type !== "call") return undefined;
    const callee = n.childForFieldName("function");
    const argsNode = n.childForFieldName("arguments");
    if (!callee) return undefined;
    const named: Arg[] = [];
    const positional: Node[] = [];
    if (argsNode && argsNode.type === "argument_list") {
      for (const a of argsNode.namedChildren) {
        if (!a || a.type === "comment") continue;
        if (a.type === "keyword_argument") {
          const name = a.childForFieldName("name");
          const value = a.childForFieldName("value");
          if (name && value) named.push({ name: name.text, value });
        } else positional.push(a);
      }
    }
    return { node: n, callee, path: this.path(callee) ?? [], isNew: false, named, positional, argsNode } satisfies CallInfo;
  },
  path(n) {
    const u = this.unwrap(n);
    if (u.type === "identifier") return [u.text];
    if (u.type === "attribute") {
      const obj = u.childForFieldName("object");
      const attr = u.childForFieldName("attribute");
      if (!obj || !attr) return undefined;
      const base = this.path(obj) ?? (obj.type === "call" ? [...(this.path(obj.childForFieldName("function") ?? obj) ?? ["?"]), "()"] : ["?"]);
      return [...base, attr.text];
    }
    if (u.type === "subscript") {
      const value = u.childForFieldName("value");
      const sub = u.childForFieldName("subscript");
      if (!value) return undefined;
      const base = this.path(value);
      if (!base) return undefined;
      const key = sub ? this.str(sub) : undefined;
      return [...base, key ?? "[]"];
    }
    if (u.type === "call") {
      const f = u.childForFieldName("function");
      const p = f ? this.path(f) : undefined;
      return p ? [...p, "()"] : undefined;
    }
    return undefined;
  },
  str(n) {
    if (n.type === "string") {
      if (n.namedChildren.some((c) => c?.type === "interpolation")) return undefined;
      return stringParts(n).text;
    }
    if (n.type === "concatenated_string") {
      const parts = n.namedChildren.map((c) => (c ? this.str(c) : undefined));
      return parts.every((p) => p !== undefined) ? parts.join("") : undefined;
    }
    return undefined;
  },
  interpolated(n) {
    const u = this.unwrap(n);
    if (u.type === "string") {
      const { interps } = stringParts(u);
      return interps.length > 0 ? interps : undefined;
    }
    if (u.type === "concatenated_string") {
      const all = u.namedChildren.flatMap((c) => (c ? this.interpolated(c) ?? [] : []));
      return all.length > 0 ? all : undefined;
    }
    if (u.type === "binary_operator") {
      const op = u.childForFieldName("operator")?.text;
      const left = u.childForFieldName("left");
      const right = u.childForFieldName("right");
      if (!left || !right) return undefined;
      if (op === "%" && this.str(left) !== undefined) return right.type === "tuple" ? right.namedChildren.filter((c): c is Node => !!c) : [right];
      if (op === "+" && (this.str(left) !== undefined || this.str(right) !== undefined || this.interpolated(left) || this.interpolated(right))) {
        const parts: Node[] = [];
        for (const side of [left, right]) {
          if (this.str(side) !== undefined) continue;
          parts.push(...(this.interpolated(side) ?? [side]));
        }
        return parts;
      }
      return undefined;
    }
    if (u.type === "call") {
      const f = u.childForFieldName("function");
      if (f?.type === "attribute" && f.childForFieldName("attribute")?.text === "format") {
        const obj = f.childForFieldName("object");
        /* "...".format(...) and template.format(...) (a name holding a template string). */
        if (obj && (this.str(obj) !== undefined || obj.type === "identifier" || obj.type === "attribute")) {
          const args = u.childForFieldName("arguments");
          return (args?.namedChildren ?? []).flatMap((a) => (a ? [a.type === "keyword_argument" ? a.childForFieldName("value") ?? a : a] : []));
        }
      }
    }
    return undefined;
  },
  assignment(n) {
    if (n.type === "assignment" || n.type === "augmented_assignment") {
      const left = n.childForFieldName("left");
      const right = n.childForFieldName("right");
      if (!left || !right) return undefined;
      const targets = left.type === "pattern_list" || left.type === "tuple_pattern" ? left.namedChildren.filter((c): c is Node => !!c) : [left];
      return { targets, value: right, augmented: n.type === "augmented_assignment" };
    }
    if (n.type === "with_item") {
      const v = n.childForFieldName("value");
      if (v?.type === "as_pattern") {
        const target = v.childForFieldName("alias")?.namedChildren[0];
        const value = v.namedChildren[0];
        if (target && value) return { targets: [target], value, augmented: false };
      }
      return undefined;
    }
    if (n.type === "named_expression") {
      const name = n.childForFieldName("name");
      const value = n.childForFieldName("value");
      return name && value ? { targets: [name], value, augmented: false } : undefined;
    }
    return undefined;
  },
  fn(n) {
    if (n.type !== "function_definition" && n.type !== "lambda") return undefined;
    const params: string[] = [];
    const ps = n.childForFieldName("parameters");
    for (const p of ps?.namedChildren ?? []) {
      if (!p) continue;
      const id = p.type === "identifier" ? p : p.childForFieldName("name") ?? p.namedChildren.find((c) => c?.type === "identifier");
      if (id) params.push(id.text);
    }
    const body = n.childForFieldName("body");
    if (!body) return undefined;
    const decorators: Node[] = [];
    const parent = n.parent;
    if (parent?.type === "decorated_definition") for (const d of parent.namedChildren) if (d?.type === "decorator") decorators.push(d);
    const name = n.childForFieldName("name")?.text;
    const info: FnInfo = { node: n, params, body, decorators };
    if (name) info.name = name;
    return info;
  },
  isLoop(n) {
    return n.type === "for_statement" || n.type === "while_statement";
  },
  tryInfo(n) {
    if (n.type !== "try_statement") return undefined;
    const body = n.childForFieldName("body");
    if (!body) return undefined;
    const handlers = n.namedChildren.filter((c): c is Node => !!c && (c.type === "except_clause" || c.type === "except_group_clause"));
    return { body, handlers };
  },
  returnValue(n) {
    if (n.type !== "return_statement") return undefined;
    return n.namedChildren[0] ?? null;
  },
  list(n) {
    const u = this.unwrap(n);
    if (u.type === "list" || u.type === "tuple" || u.type === "set") return u.namedChildren.filter((c): c is Node => !!c && c.type !== "comment");
    return undefined;
  },
  dict(n) {
    const u = this.unwrap(n);
    if (u.type === "dictionary") {
      const out: { key?: string; keyNode: Node; value: Node }[] = [];
      for (const p of u.namedChildren) {
        if (p?.type !== "pair") continue;
        const k = p.childForFieldName("key");
        const v = p.childForFieldName("value");
        if (!k || !v) continue;
        const key = this.str(k);
        out.push(key !== undefined ? { key, keyNode: k, value: v } : { keyNode: k, value: v });
      }
      return out;
    }
    if (u.type === "call" && this.path(u.childForFieldName("function") ?? u)?.join(".") === "dict") {
      const c = this.call(u);
      return c?.named.map((a) => ({ key: a.name ?? "", keyNode: a.value, value: a.value }));
    }
    return undefined;
  },
  num(n) {
    const u = this.unwrap(n);
    if (u.type === "integer" || u.type === "float") {
      const v = Number(u.text.replace(/_/g, ""));
      return Number.isFinite(v) ? v : undefined;
    }
    return undefined;
  },
  bool(n) {
    if (n.type === "true") return true;
    if (n.type === "false") return false;
    return undefined;
  },
  isComment(n) {
    return n.type === "comment";
  },
  isWindow(n) {
    const u = this.unwrap(n);
    if (u.type === "subscript") return u.childForFieldName("subscript")?.type === "slice";
    return false;
  },
  imports(root) {
    const out: ImportBinding[] = [];
    for (const st of root.namedChildren) {
      if (!st) continue;
      if (st.type === "import_from_statement") {
        const mod = st.childForFieldName("module_name")?.text ?? "";
        for (const nm of st.childrenForFieldName("name")) {
          if (!nm) continue;
          if (nm.type === "aliased_import") {
            const name = nm.childForFieldName("name")?.text ?? "";
            out.push({ local: nm.childForFieldName("alias")?.text ?? name, module: mod, name });
          } else out.push({ local: nm.text, module: mod, name: nm.text });
        }
        if (st.namedChildren.some((c) => c?.type === "wildcard_import")) out.push({ local: "*", module: mod, name: "*" });
      } else if (st.type === "import_statement") {
        for (const nm of st.childrenForFieldName("name")) {
          if (!nm) continue;
          if (nm.type === "aliased_import") {
            const name = nm.childForFieldName("name")?.text ?? "";
            out.push({ local: nm.childForFieldName("alias")?.text ?? name, module: name, name: "*" });
          } else out.push({ local: nm.text.split(".")[0] ?? nm.text, module: nm.text, name: "*" });
        }
      }
    }
    return out;
  },
};
