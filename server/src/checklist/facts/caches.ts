import type { Node } from "../tree";
import { callsWithin, localCallees, resolve } from "./context";
import type { Ctx, GenCall } from "./model";
import { contains, T, walk, walkTypes, type FnInfo } from "./syntax";

/** A place where an LLM result is cached, with the calls whose results it stores. */
export type CacheWrite = { node: Node; gens: GenCall[] };

/* Memoising decorators by their last name: functools/streamlit/cachetools/aiocache/flask-caching (`@cache.memoize`), joblib (`@memory.cache`). */
const MEMO_DECORATORS = /(^|\.)(lru_cache|cache|cached|memoize|memoized|alru_cache|cache_data|cache_resource|memo|ttl_cache|async_lru_cache)$/;
const CACHE_RECEIVER = /cache|redis|\br$|memo|kv|store|lru|semantic|gptcache|memcache/i;
const WRITE_METHODS = new Set(["set", "setex", "hset", "put", "store", "add", "save", "set_item", "mset", "insert", "upsert", "psetex", "setItem", "update"]);

function gensReachable(ctx: Ctx, fn: FnInfo, gens: GenCall[], seen = new Set<number>()): GenCall[] {
  if (seen.has(fn.node.id)) return [];
  seen.add(fn.node.id);
  const out = gens.filter((g) => contains(fn.node, g.call.node));
  for (const c of callsWithin(ctx, fn.body)) for (const f of localCallees(ctx, c)) out.push(...gensReachable(ctx, f, gens, seen));
  return out;
}

/** Cache writes (memoising decorators, cache/Redis/KV sets, set_llm_cache) of LLM results. */
export function cacheWrites(ctx: Ctx, gens: GenCall[]): CacheWrite[] {
  const out: CacheWrite[] = [];
  for (const f of ctx.fns) {
    for (const d of f.decorators) {
      const expr = d.namedChildren[0];
      const path = expr ? (ctx.sx.call(expr)?.path ?? ctx.sx.path(expr)) : undefined;
      if (path && MEMO_DECORATORS.test(path.join("."))) {
        const reach = gensReachable(ctx, f, gens);
        if (reach.length > 0) out.push({ node: d, gens: reach });
      }
    }
  }
  for (const c of ctx.calls) {
    const leaf = c.path[c.path.length - 1] ?? "";
    if (/^(memoize|memoizee|moize|pMemoize|memoizeOne|cached|unstable_cache|memoizeAsync)$/.test(leaf) && c.positional[0]) {
      const target = ctx.fnByName.get(c.positional[0].text)?.[0] ?? ctx.sx.fn(c.positional[0]);
      const reach = target ? gensReachable(ctx, target, gens) : [];
      if (reach.length > 0) out.push({ node: c.node, gens: reach });
      continue;
    }
    if (leaf === "set_llm_cache" || leaf === "setLlmCache") {
      const lc = gens.filter((g) => g.api === "langchain");
      if (lc.length > 0) out.push({ node: c.node, gens: lc });
      continue;
    }
    if (!WRITE_METHODS.has(leaf) || c.path.length < 2) continue;
    const fn = ctx.enclosing(c.node);
    if (!fn) continue;
    const recvName = c.path.slice(0, -1).join(".");
    /* Usage/metrics/audit stores record facts about a call, not its answer for reuse. */
    if (recvName.split(/[._]|(?=[A-Z])/).some((w) => /^(usage|metrics?|ledger|costs?|spend|stats|analytics|telemetry|counters?|billing|audit|logs?|logger|events?)$/i.test(w))) continue;
    if (!(CACHE_RECEIVER.test(recvName) || cacheObject(ctx, c.callee) || (leaf === "set" && readsBackFirst(ctx, fn, recvName, c.node)))) continue;
    const derived = derivedNames(ctx, fn, gens);
    if (derived.names.size === 0) continue;
    let uses = false;
    for (const a of [...c.positional.slice(1), ...c.named.map((x) => x.value)]) {
      walk(a, (m) => {
        if ((m.type === "identifier" || m.type === "shorthand_property_identifier") && derived.names.has(m.text)) uses = true;
        if (ctx.sx.call(m) && derived.callNames.has(ctx.sx.call(m)?.path.join(".") ?? "")) uses = true;
        return !uses;
      });
    }
    if (uses) out.push({ node: c.node, gens: derived.gens });
  }
  walkTypes(ctx.root, T.assignments, (n) => {
    const a = ctx.sx.assignment(n);
    const lc = gens.filter((g) => g.api === "langchain");
    if (a && lc.length > 0 && a.targets.some((t) => /(^|\.)llm_cache$/.test(t.text))) out.push({ node: n, gens: lc });
    const w = a && !a.augmented ? dictCacheWrite(ctx, n, a.targets, a.value, gens) : undefined;
    if (w) out.push(w);
  });
  return out;
}

const SUBSCRIPTS = new Set(["subscript", "subscript_expression"]);

/**
 * `store[key] = <LLM result>` into a cache-named container, or into any container the same
 * function reads back by key first (`if k in store: return store[k]`, the memo pattern).
 */
