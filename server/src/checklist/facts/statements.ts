import type { Node } from "../tree";
import { returnsOf } from "./clients";
import { localCallees, resolve } from "./context";
import type { Ctx, GenCall } from "./model";
import { isPiiPath, isPromptPath, isRedactorName, isUserTextPath } from "./names";
import { contains, walk, walkTypes, T } from "./syntax";

const LOG_LEVELS = new Set(["debug", "info", "warning", "warn", "error", "exception", "critical", "log", "trace", "fatal", "msg"]);

/** Log/print calls whose arguments carry a raw prompt, user message or messages list. */
export function rawPromptLogs(ctx: Ctx, gens: GenCall[]): Node[] {
  const out: Node[] = [];
  const sent = sentPaths(ctx, gens);
  for (const c of ctx.calls) {
    const leaf = c.path[c.path.length - 1] ?? "";
    const recv = c.path.slice(0, -1).join(".").toLowerCase();
    const isLog = (c.path.length === 1 && leaf === "print") || (LOG_LEVELS.has(leaf) && /log|console|structlog|logging|^l$/.test(recv));
    if (!isLog) continue;
    const fn = ctx.enclosing(c.node);
    if (c.argsNode && carriesPrompt(ctx, c.argsNode, sent.get(fn?.node.id ?? -1) ?? new Set())) out.push(c.node);
  }
  return out;
}

/** Per function: the variable paths that are sent to a model inside a prompt or messages. */
function sentPaths(ctx: Ctx, gens: GenCall[]): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const g of gens) {
    const id = g.fn?.node.id ?? -1;
    const set = out.get(id) ?? new Set<string>();
    const args = [g.messages, ...g.call.named.filter((a) => a.name === "prompt" || a.name === "input" || a.name === "contents").map((a) => a.value)];
    for (const a of args) {
      if (!a) continue;
      walk(a, (m) => {
        const p = m.type === "identifier" || m.type === "attribute" || m.type === "member_expression" || m.type === "subscript" || m.type === "subscript_expression" ? ctx.sx.path(m) : undefined;
        if (p && !/^[A-Z0-9_]+$/.test(p[0] ?? "")) {
          set.add(p.join("."));
          return false;
        }
        return true;
      });
    }
    out.set(id, set);
  }
  return out;
}

