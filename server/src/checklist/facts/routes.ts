import type { Node } from "../tree";
import { callsWithin, localCallees, resolve } from "./context";
import { providersIn } from "./flow";
import type { Ctx, GenCall, RouteFact } from "./model";
import { chatness, isLimiterName } from "./names";
import { walk, type FnInfo } from "./syntax";

const HTTP_METHODS = new Set(["get", "post", "put", "patch", "delete", "route", "api_route", "all"]);
const WS_METHODS = new Set(["websocket", "websocket_route", "ws"]);
const BOT_DECORATORS = new Set(["event", "command", "message", "message_handler", "slash_command", "hybrid_command", "listen"]);
const STREAM_MARKERS = /StreamingResponse|StreamingHttpResponse|EventSourceResponse|stream_with_context|ReadableStream|TransformStream|toDataStreamResponse|toTextStreamResponse|toUIMessageStreamResponse|StreamingTextResponse|OpenAIStream|AnthropicStream|LangChainStream|toReadableStream|text\/event-stream|streamSSE|streamText|res\.write|\.pipe\(|yield /;

/** True when code under `n` (transitively) makes an LLM call. */
export function triggersLlm(ctx: Ctx, n: Node, gens: GenCall[]): boolean {
  if (providersIn(ctx, n, gens).size > 0) return true;
  for (const c of callsWithin(ctx, n)) {
    const imp = ctx.imports.get(c.path[0] ?? "");
    if (!imp) continue;
    const mod = ctx.lookup?.(ctx.file, imp.module);
    if (mod) {
      const name = imp.name === "*" || imp.name === "default" ? c.path[1] ?? "" : imp.name;
      if (mod.llmFunctions.has(name) || mod.clients.has(name)) return true;
    } else if (/llm|openai|anthropic|gpt|chat|agent|completion|langchain|litellm|assistant/i.test(imp.module) && !imp.module.startsWith("@langchain/core")) return true;
  }
  return false;
}

/** True when the handler streams: stream markers or a streamed call in it or in the local helpers it calls. */
function streams(ctx: Ctx, handler: FnInfo, gens: GenCall[], depth = 0, seen = new Set<number>()): boolean {
  if (seen.has(handler.node.id)) return false;
  seen.add(handler.node.id);
  if (STREAM_MARKERS.test(handler.body.text)) return true;
  if (gens.some((g) => g.stream && handler.node.startIndex <= g.call.node.startIndex && handler.node.endIndex >= g.call.node.endIndex)) return true;
  if (depth >= 3) return false;
  for (const c of callsWithin(ctx, handler.body)) for (const f of localCallees(ctx, c)) if (streams(ctx, f, gens, depth + 1, seen)) return true;
  return false;
}

function handlerLimited(ctx: Ctx, handler: FnInfo): boolean {
  for (const c of callsWithin(ctx, handler.body)) {
    if (isLimiterName(c.path.join("."))) return true;
    /* `import { limit } from "@/lib/ratelimit"; await limit(req)`. */
    const imp = ctx.imports.get(c.path[0] ?? "");
    if (imp && isLimiterName(imp.module.split(/[/.]/).pop() ?? "")) return true;
  }
  return handler.params.some((p) => isLimiterName(p));
}

/** App-wide limiting declared in this file (middleware, default limits). */
function appLimited(ctx: Ctx): boolean {
  for (const c of ctx.calls) {
    const p = c.path.join(".");
    const leaf = c.path[c.path.length - 1] ?? "";
    if ((leaf === "use" || leaf === "add_middleware" || leaf === "register") && c.positional.some((a) => isLimiterName(a.text) || isLimiterName(resolve(ctx, a).text))) return true;
    if (/^(Limiter|RateLimiter)$/.test(leaf) && c.named.some((a) => a.name === "default_limits" || a.name === "application_limits")) return true;
    if (/^(APIRouter|FastAPI|Blueprint|include_router)$/.test(leaf) && c.named.some((a) => a.name === "dependencies" && isLimiterName(a.value.text))) return true;
    if (p === "app.middleware" || leaf === "middleware") {
      const fnNode = c.node.parent?.parent;
      if (fnNode && isLimiterName(fnNode.text)) return true;
    }
  }
  return false;
}

function fnOf(ctx: Ctx, n: Node | undefined): FnInfo | undefined {
  if (!n) return undefined;
  const r = resolve(ctx, n);
  const f = ctx.sx.fn(r);
  if (f) return f;
  if (r.type === "identifier") return ctx.fnByName.get(r.text)?.[0];
  return undefined;
}

/** Routes, socket/bot handlers and worker entry points in the file. */
export function findRoutes(ctx: Ctx, gens: GenCall[]): RouteFact[] {
  const out: RouteFact[] = [];
  const global = appLimited(ctx);
  const make = (node: Node, kind: RouteFact["kind"], name: string, handler: FnInfo | undefined, limitedHere: boolean): void => {
    if (!handler) return;
    out.push({ node, kind, name, handler, limited: global || limitedHere || handlerLimited(ctx, handler), triggersLlm: triggersLlm(ctx, handler.body, gens), streams: streams(ctx, handler, gens) });
  };
  for (const f of ctx.fns) {
    if (ctx.sx.lang === "python") pythonRoute(ctx, f, make);
    else jsFunctionRoute(ctx, f, make);
  }
  if (ctx.sx.lang === "python") {
    /* Chat-bot handlers registered by a call: python-telegram-bot `app.add_handler(MessageHandler(filters.TEXT, on_message))`, aiogram `dp.message.register(fn)`, pyTelegramBotAPI `bot.register_message_handler(fn)`. */
    for (const c of ctx.calls) {
      const leaf = c.path[c.path.length - 1] ?? "";
      const registered = /^(MessageHandler|CommandHandler|CallbackQueryHandler|InlineQueryHandler|register_message_handler)$/.test(leaf) || (leaf === "register" && /^(message|callback_query|inline_query)$/.test(c.path[c.path.length - 2] ?? ""));
      if (!registered) continue;
      const handler = [...c.positional, ...c.named.filter((a) => a.name === "callback").map((a) => a.value)].map((a) => fnOf(ctx, a)).find((f) => !!f);
      const outer = c.node.parent?.type === "argument_list" ? c.node.parent.parent ?? c.node : c.node;
      if (handler) make(outer, "bot", `${leaf} ${handler.name ?? ""}`, handler, false);
    }
  }
  if (ctx.sx.lang === "js") {
    for (const c of ctx.calls) {
      const leaf = c.path[c.path.length - 1] ?? "";
      const recv = c.path.slice(0, -1).join(".").toLowerCase();
      const handler = fnOf(ctx, c.positional[c.positional.length - 1]);
      if (!handler || c.path.length < 2) continue;
      const firstArg = c.positional[0];
      const eventMember = firstArg?.type === "member_expression" ? (ctx.sx.path(firstArg) ?? []).pop() : undefined;
      const first = firstArg ? ctx.sx.str(firstArg) ?? (eventMember && /^(MessageCreate|InteractionCreate)$/.test(eventMember) ? eventMember : undefined) : undefined;
      if (HTTP_METHODS.has(leaf) && first !== undefined && first.startsWith("/")) {
        const middle = c.positional.slice(1, -1);
        make(c.node, "http", first, handler, middle.some((m) => isLimiterName(m.text) || isLimiterName(resolve(ctx, m).text)));
      } else if ((leaf === "on" || leaf === "once") && first !== undefined && first !== "connection" && first !== "connect" && first !== "disconnect" && first !== "ready" && first !== "error" && first !== "close") {
        const kind = /^(messagecreate|interactioncreate)$/i.test(first) || /client|bot|discord/.test(recv) ? "bot" : "socket";
        make(c.node, kind, first, handler, false);
      } else if (leaf === "addEventListener" && first === "fetch") make(c.node, "worker", "fetch", handler, false);
    }
  }
  return out;
}

function pythonRoute(ctx: Ctx, f: FnInfo, make: (node: Node, kind: RouteFact["kind"], name: string, h: FnInfo, limited: boolean) => void): void {
  let kind: RouteFact["kind"] | undefined;
  let name = f.name ?? "";
  let first: Node | undefined;
  let limited = false;
  for (const d of f.decorators) {
    const expr = d.namedChildren[0];
    if (!expr) continue;
    const c = ctx.sx.call(expr);
    const path = c ? c.path : ctx.sx.path(expr) ?? [];
    const leaf = path[path.length - 1] ?? "";
    const dotted = path.join(".");
    if (isLimiterName(dotted)) limited = true;
    if (c && c.named.some((a) => a.name === "dependencies" && isLimiterName(a.value.text))) limited = true;
    if (path.length >= 2 && HTTP_METHODS.has(leaf) && !isLimiterName(dotted)) {
      kind = "http";
      first ??= d;
      const p = c?.positional[0] ? ctx.sx.str(c.positional[0]) : undefined;
      if (p) name = `${p} ${name}`;
    } else if (path.length >= 2 && WS_METHODS.has(leaf)) {
      kind = "ws";
      first ??= d;
      const p = c?.positional[0] ? ctx.sx.str(c.positional[0]) : undefined;
      if (p) name = `${p} ${name}`;
    } else if (path.length >= 2 && (BOT_DECORATORS.has(leaf) || (leaf === "on" && c))) {
      kind = /sio|socket|io$/.test(path[0] ?? "") ? "socket" : "bot";
      first ??= d;
    }
  }
  if (f.decorators.length > 0 && kind) first = f.decorators[0];
  const django = [...ctx.imports.values()].some((i) => i.module.startsWith("django") || i.module.startsWith("rest_framework"));
  const nested = !!ctx.enclosing(f.node);
  if (!kind && !nested && django && f.params[0] === "request") {
    kind = "http";
    first = f.node;
  }
  if (!kind && django && (f.name === "post" || f.name === "get") && f.params[0] === "self" && f.params[1] === "request") {
    kind = "http";
    first = f.node;
    for (let p = f.node.parent; p; p = p.parent) {
      if (p.type === "class_definition") {
        name = `${p.childForFieldName("name")?.text ?? ""} ${name}`;
        if (/throttle_classes|ratelimit|RateThrottle/.test(p.text) || (p.parent?.type === "decorated_definition" && p.parent.namedChildren.some((d) => d?.type === "decorator" && isLimiterName(d.text)))) limited = true;
        break;
      }
    }
  }
  if (f.params.some((p) => p === "request") && f.params.length > 0 && !kind) {
    for (const p of f.node.childForFieldName("parameters")?.namedChildren ?? []) if (p && isLimiterName(p.text)) limited = true;
  }
  for (const p of f.node.childForFieldName("parameters")?.namedChildren ?? []) if (p && /Depends\(/.test(p.text) && isLimiterName(p.text)) limited = true;
  if (kind && first) make(first, kind, name, f, limited);
}

function jsFunctionRoute(ctx: Ctx, f: FnInfo, make: (node: Node, kind: RouteFact["kind"], name: string, h: FnInfo, limited: boolean) => void): void {
  const parent = f.node.parent;
  const exported = parent?.type === "export_statement" ? parent : parent?.parent?.parent?.type === "export_statement" ? parent.parent.parent : undefined;
  const middleware = ctx.lookup?.middlewareLimits?.(ctx.file) ?? false;
  if (f.name && /^(GET|POST|PUT|PATCH|DELETE)$/.test(f.name) && exported) {
    make(exported, "next", `${ctx.file} ${f.name}`, f, middleware);
    return;
  }
  if (exported && exported.text.startsWith("export default") && f.params.length >= 2 && /^req/.test(f.params[0] ?? "") && /^res/.test(f.params[1] ?? "")) {
    make(exported, "next", `${ctx.file} ${f.name ?? "handler"}`, f, middleware);
    return;
  }
  /* Nuxt/h3 `export default defineEventHandler(async (event) => …)` (file-based routes). */
  const wrapper = f.node.parent?.type === "arguments" ? f.node.parent.parent : undefined;
  const wc = wrapper ? ctx.sx.call(wrapper) : undefined;
  if (wc && /^(defineEventHandler|eventHandler|defineHandler|defineLazyEventHandler)$/.test(wc.path.join(".")) && wrapper?.parent?.type === "export_statement") {
    make(wrapper.parent, "next", `${ctx.file} ${wc.path.join(".")}`, f, middleware);
    return;
  }
  if (f.node.type === "method_definition" && f.name === "fetch") {
    let obj: Node | null = f.node.parent;
    while (obj && obj.type !== "export_statement" && obj.type !== "program") obj = obj.parent;
    if (obj?.type === "export_statement") make(f.node, "worker", `${ctx.file} fetch`, f, false);
  }
}

/** True when the route is a conversational chat endpoint (by path, event or handler name). */
export function isChatRoute(r: RouteFact): boolean {
  const byName = chatness(r.name);
  if (byName === "chat" || byName === "task") return byName === "chat";
  const body = r.handler?.body;
  let hasMessages = false;
  /* A messages list the handler builds itself from a literal is a one-shot task prompt, not a conversation. */
  const built = new Set<string>();
  if (body) walk(body, (n) => {
    if (n.type === "variable_declarator" || n.type === "assignment") {
      const target = n.childForFieldName(n.type === "assignment" ? "left" : "name");
      const value = n.childForFieldName(n.type === "assignment" ? "right" : "value");
      if (target?.type === "identifier" && (value?.type === "array" || value?.type === "list")) built.add(target.text);
    }
  });
  if (body) walk(body, (n) => {
    const key = n.parent?.type === "keyword_argument" && n.parent.childForFieldName("name")?.id === n.id;
    /* `body.message`, `req.body.messages`; not a model result's `choices[0].message`. */
    /* A model result's `.message.content` / `choices[0].message` is not a sign of a conversation. */
    const readsResult = (m: Node): boolean => /choices|\bcontent\b|output/.test(m.childForFieldName("object")?.text ?? "") || ((m.parent?.type === "member_expression" || m.parent?.type === "attribute") && /^(content|text)$/.test(m.parent.childForFieldName(m.parent.type === "attribute" ? "attribute" : "property")?.text ?? ""));
    /* The SDK resource in `client.messages.create(...)` / `anthropic.messages.stream(...)` is not a conversation. */
    const sdkResource = (n.parent?.type === "attribute" || n.parent?.type === "member_expression") && n.parent.namedChildren[0]?.id !== n.id && (n.parent.parent?.type === "attribute" || n.parent.parent?.type === "member_expression") && /^(create|stream|parse|count_tokens|countTokens|batches|acreate)$/.test(n.parent.parent.namedChildren[n.parent.parent.namedChildren.length - 1]?.text ?? "");
    if (sdkResource) return;
    const member = n.type === "property_identifier" && n.parent?.type === "member_expression" && !readsResult(n.parent);
    const resultField = n.parent?.type === "attribute" && n.parent.childForFieldName("attribute")?.id === n.id && readsResult(n.parent);
    if ((n.type === "identifier" || n.type === "shorthand_property_identifier_pattern" || member) && !key && !resultField && !(n.type === "identifier" && built.has(n.text)) && /^(messages|message|user_message|userMessage|history|conversation|chat_history|chatHistory)$/.test(n.text)) hasMessages = true;
  });
  return hasMessages;
}
