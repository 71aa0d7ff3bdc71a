import type { Node } from "../tree";
import type { Ctx, ModuleLookup } from "./model";
import { T, walkTypes, type CallInfo, type FnInfo, type Syntax } from "./syntax";

const CTX_TYPES = new Set([...T.calls, ...T.functions, ...T.assignments]);

/** Normalises a dotted path into a definition key (`this.x` and `self.x` are the same slot). */
export function defKey(path: string[]): string {
  const p = path[0] === "this" ? ["self", ...path.slice(1)] : path;
  return p.join(".");
}

/** Walks one syntax tree once and indexes calls, functions, assignments and imports. */
export function buildCtx(sx: Syntax, root: Node, file: string, lookup: ModuleLookup | undefined): Ctx {
  const calls: CallInfo[] = [];
  const fns: FnInfo[] = [];
  const fnById = new Map<number, FnInfo>();
  const fnByName = new Map<string, FnInfo[]>();
  const defs: Ctx["defs"] = new Map();
  const pendingDefs: { key: string; value: Node; node: Node }[] = [];
  walkTypes(root, CTX_TYPES, (n) => {
    const c = sx.call(n);
    if (c) calls.push(c);
    const f = sx.fn(n);
    if (f) {
      fns.push(f);
      fnById.set(n.id, f);
      if (f.name) fnByName.set(f.name, [...(fnByName.get(f.name) ?? []), f]);
    }
    const a = sx.assignment(n);
    if (a && (!a.augmented || /^(\|\||\?\?)=$/.test(n.childForFieldName("operator")?.text ?? ""))) {
      for (const t of a.targets) {
        const p = sx.path(t);
        const field = n.type === "public_field_definition" || n.type === "field_definition";
        if (p) pendingDefs.push({ key: defKey(field ? ["self", ...p] : p), value: a.value, node: n });
      }
    }
    return true;
  });
  const enclosingCache = new Map<number, FnInfo | undefined>();
  const enclosing = (n: Node): FnInfo | undefined => {
    const cached = enclosingCache.get(n.id);
    if (cached !== undefined || enclosingCache.has(n.id)) return cached;
    let found: FnInfo | undefined;
    for (let p = n.parent; p; p = p.parent) {
      const f = fnById.get(p.id);
      if (f) {
        found = f;
        break;
      }
    }
    enclosingCache.set(n.id, found);
    return found;
  };
  for (const d of pendingDefs) {
    const list = defs.get(d.key) ?? [];
    list.push({ value: d.value, node: d.node, fn: enclosing(d.node) });
    defs.set(d.key, list);
  }
  const imports = new Map<string, { module: string; name: string }>();
  for (const b of sx.imports(root)) imports.set(b.local, { module: b.module, name: b.name });
  const callById = new Map<number, CallInfo>();
  for (const c of calls) callById.set(c.node.id, c);
  const ctx: Ctx = { sx, root, file, calls, callById, fns, fnByName, defs, imports, lookup, enclosing };
  for (const c of calls) expandSpreads(ctx, c);
  return ctx;
}

/**
 * Adds the entries of spread option objects to a call's named arguments: `f({ ...options })` and
 * `f(**kwargs)` where the spread name was assigned a literal object/dict in this file.
 */
function expandSpreads(ctx: Ctx, c: CallInfo): void {
  if (!c.argsNode) return;
  /* `new OpenAI(options)` where `const options = { timeout: 20_000, ... }`. */
  const first = c.positional[0];
  if (c.isNew && first?.type === "identifier") {
    const value = resolve(ctx, first);
    const entries = value.id !== first.id && value.type === "object" ? ctx.sx.dict(value) : undefined;
    for (const e of entries ?? []) if (e.key !== undefined && !c.named.some((n) => n.name === e.key)) c.named.push({ name: e.key, value: e.value });
  }
  const spreads: { spread: Node; objectNode?: Node }[] = [];
  for (const a of c.argsNode.namedChildren) {
    if (a.type === "dictionary_splat") spreads.push({ spread: a });
    if (a.type === "object") for (const p of a.namedChildren) if (p.type === "spread_element") spreads.push({ spread: p, objectNode: a });
  }
  for (const { spread, objectNode } of spreads) {
    const inner = spread.namedChildren[0];
    if (!inner) continue;
    const value = resolve(ctx, inner);
    const entries = value.id !== inner.id ? ctx.sx.dict(value) : undefined;
    for (const e of entries ?? []) if (e.key !== undefined && !c.named.some((n) => n.name === e.key)) c.named.push(objectNode ? { name: e.key, value: e.value, objectNode } : { name: e.key, value: e.value });
  }
}

/** The definitions visible for a path at `at`: same function first, then module level, then any. */
export function defsFor(ctx: Ctx, path: string[], at: Node): Node[] {
  const list = ctx.defs.get(defKey(path));
  if (!list || list.length === 0) return [];
  const fn = ctx.enclosing(at);
  const same = list.filter((d) => d.fn === fn && d.node.startIndex < at.startIndex);
  if (same.length > 0) return same.map((d) => d.value).reverse();
  const sameAny = list.filter((d) => d.fn === fn);
  if (sameAny.length > 0) return sameAny.map((d) => d.value);
  const outer = list.filter((d) => !d.fn || (fn && d.fn.node.startIndex <= fn.node.startIndex && d.fn.node.endIndex >= fn.node.endIndex));
  if (outer.length > 0) return outer.map((d) => d.value);
  return path[0] === "self" || path[0] === "this" || path.length > 1 ? list.map((d) => d.value) : [];
}

/** Follows an expression through variables to the value it was assigned (up to a few hops). */
export function resolve(ctx: Ctx, n: Node, depth = 0): Node {
  const u = ctx.sx.unwrap(n);
  if (depth > 6) return u;
  if (u.type !== "identifier" && u.type !== "attribute" && u.type !== "member_expression" && u.type !== "shorthand_property_identifier") return u;
  const p = ctx.sx.path(u);
  if (!p) return u;
  const d = defsFor(ctx, p, u)[0];
  if (!d || d === u) return u;
  return resolve(ctx, d, depth + 1);
}

/** The functions a call invokes inside this file (by name, including `self.method`). */
export function localCallees(ctx: Ctx, c: CallInfo): FnInfo[] {
  const p = c.path;
  if (p.length === 0) return [];
  const last = p[p.length - 1] ?? "";
  if (p.length === 1 || p[0] === "self" || p[0] === "this" || p[0] === "cls") return ctx.fnByName.get(last) ?? [];
  return [];
}

/** Every call node inside a subtree (using the context's call index). */
export function callsWithin(ctx: Ctx, n: Node): CallInfo[] {
  return ctx.calls.filter((c) => c.node.startIndex >= n.startIndex && c.node.endIndex <= n.endIndex);
}
