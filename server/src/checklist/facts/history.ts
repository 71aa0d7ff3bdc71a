import type { Node } from "../tree";
import { defKey, resolve } from "./context";
import { defScope, growingRoots } from "./flow";
import type { Ctx, GenCall } from "./model";
import { contains, walkTypes } from "./syntax";

const TRIMMERS = /trim|truncat|window|fit_|budget|last_n|recent|limit|clip|prune|summariz|compact|cap_/i;
const CLIENT_ROOTS = new Set(["request", "req", "body", "payload", "data", "input", "params", "json", "chat_request", "chatrequest"]);

function boundedModelField(ctx: Ctx, field: string): boolean {
  let bounded = false;
  walkTypes(ctx.root, new Set(["assignment", "expression_statement", "pair"]), (n) => {
    if (bounded) return false;
    const t = n.text;
    if ((n.type === "assignment" || n.type === "expression_statement") && t.startsWith(field) && /max_length|max_items|conlist|maxItems|\.max\(/.test(t)) bounded = true;
    if (n.type === "pair" && n.childForFieldName("key")?.text === field && /\.max\(/.test(t)) bounded = true;
    return true;
  });
  return bounded;
}

/** Components of a messages expression: list elements, spreads, concatenations. */
function components(ctx: Ctx, n: Node, depth = 0): Node[] {
  const u = ctx.sx.unwrap(n);
  if (depth > 4) return [u];
  const items = ctx.sx.list(u);
  if (items) return items.flatMap((i) => (i.type === "list_splat" || i.type === "spread_element" ? components(ctx, i.namedChildren[0] ?? i, depth + 1) : []));
  if ((u.type === "binary_operator" || u.type === "binary_expression") && u.childForFieldName("operator")?.text === "+") {
    return [u.childForFieldName("left"), u.childForFieldName("right")].flatMap((s) => (s ? components(ctx, s, depth + 1) : []));
  }
  const c = ctx.sx.call(u);
  if (c && c.path[c.path.length - 1] === "concat") {
    const obj = c.callee.childForFieldName("object");
    return [...(obj ? components(ctx, obj, depth + 1) : []), ...c.positional.flatMap((p) => components(ctx, p, depth + 1))];
  }
  return [u];
}

/** The `messages` node of a call when it sends a growing history in full, else undefined. */
export function unboundedHistory(ctx: Ctx, g: GenCall, roots: Map<string, Node[]>): Node | undefined {
  const m = g.messages;
  if (!m || ctx.sx.isWindow(m)) return undefined;
  return isUnbounded(ctx, g, m, roots, 0) ? m : undefined;
}

function isUnbounded(ctx: Ctx, g: GenCall, n: Node, roots: Map<string, Node[]>, depth: number, aliasGrows = false): boolean {
  if (depth > 4) return false;
  const sx = ctx.sx;
  const u = sx.unwrap(n);
  if (sx.isWindow(u)) return false;
  const op = u.childForFieldName("operator")?.text;
  if ((u.type === "binary_expression" || u.type === "boolean_operator") && (op === "||" || op === "??" || op === "or")) {
    const left = u.childForFieldName("left");
    return left ? isUnbounded(ctx, g, left, roots, depth + 1, aliasGrows) : false;
  }
  if (u.type === "list_comprehension" || u.type === "generator_expression") {
    const source = u.namedChildren.find((k) => k?.type === "for_in_clause")?.childForFieldName("right");
    return source ? isUnbounded(ctx, g, source, roots, depth + 1, aliasGrows) : false;
  }
  const comps = components(ctx, u);
  if (comps.length !== 1 || comps[0]?.id !== u.id) return comps.some((x) => isUnbounded(ctx, g, x, roots, depth + 1, aliasGrows));
  const c = sx.call(u);
  if (c) {
    const leaf = c.path[c.path.length - 1] ?? "";
    if (TRIMMERS.test(c.path.join("."))) return false;
    if ((leaf === "lrange" || leaf === "lRange") && c.positional[1]?.text === "0" && c.positional[2]?.text === "-1") return true;
    if (/^(get|setdefault|list|copy|to_messages|messages|load_memory_variables|values|map|filter)$/.test(leaf) || c.path.length === 1) {
      const obj = c.callee.childForFieldName("object") ?? c.positional[0];
      return obj ? isUnbounded(ctx, g, obj, roots, depth + 1, aliasGrows) : false;
    }
    return false;
  }
  const path = sx.path(u);
  if (!path || path.length === 0) return false;
  const clean = path.filter((p) => p !== "[]" && p !== "()");
  const root = clean[0] ?? "";
  const key = root === "self" || root === "this" ? defKey(clean.slice(0, 2)) : root;
  const rootNorm = root.replace(/_/g, "").toLowerCase();
  if (CLIENT_ROOTS.has(root.toLowerCase()) || CLIENT_ROOTS.has(rootNorm) || (g.fn && g.fn.params.includes(root) && clean.length > 1 && /messages|history/i.test(clean[clean.length - 1] ?? ""))) {
    const field = clean[clean.length - 1] ?? "";
    if (/messages|history|conversation/i.test(field) && !boundedModelField(ctx, field)) return true;
  }
  if (/session/i.test(root) || clean.some((p) => /^(session|session_state|sessionState|user_data|chat_data|userData|chatData)$/i.test(p))) return aliasGrows || roots.has(key) || roots.has(defKey(clean)) || clean.length > 1;
  const grows = roots.get(key) ?? roots.get(defKey(clean)) ?? [];
  const scope = defScope(ctx, [root], u);
  if (scope.found && scope.fn === g.fn && g.fn) {
    const d = resolve(ctx, u);
    const dc = sx.call(d);
    if (dc && /^(req|request|c|ctx)$/.test(dc.path[0] ?? "") && /^(json|get_json|body|formData)$/.test(dc.path[dc.path.length - 2] === "()" ? "" : dc.path[dc.path.length - 1] ?? "") && /messages|history|conversation/i.test(root) && !boundedModelField(ctx, root)) return true;
    if (d !== u && isUnbounded(ctx, g, d, roots, depth + 1, aliasGrows || grows.length > 0)) return true;
    /* `const { messages } = ctx.request.body` / `= req.body`: a client-supplied history destructured from the request. */
    const dp = d !== u && !sx.isWindow(d) ? sx.path(d) : undefined;
    if (dp && /messages|history|conversation/i.test(root) && (dp.includes("body") || /^(req|request|ctx|event|c)$/.test(dp[0] ?? "")) && !boundedModelField(ctx, root)) return true;
    /* A conversation loaded from a per-user store, appended to and sent whole (`history = await kv.get(key) ?? []; history.push(…)`). */
    if (d !== u && grows.some((gr) => contains(g.fn?.node ?? ctx.root, gr)) && storeRead(ctx, d)) return true;
    const loop = enclosingLoop(ctx, g.call.node, g.fn.node);
    return !!loop && grows.some((gr) => contains(loop, gr));
  }
  if (grows.length === 0 && !aliasGrows) {
    const d = resolve(ctx, u);
    return d !== u ? isUnbounded(ctx, g, d, roots, depth + 1) : false;
  }
  if (root === "self" || root === "this") return true;
  if (!scope.found) return false;
  const def = resolve(ctx, sx.path(u)?.length === 1 ? u : (ctx.defs.get(root)?.[0]?.value ?? u));
  if (/maxlen/.test(def.text)) return false;
  return true;
}

function storeRead(ctx: Ctx, n: Node): boolean {
  let u = ctx.sx.unwrap(n);
  const op = u.childForFieldName("operator")?.text;
  if ((u.type === "binary_expression" || u.type === "boolean_operator") && (op === "||" || op === "??" || op === "or")) u = ctx.sx.unwrap(u.childForFieldName("left") ?? u);
  const c = ctx.sx.call(u);
  if (!c) return false;
  const leaf = c.path[c.path.length - 1] ?? "";
  const recv = c.path.slice(0, -1).join(".");
  return /^(get|hget|hgetall|lrange|lRange|getItem|load|loads|json)$/.test(leaf) && /kv|redis|store|cache|db|storage|memory|history|conversation|session/i.test(recv);
}

function enclosingLoop(ctx: Ctx, n: Node, stop: Node): Node | undefined {
  for (let p = n.parent; p && p !== stop; p = p.parent) if (ctx.sx.isLoop(p)) return p;
  return undefined;
}

export { growingRoots };
