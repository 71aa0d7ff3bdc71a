import type { Node } from "../tree";
import { clientOf } from "./clients";
import { callsWithin, defKey, defsFor, localCallees, resolve } from "./context";
import type { Ctx, GenCall } from "./model";
import { FINISH_FIELDS, USAGE_FIELDS } from "./names";
import { contains, namesRead, walk, type FnInfo, walkTypes, T } from "./syntax";

/** Nodes that read a property/key whose name is in `names` (attribute, member, subscript, dict key). */
export function fieldReads(_ctx: Ctx, names: Set<string>): Node[] {
  return namesRead(names);
}

/** Functions in this file that call `fn` (by name). */
function callersOf(ctx: Ctx, fn: FnInfo): FnInfo[] {
  if (!fn.name) return [];
  const out: FnInfo[] = [];
  for (const c of ctx.calls) {
    if (localCallees(ctx, c).includes(fn)) {
      const e = ctx.enclosing(c.node);
      if (e && !out.includes(e)) out.push(e);
    }
  }
  return out;
}

/** True when evidence nodes occur where the call's result is handled (its function, callers or file). */
function seenFor(ctx: Ctx, g: GenCall, evidence: Node[]): boolean {
  if (evidence.length === 0) return false;
  if (!g.fn) return true;
  const scopes: Node[] = [g.fn.node];
  if (g.resultUse === "returned" || g.resultUse === "inline") {
    const callers = callersOf(ctx, g.fn);
    if (callers.length === 0) return evidence.length > 0;
    scopes.push(...callers.map((f) => f.node));
  }
  if (g.resultVar?.startsWith("self.") || g.resultVar?.startsWith("this.")) return true;
  const root = g.resultVar?.split(".")[0];
  if (root) {
    for (const c of callsWithin(ctx, g.fn.node)) {
      if (!c.positional.some((a) => a.text === root || a.text.startsWith(`${root}.`) || a.text.startsWith(`${root}[`))) continue;
      for (const f of localCallees(ctx, c)) scopes.push(f.node);
    }
  }
  return evidence.some((e) => scopes.some((s) => contains(s, e)));
}

/** Whether a non-streaming result's finish_reason/stop_reason/status is examined anywhere it flows. */
export function finishChecked(ctx: Ctx, g: GenCall, reads: Node[], statusReads: Node[]): boolean {
  if (g.resultUse === "discarded") return true;
  const ev = g.kind === "responses" ? [...reads, ...statusReads] : reads;
  return seenFor(ctx, g, ev);
}

/** Whether the call's usage/cost is recorded (usage read, cost tracker call, include_usage). */
export function usageRecorded(ctx: Ctx, g: GenCall, reads: Node[], recorders: Node[], global: boolean): boolean {
  if (g.includeUsage || global) return true;
  /* An observability gateway (Helicone, Portkey, Cloudflare AI Gateway) records usage and cost per request. */
  if (/helicone|portkey|gateway\.ai\.cloudflare|openpipe|langfuse/i.test(`${g.provider} ${g.client?.provider ?? ""}`)) return true;
  /* AI SDK OpenTelemetry spans carry token usage per call. */
  if (g.call.named.some((a) => a.name === "experimental_telemetry" && ctx.sx.dict(a.value)?.some((e) => e.key === "isEnabled" && ctx.sx.bool(e.value) === true))) return true;
  if (g.fn?.decorators.some((d) => /track|observe|traceable|usage|cost|meter|trace/i.test(d.text))) return true;
  if (g.api === "langchain" && (ctx.calls.some((c) => c.named.some((a) => a.name === "callbacks")) || configCallbacks(ctx, g))) return true;
  return seenFor(ctx, g, [...reads, ...recorders]);
}

/** `chain.invoke(x, config={"callbacks": [handler]})` / `{ callbacks: [handler] }`: usage is collected by a callback handler. */
function configCallbacks(ctx: Ctx, g: GenCall): boolean {
  let found = false;
  if (g.call.argsNode) walk(g.call.argsNode, (m) => {
    if (found) return false;
    if (ctx.sx.dict(m)?.some((e) => e.key === "callbacks")) found = true;
    return !found;
  });
  return found;
}

export { FINISH_FIELDS, USAGE_FIELDS };

/** True when a retry decorator, wrapper or loop surrounds `node`. */
export function retryAround(sx: Ctx["sx"], node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    const fn = sx.fn(p);
    if (fn) {
      if (fn.decorators.some((d) => /retry|backoff|on_exception|stamina/i.test(d.text))) return true;
      const name = fn.name ?? "";
      if (/retry|with_backoff|backoff/i.test(name)) return true;
      const parentCall = p.parent?.type === "arguments" || p.parent?.type === "argument_list" ? p.parent.parent : undefined;
      if (parentCall && /retry|backoff/i.test(parentCall.text.slice(0, 30))) return true;
    }
    if (sx.isLoop(p) && /attempt|retr|backoff|tries|sleep|RateLimit/i.test(p.text)) return true;
  }
  return false;
}