function carriesPrompt(ctx: Ctx, n: Node, sent: Set<string>): boolean {
  let found = false;
  walk(n, (m) => {
    if (found) return false;
    const call = ctx.sx.call(m);
    if (call) {
      const leaf = (call.path[call.path.length - 1] ?? "").toLowerCase();
      if (/^(len|hash|sha256|md5|hexdigest|count_tokens|token_count|encode|estimate_tokens|redact|mask|digest|hashprompt|hash_prompt|str|truncate)$/.test(leaf) || /hash|redact|token|len/.test(leaf)) return false;
      if (leaf === "dumps" || leaf === "stringify" || leaf === "format" || leaf === "repr") return true;
      return true;
    }
    if (m.type === "keyword_argument" || m.type === "pair") {
      const key = m.childForFieldName("name")?.text ?? m.childForFieldName("key")?.text ?? "";
      if (/(_id|id|len|length|count|hash|tokens|latency|ms|model|status)$/i.test(key.replace(/["']/g, ""))) return false;
    }
    const p = m.type === "identifier" || m.type === "shorthand_property_identifier" || m.type === "attribute" || m.type === "member_expression" || m.type === "subscript" || m.type === "subscript_expression" ? ctx.sx.path(m) : undefined;
    if (p) {
      if (p[p.length - 1] === "length") return false;
      if (isPromptPath(p) || sent.has(p.join("."))) found = true;
      return m.type === "subscript" || m.type === "subscript_expression" ? true : false;
    }
    return true;
  });
  return found;
}

function systemContents(ctx: Ctx, gens: GenCall[]): Node[] {
  const out: Node[] = [];
  walkTypes(ctx.root, T.containers, (n) => {
    const d = ctx.sx.dict(n);
    if (d) {
      const role = d.find((e) => e.key === "role");
      if (role && /^(system|developer)$/.test(ctx.sx.str(role.value) ?? "")) {
        const content = d.find((e) => e.key === "content");
        if (content) out.push(content.value);
      }
    }
    const items = n.type === "tuple" || n.type === "array" ? ctx.sx.list(n) : undefined;
    if (items && items.length === 2 && items[0] && items[1] && ctx.sx.str(items[0]) === "system") out.push(items[1]);
    const c = ctx.sx.call(n);
    if (c) {
      const leaf = c.path[c.path.length - 1] ?? "";
      if (/^(SystemMessage|SystemMessagePromptTemplate)$/.test(c.path[0] ?? "") || leaf === "SystemMessage" || (c.path.includes("SystemMessagePromptTemplate") && leaf === "from_template")) {
        const v = c.named.find((a) => a.name === "content" || a.name === "template")?.value ?? c.positional[0];
        if (v) out.push(v);
      }
    }
    return true;
  });
  for (const g of gens) {
    for (const a of g.call.named) {
      if (a.name !== "system" && a.name !== "instructions" && a.name !== "system_instruction") continue;
      /* Anthropic system blocks: `system=[{"type": "text", "text": …}, …]`. */
      const blocks = ctx.sx.list(a.value);
      if (!blocks) {
        out.push(a.value);
        continue;
      }
      for (const b of blocks) for (const e of ctx.sx.dict(b) ?? []) if (e.key === "text" || e.key === "content") out.push(e.value);
    }
  }
  return out;
}

/** Interpolations of user-controlled text into a system prompt (the string's line is reported). */
export function systemInterpolations(ctx: Ctx, gens: GenCall[]): Node[] {
  const out: Node[] = [];
  for (const content of systemContents(ctx, gens)) {
    const hit = userInterpolation(ctx, content, 0);
    if (hit && !out.some((o) => o.id === hit.id)) out.push(hit);
  }
  return out;
}

function userInterpolation(ctx: Ctx, n: Node, depth: number): Node | undefined {
  if (depth > 3) return undefined;
  const u = ctx.sx.unwrap(n);
  const parts = ctx.sx.interpolated(u);
  if (parts) {
    for (const p0 of parts) {
      /* `${persona.trim()}`, `{name.strip()}`: judge the receiver of a string method. */
      const pc = ctx.sx.call(ctx.sx.unwrap(p0));
      const recv = pc && pc.positional.length === 0 && /^(trim|strip|lower|upper|toLowerCase|toUpperCase|title|capitalize|trimStart|trimEnd|lstrip|rstrip)$/.test(pc.path[pc.path.length - 1] ?? "") ? pc.callee.childForFieldName("object") : undefined;
      const p = recv ?? p0;
      const path = ctx.sx.path(p);
      if (path && path.length === 1 && routeParam(ctx, p)) return u;
      if (path && isUserTextPath(path)) return u;
      if (path && path.length === 1) {
        const d = resolve(ctx, p);
        if (d !== ctx.sx.unwrap(p)) {
          const dp = ctx.sx.path(d);
          if (dp && dp.length > 1 && isUserTextPath(dp)) return u;
          const dc = ctx.sx.call(d);
          if (dc && /^(req|request|c|ctx)$/.test(dc.path[0] ?? "") && /json|get_json|form|body|formData/.test(dc.path.join("."))) return u;
          if (dc && dc.path.join(".") === "input") return u;
          /* `const [persona] = command.text.split("|")`: text derived from user text by a method call. */
          const dobj = dc ? dc.callee.childForFieldName("object") : undefined;
          const dop = dobj ? ctx.sx.path(dobj) : undefined;
          if (dc && !isRedactorName(dc.path.join(".")) && dop && dop.length > 1 && isUserTextPath(dop)) return u;
          if (userInterpolation(ctx, d, depth + 1)) return u;
        }
      }
      const inner = ctx.sx.call(ctx.sx.unwrap(p));
      if (inner && !isRedactorName(inner.path.join(".")) && inner.positional.some((a) => { const ap = ctx.sx.path(a); return !!ap && isUserTextPath(ap); })) return u;
    }
    return undefined;
  }
  const s = ctx.sx.str(u);
  if (s !== undefined) {
    const vars = [...s.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1] ?? "");
    return vars.some((v) => isUserTextPath([v])) ? u : undefined;
  }
  if (u.type === "identifier" || u.type === "shorthand_property_identifier" || u.type === "attribute" || u.type === "member_expression") {
    const d = resolve(ctx, u);
    if (d !== u) {
      const hit = userInterpolation(ctx, d, depth + 1);
      if (hit) return hit;
    }
    /* `system_prompt += f"... {user_text}"` before the prompt is used. */
    for (const a of augmentations(ctx, u)) {
      const hit = userInterpolation(ctx, a, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  }
  const c = ctx.sx.call(u);
  if (c && !isRedactorName(c.path.join("."))) {
    /* A local prompt builder: `system: buildSystemPrompt(profile)` whose template interpolates a parameter bound to request data. */
    for (const f of localCallees(ctx, c)) {
      for (const r of returnsOf(ctx, f.body)) {
        const inner = userInterpolation(ctx, r, depth + 1);
        if (inner) return inner;
        const parts = ctx.sx.interpolated(ctx.sx.unwrap(r)) ?? [];
        for (const part of parts) {
          let hit = false;
          walk(part, (m) => {
            if (hit) return false;
            const mp = m.type === "identifier" || m.type === "attribute" || m.type === "member_expression" ? ctx.sx.path(m) : undefined;
            if (mp) {
              const i = f.params.indexOf(mp[0] ?? "");
              const arg = i >= 0 ? c.positional[f.params[0] === "self" && c.path[0] === "self" ? i - 1 : i] : undefined;
              if (arg && fromUser(ctx, arg)) hit = true;
              return false;
            }
            return true;
          });
          if (hit) return ctx.sx.unwrap(r);
        }
      }
    }
    const fmt = c.path[c.path.length - 1] ?? "";
    if (/^(format|format_map|replace|replaceAll|render|substitute|safe_substitute)$/.test(fmt) && c.named.concat(c.positional.map((value) => ({ value }))).some((a) => { const ap = ctx.sx.path(a.value); return !!ap && isUserTextPath(ap); })) return u;
  }
  return undefined;
}

/**
 * True when `n` names a parameter of the enclosing HTTP route handler that the framework fills from
 * the request (FastAPI body/query models: `def run(cfg: AgentConfig)`), not a `Depends(...)` value.
 */
function routeParam(ctx: Ctx, n: Node): boolean {
  if (n.type !== "identifier") return false;
  const fn = ctx.enclosing(n);
  if (!fn || !fn.params.includes(n.text) || /^(self|cls|request|req|res|response|db|session|background_tasks)$/.test(n.text)) return false;
  const route = fn.decorators.some((d) => {
    const c = d.namedChildren[0] ? ctx.sx.call(d.namedChildren[0]) : undefined;
    return !!c && c.path.length >= 2 && /^(get|post|put|patch|delete|api_route|websocket)$/.test(c.path[c.path.length - 1] ?? "");
  });
  if (!route) return false;
  const param = fn.node.childForFieldName("parameters")?.namedChildren.find((p) => p?.namedChildren.some((k) => k?.text === n.text) || p?.text === n.text);
  return !!param && !/Depends\(|Security\(|Header\(|Cookie\(/.test(param.text);
}

/** True when an argument is user-controlled: a user-text path, a route parameter, or a value read from the request body. */
function fromUser(ctx: Ctx, arg: Node): boolean {
  const ap = ctx.sx.path(arg);
  if (ap && isUserTextPath(ap)) return true;
  if (routeParam(ctx, arg)) return true;
  const d = resolve(ctx, arg);
  const dp = ctx.sx.path(d);
  if (d !== ctx.sx.unwrap(arg) && dp && dp.length > 1 && isUserTextPath(dp)) return true;
  const dc = ctx.sx.call(d);
  return !!dc && /^(req|request|c|ctx)$/.test(dc.path[0] ?? "") && /json|get_json|form|body|formData/.test(dc.path.join("."));
}

/** Values appended (`+=`) to the variable `u` names, earlier in the same function. */
function augmentations(ctx: Ctx, u: Node): Node[] {
  const name = u.text;
  const fn = ctx.enclosing(u);
  const out: Node[] = [];
  walkTypes(fn?.body ?? ctx.root, T.assignments, (n) => {
    if (n.startIndex >= u.startIndex) return;
    const a = ctx.sx.assignment(n);
    if (a?.augmented && a.targets.some((t) => t.text === name) && ctx.enclosing(n) === fn) out.push(a.value);
  });
  return out;
}

/** First interpolation of a PII field into a prompt that reaches a model without redaction. */
export function piiInterpolations(ctx: Ctx, gens: GenCall[]): Node[] {
  const out: Node[] = [];
  const fnsWithGen = new Set(gens.map((g) => g.fn?.node.id ?? -1));
  walkTypes(ctx.root, T.interpolations, (n) => {
    const parts = ctx.sx.interpolated(n);
    if (!parts) return true;
    const fn = ctx.enclosing(n);
    if (!fnsWithGen.has(fn?.node.id ?? -1) && !promptBuilder(ctx, fn, gens)) return false;
    if (fn && ctx.calls.some((c) => isRedactorName(c.path.join(".")) && contains(fn.node, c.node))) return false;
    for (const p of parts) {
      const hit = piiWithin(ctx, p);
      if (hit) {
        out.push(hit);
        return false;
      }
    }
    return false;
  });
  out.push(...piiInPayloads(ctx, gens));
  out.sort((a, b) => a.startIndex - b.startIndex);
  return out.length > 0 ? [out[0] as Node] : [];
}

/**
 * PII fields that reach a call's messages/prompt as data rather than through string interpolation:
 * `content: customer.email`, `json.dumps({"name": patient.full_name, ...})`, or a record variable
 * built from PII fields and serialised into the prompt.
 */
function piiInPayloads(ctx: Ctx, gens: GenCall[]): Node[] {
  const out: Node[] = [];
  for (const g of gens) {
    const fn = g.fn;
    if (fn && ctx.calls.some((c) => isRedactorName(c.path.join(".")) && contains(fn.node, c.node))) continue;
    const args = [g.messages, ...g.call.named.filter((a) => a.name === "prompt" || a.name === "input" || a.name === "contents").map((a) => a.value)];
    const seen = new Set<number>();
    const visit = (n: Node, depth: number): void => {
      if (seen.has(n.id) || depth > 2) return;
      seen.add(n.id);
      const hit = piiWithin(ctx, n);
      if (hit) {
        out.push(hit);
        return;
      }
      walk(n, (m) => {
        const c = ctx.sx.call(m);
        if (c && isRedactorName(c.path.join("."))) return false;
        /* A whole person record serialised into the prompt: `JSON.stringify({ customer, issue })`, `json.dumps(patient)`. */
        if (c && /^(JSON\.stringify|json\.dumps|dumps|str|repr|asdict|dataclasses\.asdict)$/.test(c.path.join("."))) {
          const record = wholeRecord(ctx, c);
          if (record) {
            out.push(record);
            return false;
          }
        }
        if (m.type === "identifier" || m.type === "shorthand_property_identifier") {
          const d = resolve(ctx, m);
          if (d.id !== m.id && (ctx.sx.dict(d) || ctx.sx.list(d) || ctx.sx.call(d) || ctx.sx.interpolated(d))) visit(d, depth + 1);
          return false;
        }
        return true;
      });
    };
    for (const a of args) if (a) visit(a, 0);
  }
  return out;
}

/** A PII field read in an interpolated expression (`a.first_name + " " + a.last_name`, `", ".join([c.email])`), outside redactor calls. */
function piiWithin(ctx: Ctx, n: Node): Node | undefined {
  let hit: Node | undefined;
  walk(n, (m) => {
    if (hit) return false;
    const c = ctx.sx.call(m);
    if (c && isRedactorName(c.path.join("."))) return false;
    /* `account.get("email")`, `row.get("contact_name")`: a field read by key. */
    const key = c && /^(get|getattr)$/.test(c.path[c.path.length - 1] ?? "") && c.positional[0] ? ctx.sx.str(c.positional[0]) : undefined;
    if (c && key !== undefined) {
      const obj = c.callee.childForFieldName("object");
      const op = obj ? ctx.sx.path(obj) : undefined;
      if (isPiiPath([...(op ?? []), key])) {
        hit = m;
        return false;
      }
    }
    if (m.type === "identifier" || m.type === "attribute" || m.type === "member_expression" || m.type === "subscript" || m.type === "subscript_expression") {
      const path = ctx.sx.path(m);
      if (path && isPiiPath(path)) {
        hit = m;
        return false;
      }
      return m.type === "subscript" || m.type === "subscript_expression";
    }
    return true;
  });
  return hit;
}

const PERSON_RECORD = /^(customer|patient|contact|lead|applicant|member|employee|subscriber|guest|recipient|buyer|accountholder|user|client|person|candidate|tenant)(record|profile|data|info|details)?$/;

/** A person record (not one of its fields) passed whole to a serialiser: the node naming it. */
function wholeRecord(ctx: Ctx, c: { positional: Node[] }): Node | undefined {
  const arg = c.positional[0];
  if (!arg) return undefined;
  const names: Node[] = [];
  const u = ctx.sx.unwrap(arg);
  if (u.type === "identifier") names.push(u);
  for (const e of ctx.sx.dict(u) ?? []) if (e.value.type === "identifier" || e.value.type === "shorthand_property_identifier") names.push(e.value);
  return names.find((n) => PERSON_RECORD.test(n.text.replace(/_/g, "").toLowerCase()));
}

function promptBuilder(ctx: Ctx, fn: { name?: string } | undefined, gens: GenCall[]): boolean {
  if (!fn?.name) return false;
  const name = fn.name;
  return /prompt|message/i.test(name) && gens.length > 0 && ctx.calls.some((c) => c.path[c.path.length - 1] === name);
}