function dictCacheWrite(ctx: Ctx, n: Node, targets: Node[], value: Node, gens: GenCall[]): CacheWrite | undefined {
  const t = targets.length === 1 ? targets[0] : undefined;
  if (!t || !SUBSCRIPTS.has(t.type)) return undefined;
  const container = t.childForFieldName(t.type === "subscript" ? "value" : "object");
  const cpath = container ? ctx.sx.path(container) : undefined;
  if (!container || !cpath) return undefined;
  const fn = ctx.enclosing(n);
  if (!fn) return undefined;
  const derived = derivedNames(ctx, fn, gens);
  if (derived.gens.length === 0) return undefined;
  let uses = false;
  walk(value, (m) => {
    if (m.type === "identifier" && derived.names.has(m.text)) uses = true;
    const mc = ctx.sx.call(m);
    if (mc && derived.callNames.has(mc.path.join("."))) uses = true;
    if (mc && derived.gens.some((g) => g.call.node.id === mc.node.id)) uses = true;
    return !uses;
  });
  if (!uses) return undefined;
  const name = cpath.join(".");
  if (CACHE_RECEIVER.test(name)) return { node: n, gens: derived.gens };
  /* The memo pattern: the function returns the container's entry before it calls the model. */
  return readsBackFirst(ctx, fn, name, n) ? { node: n, gens: derived.gens } : undefined;
}

/**
 * The memo pattern: before `write`, the function returns the container's entry
 * (`return store[k]`, `return answers.get(k)!`, `return cached` after `cached = store.get(k)`).
 */
function readsBackFirst(ctx: Ctx, fn: FnInfo, name: string, write: Node): boolean {
  const cpath = name.split(".");
  const reads = (r: Node): boolean => {
    let hit = false;
    walk(r, (m) => {
      if (hit) return false;
      const rc = ctx.sx.call(m);
      if (rc && (rc.path.join(".") === `${name}.get` || rc.path.join(".") === `${name}.get_item`)) hit = true;
      if (SUBSCRIPTS.has(m.type)) {
        const rp = ctx.sx.path(m);
        if (rp && rp.slice(0, cpath.length).join(".") === name && rp.length > cpath.length) hit = true;
      }
      return !hit;
    });
    return hit;
  };
  const readVars = new Set<string>();
  let memo = false;
  walk(fn.body, (m) => {
    if (memo || m.startIndex >= write.startIndex) return false;
    const a = ctx.sx.assignment(m);
    if (a && reads(a.value)) for (const t of a.targets) readVars.add(t.text);
    if (m.type === "return_statement") {
      const r = m.namedChildren[0];
      if (r && (reads(r) || readVars.has(ctx.sx.unwrap(r).text))) memo = true;
    }
    return !memo;
  });
  return memo;
}

const CACHE_CLASSES = /^(LRUCache|LRU|QuickLRU|NodeCache|TTLCache|LFUCache|Cache|Keyv|Redis|StrictRedis|Memcached|Client|createClient|createCache|caching|SemanticCache|RedisSemanticCache|diskcache\.Cache|FanoutCache)$/;

/** True when a method call's receiver was constructed as a cache (`const answers = new LRUCache(...)`). */
function cacheObject(ctx: Ctx, callee: Node): boolean {
  const recv = callee.childForFieldName("object");
  if (!recv) return false;
  const def = ctx.sx.call(resolve(ctx, recv));
  if (!def) return false;
  const leafName = def.path[def.path.length - 1] ?? "";
  if (leafName === "Client" || leafName === "createClient") return /redis|memcache|pymemcache/i.test(def.path.join(".")) || [...ctx.imports.values()].some((i) => /redis|memcache/i.test(i.module) && i.name === (def.path[0] ?? ""));
  return CACHE_CLASSES.test(leafName) || CACHE_CLASSES.test(def.path.join("."));
}

/** Names in `fn` that hold an LLM result (or text derived from one). */
function derivedNames(ctx: Ctx, fn: FnInfo, gens: GenCall[]): { names: Set<string>; callNames: Set<string>; gens: GenCall[] } {
  const names = new Set<string>();
  const callNames = new Set<string>();
  const used: GenCall[] = [];
  for (const g of gens) {
    if (contains(fn.node, g.call.node) && g.resultVar) {
      names.add(g.resultVar.split(".")[0] ?? g.resultVar);
      used.push(g);
    }
  }
  for (const c of callsWithin(ctx, fn.body)) {
    const reach = localCallees(ctx, c).flatMap((f) => gensReachable(ctx, f, gens));
    if (reach.length > 0) {
      callNames.add(c.path.join("."));
      used.push(...reach);
    }
  }
  for (let pass = 0; pass < 3; pass++) {
    walk(fn.body, (n) => {
      const a = ctx.sx.assignment(n);
      if (!a) return true;
      let from = false;
      walk(a.value, (m) => {
        if (m.type === "identifier" && names.has(m.text)) from = true;
        const mc = ctx.sx.call(m);
        if (mc && callNames.has(mc.path.join("."))) from = true;
        return !from;
      });
      if (from) for (const t of a.targets) names.add(ctx.sx.path(t)?.[0] ?? t.text);
      return true;
    });
  }
  return { names, callNames, gens: used };
}