/**
 * True when the function making the call is retried where it is called: a retry loop around a call
 * site (`for attempt in range(3): try: return post_chat(...)`), or the function re-calling itself
 * with an attempt counter (`return complete(target, messages, attempt + 1)`).
 */
export function retriedByCallers(ctx: Ctx, g: GenCall): boolean {
  const fn = g.fn;
  if (!fn?.name) return false;
  const sites = ctx.calls.filter((c) => localCallees(ctx, c).includes(fn));
  const inside = (c: { node: Node }): boolean => contains(fn.node, c.node);
  if (sites.some(inside) && fn.params.some((p) => /attempt|retr|tries|tried/i.test(p))) return true;
  return sites.some((c) => !inside(c) && retryAround(ctx.sx, c.node));
}

/** Provider keys reachable from a subtree: its generation calls and the local functions it calls. */
export function providersIn(ctx: Ctx, n: Node, gens: GenCall[], seen = new Set<number>()): Set<string> {
  const out = new Set<string>();
  for (const g of gens) if (contains(n, g.call.node)) out.add(g.provider);
  for (const c of callsWithin(ctx, n)) {
    /* Cloudflare Workers AI (`env.AI.run("@cf/…")`): another provider, though not a call the call-level rules judge. */
    if (c.path[c.path.length - 1] === "run" && /^AI$/i.test(c.path[c.path.length - 2] ?? "") && /^@(cf|hf)\//.test(ctx.sx.str(c.positional[0] ?? c.node) ?? "")) out.add("workers-ai");
    for (const f of localCallees(ctx, c)) {
      if (seen.has(f.node.id)) continue;
      seen.add(f.node.id);
      for (const p of providersIn(ctx, f.body, gens, seen)) out.add(p);
    }
    const imp = ctx.imports.get(c.path[0] ?? "");
    if (imp && ctx.lookup?.(ctx.file, imp.module)?.llmFunctions.has(imp.name === "*" ? c.path[1] ?? "" : imp.name)) out.add(`import:${imp.module}.${c.path.join(".")}`);
  }
  return out;
}

/** Generation calls reachable from a subtree (directly or through local functions). */
function gensIn(ctx: Ctx, n: Node, gens: GenCall[], seen = new Set<number>()): GenCall[] {
  const out = gens.filter((g) => contains(n, g.call.node));
  for (const c of callsWithin(ctx, n)) {
    for (const f of localCallees(ctx, c)) {
      if (seen.has(f.node.id)) continue;
      seen.add(f.node.id);
      out.push(...gensIn(ctx, f.body, gens, seen));
    }
  }
  return out;
}

function modelFamily(s: string): string {
  if (s.includes("/")) return s.split("/")[0] ?? s;
  if (/^(gpt|o\d|text-|davinci|chatgpt)/i.test(s)) return "openai";
  if (/claude/i.test(s)) return "anthropic";
  if (/gemini|palm/i.test(s)) return "google";
  return s;
}

/** Marks generation calls that belong to a cross-provider fallback chain. */
export function fallbackChains(ctx: Ctx, gens: GenCall[]): Set<GenCall> {
  const chained = new Set<GenCall>();
  for (const g of gens) {
    if (g.client?.fallbacks || g.call.named.some((a) => a.name === "fallbacks" || (a.name === "models" && (ctx.sx.list(a.value)?.length ?? 0) >= 2))) chained.add(g);
    const body = g.body ? ctx.sx.dict(g.body) : undefined;
    if (body?.some((e) => e.key === "fallbacks" || (e.key === "models" && (ctx.sx.list(e.value)?.length ?? 0) >= 2))) chained.add(g);
    const extra = g.call.named.find((a) => a.name === "extra_body")?.value;
    if (extra && ctx.sx.dict(extra)?.some((e) => e.key === "models" || e.key === "fallbacks")) chained.add(g);
  }
  walkTypes(ctx.root, T.tryOrLoop, (n) => {
    const t = ctx.sx.tryInfo(n);
    if (t) {
      const bodyP = providersIn(ctx, t.body, gens);
      const handP = new Set<string>();
      for (const h of t.handlers) for (const p of providersIn(ctx, h, gens)) handP.add(p);
      if (bodyP.size > 0 && handP.size > 0 && (new Set([...bodyP, ...handP]).size >= 2 || differentTargets(ctx, t.body, t.handlers))) {
        for (const g of gensIn(ctx, t.body, gens)) chained.add(g);
        for (const h of t.handlers) for (const g of gensIn(ctx, h, gens)) chained.add(g);
      } else if (bodyP.size > 0 && handP.size === 0) {
        /* Retry loop, then the backup: `for attempt in …: try: return primary() except …: sleep()` followed by `return backup()`. */
        const after = fallthroughAfter(ctx, n, t.handlers);
        const afterP = new Set<string>();
        for (const a of after) for (const p of providersIn(ctx, a, gens)) afterP.add(p);
        if (afterP.size > 0 && (new Set([...bodyP, ...afterP]).size >= 2 || differentTargets(ctx, t.body, after))) {
          for (const g of gensIn(ctx, t.body, gens)) chained.add(g);
          for (const a of after) for (const g of gensIn(ctx, a, gens)) chained.add(g);
        }
      }
    }
    if (ctx.sx.isLoop(n)) loopChain(ctx, n, gens, chained);
  });
  walkTypes(ctx.root, T.lists, (n) => {
    const items = ctx.sx.list(n);
    if (!items || items.length < 2) return;
    const providers = new Set<string>();
    const members: GenCall[] = [];
    for (const it of items) {
      /* A function, a function's name, or an entry (object/dict/tuple) holding one: `{ name, call() {...} }`, `("openai", ask_openai)`. */
      const asFn = (x: Node): FnInfo | undefined => ctx.sx.fn(x) ?? (x.type === "identifier" ? ctx.fnByName.get(x.text)?.[0] : undefined);
      const parts = asFn(it) ? [it] : it.type === "object" || it.type === "dictionary" || it.type === "tuple" ? it.namedChildren.flatMap((m) => (m.type === "method_definition" ? [m] : m.type === "pair" ? [m.childForFieldName("value") ?? m] : [m])) : [];
      const fs = parts.map(asFn).filter((x): x is FnInfo => !!x);
      if (fs.length === 0) continue;
      const reach = fs.flatMap((f) => gensIn(ctx, f.body, gens));
      const own = new Set(reach.map((g) => g.provider));
      if (own.size !== 1) continue;
      for (const p of own) providers.add(p);
      members.push(...reach);
    }
    if (providers.size >= 2) for (const g of members) chained.add(g);
  });
  return chained;
}

/**
 * The statements reached after a failed try whose handlers swallow the error: the statements after
 * the try (or after the loop it retries in) in the same block.
 */
function fallthroughAfter(ctx: Ctx, tryNode: Node, handlers: Node[]): Node[] {
  const raises = handlers.some((h) => {
    let r = false;
    walk(h, (m) => {
      if (m.type === "raise_statement" || m.type === "throw_statement" || m.type === "return_statement") r = true;
      return !r && !ctx.sx.fn(m);
    });
    return r;
  });
  if (raises) return [];
  let stmt: Node = tryNode;
  const loop = tryNode.parent?.parent && ctx.sx.isLoop(tryNode.parent.parent) ? tryNode.parent.parent : tryNode.parent && ctx.sx.isLoop(tryNode.parent) ? tryNode.parent : undefined;
  if (loop) stmt = loop;
  const siblings = stmt.parent?.namedChildren ?? [];
  const i = siblings.findIndex((k) => k?.id === stmt.id);
  return i < 0 ? [] : siblings.slice(i + 1).filter((k): k is Node => !!k);
}

/** True when the try body and a handler call the same LLM helper with a different first argument (endpoint/client). */
function differentTargets(ctx: Ctx, body: Node, handlers: Node[]): boolean {
  const sig = (n: Node): Map<string, string> => {
    const m = new Map<string, string>();
    for (const c of callsWithin(ctx, n)) if (localCallees(ctx, c).length > 0 && c.positional[0]) m.set(c.path.join("."), c.positional[0].text);
    return m;
  };
  const b = sig(body);
  return handlers.some((h) => [...sig(h)].some(([name, arg]) => b.has(name) && b.get(name) !== arg));
}

function loopChain(ctx: Ctx, loop: Node, gens: GenCall[], chained: Set<GenCall>): void {
  let hasTry = false;
  walk(loop, (m) => {
    if (ctx.sx.tryInfo(m)) hasTry = true;
  });
  let iter = loop.childForFieldName("right") ?? loop.childForFieldName("value");
  if (!hasTry || !iter) return;
  const viaCall = ctx.sx.call(ctx.sx.unwrap(iter));
  if (viaCall && /^(items|values|entries|keys)$/.test(viaCall.path[viaCall.path.length - 1] ?? "")) {
    iter = (viaCall.path[0] === "Object" ? viaCall.positional[0] : viaCall.callee.childForFieldName("object")) ?? iter;
  }
  const items = ctx.sx.list(resolve(ctx, iter)) ?? ctx.sx.dict(resolve(ctx, iter))?.map((e) => e.value);
  const inner = gensIn(ctx, loop, gens);
  if (!items || items.length < 2) return;
  const providers = new Set<string>();
  for (const it of items) {
    const s = ctx.sx.str(it);
    if (s !== undefined) {
      if (inner.some((g) => g.api === "litellm" || g.provider.startsWith("http:openrouter"))) providers.add(modelFamily(s));
      else providers.add(inner[0]?.provider ?? "same");
      continue;
    }
    const client = clientOf(ctx, it) ?? ctx.sx.dict(it)?.map((e) => clientOf(ctx, e.value)).find((x) => x);
    if (client) {
      providers.add(client.provider);
      continue;
    }
    /* An entry naming its endpoint or model: `("https://api.openai.com/v1/…", key, "gpt-4o")`, `{ url, model }`. */
    const target = entryTarget(ctx, it);
    if (target && inner.length > 0) {
      providers.add(target);
      continue;
    }
    walk(it, (m) => {
      if (m.type !== "identifier") return;
      for (const f of ctx.fnByName.get(m.text) ?? []) for (const p of providersIn(ctx, f.body, gens)) providers.add(p);
      for (const cls of classBodies(ctx, m.text)) for (const p of providersIn(ctx, cls, gens)) providers.add(p);
    });
  }
  if (providers.size < 2) return;
  for (const g of gens) if (providers.has(g.provider) || contains(loop, g.call.node) || inner.includes(g)) chained.add(g);
}

/** The endpoint host (or else the model family) a provider-table entry names, from its string literals. */
function entryTarget(ctx: Ctx, it: Node): string | undefined {
  const call = ctx.sx.call(it);
  if (!ctx.sx.list(it) && !ctx.sx.dict(it) && !call) return undefined;
  const strings: string[] = [];
  walk(it, (m) => {
    const s = ctx.sx.str(m);
    if (s !== undefined) {
      strings.push(s);
      return false;
    }
    return true;
  });
  const url = strings.find((s) => /^https?:\/\//.test(s));
  if (url) return `host:${url.replace(/^https?:\/\//, "").split("/")[0] ?? url}`;
  const model = strings.find((s) => /^(gpt|o\d|claude|gemini|llama|meta-llama|mistral|mixtral|command|deepseek|qwen)|\//i.test(s));
  if (model) return `model:${modelFamily(model)}`;
  /* A provider factory: `openai("gpt-4o-mini")`, `anthropic(…)` (AI SDK), `ChatOpenAI(...)`. */
  return call && strings.length > 0 ? `factory:${call.path.join(".")}` : undefined;
}

function classBodies(ctx: Ctx, name: string): Node[] {
  const out: Node[] = [];
  walkTypes(ctx.root, T.classes, (n) => {
    if ((n.type === "class_definition" || n.type === "class_declaration" || n.type === "class") && n.childForFieldName("name")?.text === name) out.push(n);
  });
  return out;
}

/** The local variable/attribute roots whose containers grow (append/push/extend/+=). */
export function growingRoots(ctx: Ctx): Map<string, Node[]> {
  const out = new Map<string, Node[]>();
  const add = (path: string[] | undefined, at: Node): void => {
    if (!path || path.length === 0) return;
    const key = path[0] === "self" || path[0] === "this" ? defKey(path.slice(0, 2)) : path[0] ?? "";
    out.set(key, [...(out.get(key) ?? []), at]);
    const full = defKey(path.filter((p) => p !== "[]"));
    if (full !== key) out.set(full, [...(out.get(full) ?? []), at]);
  };
  for (const c of ctx.calls) {
    const leaf = c.path[c.path.length - 1] ?? "";
    if (/^(append|push|extend|appendleft|insert|unshift|concat|add_message|add_messages|add_user_message|add_ai_message)$/.test(leaf)) add(c.path.slice(0, -1), c.node);
  }
  walkTypes(ctx.root, T.assignments, (n) => {
    const a = ctx.sx.assignment(n);
    if (!a) return;
    for (const t of a.targets) {
      const p = ctx.sx.path(t);
      if (!p) continue;
      const grows = a.augmented || (ctx.sx.lang === "js" && /\.\.\.|concat/.test(a.value.text) && a.value.text.includes(p[p.length - 1] ?? "\0")) || (a.value.type === "binary_operator" && a.value.text.startsWith(p.join(".")));
      if (grows) add(p, n);
    }
  });
  return out;
}

/** The function that defines `path` at `at`, or undefined for module-level definitions. */
export function defScope(ctx: Ctx, path: string[], at: Node): { found: boolean; fn: FnInfo | undefined } {
  const list = ctx.defs.get(defKey(path));
  if (!list || list.length === 0) return { found: false, fn: undefined };
  const vis = defsFor(ctx, path, at);
  const d = list.find((x) => vis.includes(x.value));
  return d ? { found: true, fn: d.fn } : { found: false, fn: undefined };
}
