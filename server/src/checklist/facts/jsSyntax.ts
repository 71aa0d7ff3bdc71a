import type { Node } from "../tree";
import type { Arg, CallInfo, FnInfo, ImportBinding, Syntax } from "./syntax";

const WRAPPERS = new Set(["await_expression", "parenthesized_expression", "non_null_expression", "as_expression", "satisfies_expression", "type_assertion"]);
const FUNCTIONS = new Set(["function_declaration", "function_expression", "function", "arrow_function", "method_definition", "generator_function_declaration", "generator_function"]);

function unquote(n: Node): string | undefined {
  if (n.type === "string") return n.namedChildren.map((c) => (c ? (c.type === "escape_sequence" ? JSON.parse(`"${c.text}"`) as string : c.text) : "")).join("");
  if (n.type === "template_string" && !n.namedChildren.some((c) => c?.type === "template_substitution")) {
    return n.namedChildren.map((c) => c?.text ?? "").join("");
  }
  return undefined;
}

function safeUnquote(n: Node): string | undefined {
  try {
    return unquote(n);
  } catch {
    return n.text.slice(1, -1);
  }
}

function patternNames(p: Node): string[] {
  if (p.type === "identifier" || p.type === "shorthand_property_identifier_pattern") return [p.text];
  if (p.type === "required_parameter" || p.type === "optional_parameter") {
    const pat = p.childForFieldName("pattern");
    return pat ? patternNames(pat) : [];
  }
  if (p.type === "assignment_pattern") {
    const left = p.childForFieldName("left");
    return left ? patternNames(left) : [];
  }
  if (p.type === "object_pattern" || p.type === "array_pattern") return p.namedChildren.flatMap((c) => (c ? patternNames(c) : []));
  if (p.type === "pair_pattern") {
    const v = p.childForFieldName("value");
    return v ? patternNames(v) : [];
  }
  if (p.type === "rest_pattern") return p.namedChildren.flatMap((c) => (c ? patternNames(c) : []));
  return [];
}

