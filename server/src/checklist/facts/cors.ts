import type { Node } from "../tree";
import type { Ctx } from "./model";
import { walkTypes, T } from "./syntax";

/** A CORS wildcard: the node to report and what a quick fix replaces. */
export type CorsFact = { node: Node; replace: Node; kind: "list" | "value" | "call" | "env-default" | "setting" };

const ORIGIN_KEYS = /^(allow_origins|origins|origin|allowed_origins|allowOrigins|allowedOrigins|access-control-allow-origin|cors_origins)$/i;

function keyOf(ctx: Ctx, n: Node): string | undefined {
  const p = n.parent;
  if (!p) return undefined;
  if (p.type === "keyword_argument" && p.childForFieldName("value")?.id === n.id) return p.childForFieldName("name")?.text;
  if (p.type === "pair" && p.childForFieldName("value")?.id === n.id) {
    const k = p.childForFieldName("key");
    return k ? ctx.sx.str(k) ?? k.text : undefined;
  }
  return undefined;
}

/** CORS configurations that allow any origin. */
export function corsWildcards(ctx: Ctx): CorsFact[] {
  const out: CorsFact[] = [];
  walkTypes(ctx.root, T.strings, (n) => {
    if (n.type === "string" && /^(\.\*|https?:\/\/\.\*)$/.test(ctx.sx.str(n) ?? "") && keyOf(ctx, n) === "allow_origin_regex") {
      out.push({ node: n, replace: n, kind: "value" });
      return false;
    }
    if (n.type !== "string" || ctx.sx.str(n) !== "*") return true;
    const parent = n.parent;
    const direct = keyOf(ctx, n);
    if (direct && ORIGIN_KEYS.test(direct)) {
      out.push({ node: n, replace: n, kind: "value" });
      return false;
    }
    if (parent && (parent.type === "list" || parent.type === "array")) {
      const k = keyOf(ctx, parent);
      const holder = parent.parent ? ctx.sx.assignment(parent.parent) : undefined;
      const named = holder && holder.value.id === parent.id && holder.targets.some((t) => /origin/i.test(t.text));
      if ((k && ORIGIN_KEYS.test(k)) || named) out.push({ node: n, replace: parent, kind: "list" });
      return false;
    }
    const args = parent?.type === "argument_list" || parent?.type === "arguments" ? parent : undefined;
    const call = args?.parent ? ctx.sx.call(args.parent) : undefined;
    if (call) {
      const first = call.positional[0] ? ctx.sx.str(call.positional[0]) : undefined;
      if (first && /^access-control-allow-origin$/i.test(first)) out.push({ node: n, replace: n, kind: "value" });
      else if (/getenv|environ\.get|env\.get/.test(call.path.join(".")) && /ORIGIN|CORS/i.test(call.positional[0]?.text ?? "")) out.push({ node: n, replace: n, kind: "env-default" });
      return false;
    }
    if (parent && (parent.type === "binary_expression" || parent.type === "boolean_operator") && /ORIGIN|CORS/i.test(parent.text)) {
      out.push({ node: n, replace: n, kind: "env-default" });
      return false;
    }
    const a = parent ? ctx.sx.assignment(parent) : undefined;
    if (a && a.targets.some((t) => /access-control-allow-origin/i.test(t.text))) out.push({ node: n, replace: n, kind: "value" });
    return false;
  });
  for (const c of ctx.calls) {
    const leaf = c.path[c.path.length - 1] ?? "";
    if (c.path.length === 1 && leaf === "cors" && c.positional.length === 0) out.push({ node: c.node, replace: c.node, kind: "call" });
    if (ctx.sx.lang === "python" && (leaf === "CORS" || leaf === "cross_origin") && !c.named.some((a) => a.name === "origins" || a.name === "resources" || a.name === "origin") && !(leaf === "cross_origin" && c.positional.length > 0)) out.push({ node: c.node, replace: c.node, kind: "call" });
  }
  walkTypes(ctx.root, T.assignments, (n) => {
    const a = ctx.sx.assignment(n);
    if (a && a.targets.some((t) => /^CORS_(ALLOW_ALL_ORIGINS|ORIGIN_ALLOW_ALL)$/.test(t.text)) && ctx.sx.bool(a.value) === true) out.push({ node: n, replace: a.value, kind: "setting" });
    return !a;
  });
  return out;
}