/** The JavaScript/TypeScript/TSX syntax layer (tree-sitter-javascript and -typescript). */
export const jsSyntax: Syntax = {
  lang: "js",
  unwrap(n) {
    let cur = n;
    while (WRAPPERS.has(cur.type)) {
      const inner = cur.namedChildren[0];
      if (!inner) break;
      cur = inner;
    }
    return cur;
  },
  call(n) {
    if (n.type !== "call_expression" && n.type !== "new_expression") return undefined;
    const isNew = n.type === "new_expression";
    const callee = n.childForFieldName(isNew ? "constructor" : "function");
    if (!callee) return undefined;
    const argsNode = n.childForFieldName("arguments");
    const named: Arg[] = [];
    const positional: Node[] = [];
    if (argsNode?.type === "arguments") {
      for (const a of argsNode.namedChildren) {
        if (!a || a.type === "comment") continue;
        positional.push(a);
        if (a.type === "object") {
          for (const p of a.namedChildren) {
            if (p?.type === "pair") {
              const k = p.childForFieldName("key");
              const v = p.childForFieldName("value");
              if (k && v) named.push({ name: k.type === "property_identifier" ? k.text : safeUnquote(k) ?? k.text, value: v, objectNode: a });
            } else if (p?.type === "shorthand_property_identifier") named.push({ name: p.text, value: p, objectNode: a });
          }
        }
      }
    }
    const info: CallInfo = { node: n, callee, path: this.path(callee) ?? [], isNew, named, positional, argsNode };
    return info;
  },
  path(n) {
    const u = this.unwrap(n);
    if (u.type === "identifier" || u.type === "this" || u.type === "property_identifier" || u.type === "shorthand_property_identifier" || u.type === "shorthand_property_identifier_pattern") return [u.text];
    if (u.type === "member_expression") {
      const obj = u.childForFieldName("object");
      const prop = u.childForFieldName("property");
      if (!obj || !prop) return undefined;
      const base = this.path(obj) ?? ["?"];
      return [...base, prop.text];
    }
    if (u.type === "subscript_expression") {
      const obj = u.childForFieldName("object");
      const idx = u.childForFieldName("index");
      if (!obj) return undefined;
      const base = this.path(obj);
      if (!base) return undefined;
      return [...base, (idx && safeUnquote(idx)) ?? "[]"];
    }
    if (u.type === "call_expression" || u.type === "new_expression") {
      const f = u.childForFieldName(u.type === "new_expression" ? "constructor" : "function");
      const p = f ? this.path(f) : undefined;
      return p ? [...p, "()"] : undefined;
    }
    return undefined;
  },
  str(n) {
    const u = this.unwrap(n);
    return u.type === "string" || u.type === "template_string" ? safeUnquote(u) : undefined;
  },
  interpolated(n) {
    const u = this.unwrap(n);
    if (u.type === "template_string") {
      const subs = u.namedChildren.filter((c) => c?.type === "template_substitution").map((c) => c?.namedChildren[0]).filter((c): c is Node => !!c);
      return subs.length > 0 ? subs : undefined;
    }
    if (u.type === "binary_expression" && u.childForFieldName("operator")?.text === "+") {
      const left = u.childForFieldName("left");
      const right = u.childForFieldName("right");
      if (!left || !right) return undefined;
      if (this.str(left) === undefined && this.str(right) === undefined && !this.interpolated(left) && !this.interpolated(right)) return undefined;
      const parts: Node[] = [];
      for (const side of [left, right]) {
        if (this.str(side) !== undefined) continue;
        parts.push(...(this.interpolated(side) ?? [side]));
      }
      return parts;
    }
    return undefined;
  },
  assignment(n) {
    if (n.type === "variable_declarator") {
      const name = n.childForFieldName("name");
      const value = n.childForFieldName("value");
      if (!name || !value) return undefined;
      const targets = name.type === "identifier" ? [name] : name.namedChildren.filter((c): c is Node => !!c);
      return { targets, value, augmented: false };
    }
    if (n.type === "assignment_expression" || n.type === "augmented_assignment_expression") {
      const left = n.childForFieldName("left");
      const right = n.childForFieldName("right");
      return left && right ? { targets: [left], value: right, augmented: n.type !== "assignment_expression" } : undefined;
    }
    if (n.type === "public_field_definition" || n.type === "field_definition") {
      const name = n.childForFieldName("name") ?? n.childForFieldName("property");
      const value = n.childForFieldName("value");
      return name && value ? { targets: [name], value, augmented: false } : undefined;
    }
    return undefined;
  },
  fn(n) {
    if (!FUNCTIONS.has(n.type)) return undefined;
    const body = n.childForFieldName("body");
    if (!body) return undefined;
    const params: string[] = [];
    const ps = n.childForFieldName("parameters") ?? n.childForFieldName("parameter");
    if (ps) {
      if (ps.type === "identifier") params.push(ps.text);
      else for (const p of ps.namedChildren) if (p) params.push(...patternNames(p));
    }
    let name = n.childForFieldName("name")?.text;
    const parent = n.parent;
    if (!name && parent?.type === "variable_declarator") name = parent.childForFieldName("name")?.text;
    if (!name && parent?.type === "pair") name = parent.childForFieldName("key")?.text;
    const info: FnInfo = { node: n, params, body, decorators: [] };
    if (name) info.name = name;
    return info;
  },
  isLoop(n) {
    return n.type === "for_statement" || n.type === "for_in_statement" || n.type === "while_statement" || n.type === "do_statement";
  },
  tryInfo(n) {
    if (n.type !== "try_statement") return undefined;
    const body = n.childForFieldName("body");
    const handler = n.childForFieldName("handler");
    if (!body) return undefined;
    return { body, handlers: handler ? [handler] : [] };
  },
  returnValue(n) {
    if (n.type !== "return_statement") return undefined;
    return n.namedChildren[0] ?? null;
  },
  list(n) {
    const u = this.unwrap(n);
    return u.type === "array" ? u.namedChildren.filter((c): c is Node => !!c && c.type !== "comment") : undefined;
  },
  dict(n) {
    const u = this.unwrap(n);
    if (u.type !== "object") return undefined;
    const out: { key?: string; keyNode: Node; value: Node }[] = [];
    for (const p of u.namedChildren) {
      if (p?.type === "pair") {
        const k = p.childForFieldName("key");
        const v = p.childForFieldName("value");
        if (!k || !v) continue;
        const key = k.type === "property_identifier" ? k.text : safeUnquote(k);
        out.push(key !== undefined ? { key, keyNode: k, value: v } : { keyNode: k, value: v });
      } else if (p?.type === "shorthand_property_identifier") out.push({ key: p.text, keyNode: p, value: p });
    }
    return out;
  },
  num(n) {
    const u = this.unwrap(n);
    if (u.type !== "number") return undefined;
    const v = Number(u.text.replace(/_/g, ""));
    return Number.isFinite(v) ? v : undefined;
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
    const c = this.call(this.unwrap(n));
    if (!c) return false;
    const last = c.path[c.path.length - 1];
    return (last === "slice" || last === "takeLast") && c.positional.length > 0;
  },
  imports(root) {
    const out: ImportBinding[] = [];
    for (const st of root.namedChildren) {
      if (!st) continue;
      if (st.type === "import_statement") {
        const src = st.childForFieldName("source");
        const module = src ? safeUnquote(src) ?? "" : "";
        const clause = st.namedChildren.find((c) => c?.type === "import_clause");
        for (const part of clause?.namedChildren ?? []) {
          if (!part) continue;
          if (part.type === "identifier") out.push({ local: part.text, module, name: "default" });
          else if (part.type === "namespace_import") out.push({ local: part.namedChildren[0]?.text ?? "", module, name: "*" });
          else if (part.type === "named_imports") {
            for (const sp of part.namedChildren) {
              if (sp?.type !== "import_specifier") continue;
              const name = sp.childForFieldName("name")?.text ?? "";
              out.push({ local: sp.childForFieldName("alias")?.text ?? name, module, name });
            }
          }
        }
      } else if (st.type === "lexical_declaration" || st.type === "variable_declaration") {
        for (const d of st.namedChildren) {
          const value = d?.childForFieldName("value");
          const c = value ? this.call(this.unwrap(value)) : undefined;
          if (!d || !c || c.path.join(".") !== "require" || !c.positional[0]) continue;
          const module = this.str(c.positional[0]) ?? "";
          const name = d.childForFieldName("name");
          if (name?.type === "identifier") out.push({ local: name.text, module, name: "*" });
          else for (const local of name ? patternNames(name) : []) out.push({ local, module, name: local });
        }
      }
    }
    return out;
  },
};
