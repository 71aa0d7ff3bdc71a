import type { Node } from "../tree";
import { clientOf, hasKey, MAX_TOKEN_KEYS, numArg, retryFromArgs, TIMEOUT_KEYS } from "./clients";
import { resolve } from "./context";
import type { ClientFact, Ctx, GenCall } from "./model";
import type { CallInfo } from "./syntax";

const LLM_URL = /\/chat\/completions|\/v1\/completions|\/v1\/messages|\/v1\/responses|api\.openai\.com\/v1\/(chat|responses|completions)|api\.anthropic\.com|generativelanguage\.googleapis\.com|openrouter\.ai\/api|api\.groq\.com|api\.mistral\.ai\/v1\/chat|(:\/\/|\}|:\d+)[^\s\"'`]*\/api\/(chat|generate)\b|api\.together\.xyz|api\.deepseek\.com/;
const HTTP_VERBS = new Set(["post", "request", "fetch", "send"]);
const LC_METHODS = new Set(["invoke", "ainvoke", "stream", "astream", "batch", "abatch", "predict", "apredict", "run", "arun", "call", "generate", "agenerate", "predict_messages"]);
const AI_SDK = new Set(["generateText", "streamText", "generateObject", "streamObject"]);

/** Resolves an expression to a string constant (literal, or variable/f-string/template prefix). */
export function stringish(ctx: Ctx, n: Node): string | undefined {
  const r = resolve(ctx, n);
  const s = ctx.sx.str(r);
  if (s !== undefined) return s;
  if (r.type === "string" || r.type === "template_string" || ctx.sx.interpolated(r)) return r.text;
  const c = ctx.sx.call(r);
  if (c && (c.path.join(".") === "new.URL" || c.path[c.path.length - 1] === "URL" || c.path[c.path.length - 1] === "urljoin") && c.positional[0]) return stringish(ctx, c.positional[0]);
  return undefined;
}

function named(c: CallInfo, ...names: string[]): Node | undefined {
  return c.named.find((a) => a.name !== undefined && names.includes(a.name))?.value;
}

function truthy(ctx: Ctx, n: Node | undefined): boolean {
  if (!n) return false;
  const b = ctx.sx.bool(ctx.sx.unwrap(n));
  return b !== false;
}

function resultUse(ctx: Ctx, call: Node): { use: GenCall["resultUse"]; resultVar?: string } {
  let n = call;
  let p = n.parent;
  while (p && (p.type === "await" || p.type === "await_expression" || p.type === "parenthesized_expression")) {
    n = p;
    p = p.parent;
  }
  if (!p) return { use: "discarded" };
  if (p.type === "expression_statement") return { use: "discarded" };
  if (p.type === "return_statement" || p.type === "arrow_function") return { use: "returned" };
  const a = ctx.sx.assignment(p);
  if (a && a.value.startIndex <= n.startIndex && a.value.endIndex >= n.endIndex) {
    const path = a.targets[0] ? ctx.sx.path(a.targets[0]) : undefined;
    return path ? { use: "assigned", resultVar: path.join(".") } : { use: "inline" };
  }
  if (p.type === "as_pattern" || p.type === "with_item") return { use: "assigned" };
  return { use: "inline" };
}

function sdkKind(path: string[]): GenCall["kind"] | undefined {
  const s = path.slice(-3).join(".");
  const last = path[path.length - 1] ?? "";
  if (/chat\.completions\.(create|parse|stream)$/.test(path.join("."))) return "chat";
  if (/^(ChatCompletion|Completion)\.(create|acreate)$/.test(path.slice(-2).join("."))) return "chat";
  if (last === "createChatCompletion" || last === "createCompletion") return "chat";
  if (/responses\.(create|parse|stream)$/.test(s)) return "responses";
  if (/messages\.(create|stream)$/.test(s)) return "messages";
  if (/completions\.create$/.test(s)) return "completion";
  return undefined;
}

function base(ctx: Ctx, c: CallInfo, client: ClientFact | undefined): Pick<GenCall, "call" | "fn" | "resultUse" | "configNode" | "includeUsage" | "resultVar" | "legacy"> {
  const r = resultUse(ctx, c.node);
  const g: Pick<GenCall, "call" | "fn" | "resultUse" | "configNode" | "includeUsage" | "resultVar" | "legacy"> = {
    call: c, fn: ctx.enclosing(c.node), resultUse: r.use, configNode: c.node, legacy: client?.legacy ?? false,
    includeUsage: c.named.some((a) => a.name === "stream_options" || a.name === "streamOptions") && /include_usage|includeUsage/.test(c.named.map((a) => a.value.text).join(" ")),
  };
  if (r.resultVar) g.resultVar = r.resultVar;
  return g;
}

/** Classifies a call as a generation call (or not), with its client and arguments. */
export function classifyGenCall(ctx: Ctx, c: CallInfo): GenCall | undefined {
  const path = c.path;
  const last = path[path.length - 1] ?? "";
  const imported = ctx.imports.get(path[0] ?? "");
  if (last === "embed" || path.includes("embeddings")) return undefined;
  const kind = sdkKind(path);
  const calleeObj = (): Node | undefined => {
    const f = c.callee;
    return f.childForFieldName("object") ?? undefined;
  };
  if (kind) {
    const legacyModule = path.length === 3 && /^(ChatCompletion|Completion)$/.test(path[1] ?? "");
    let receiver = calleeObj();
    for (let i = 0; i < (kind === "chat" && !legacyModule && path.includes("chat") ? 2 : 1) && receiver; i++) receiver = receiver.childForFieldName("object") ?? undefined;
    if (path.includes("beta") && receiver?.childForFieldName("object")) receiver = receiver.childForFieldName("object") ?? receiver;
    const client = legacyModule ? undefined : receiver ? clientOf(ctx, receiver) : undefined;
    if (kind === "messages" && client?.provider.startsWith("anthropic") !== true && client?.provider !== "bedrock" && client?.provider !== "vertex") {
      if (!(c.named.some((a) => a.name === "model") && c.named.some((a) => a.name === "messages"))) return undefined;
    }
    const api: GenCall["api"] = kind === "messages" ? "anthropic" : "openai";
    const legacy = legacyModule || (client?.legacy ?? false) || last === "createChatCompletion" || last === "createCompletion";
    const retryBase = client ? client.retry : legacy ? "none" : "default";
    const g: GenCall = {
      ...base(ctx, c, client), api, kind, legacy,
      provider: client?.provider ?? (api === "anthropic" ? "anthropic" : "openai"),
      stream: last === "stream" || truthy(ctx, bodyValue(ctx, c, "stream")),
      hasTimeout: hasKey(ctx, c, TIMEOUT_KEYS) || signalTimeout(ctx, c) || (client?.hasTimeout ?? false),
      retry: retryFromArgs(ctx, c, retryBase),
      hasMaxTokens: api === "anthropic" || bodyHasKey(ctx, c, MAX_TOKEN_KEYS) || (client?.hasMaxTokens ?? false) || spreadArgs(c) || (opaqueBody(ctx, c) ? "unknown" : false),
      temperature: numArg(ctx, c, ["temperature"]) ?? client?.temperature,
    };
    if (client) g.client = client;
    if (client?.ctor) g.configCall = client.ctor;
    const root = receiver ? ctx.sx.path(receiver)?.[0] : undefined;
    if (!client && !legacyModule && root !== undefined && !/^(openai|anthropic)$/.test(root)) g.clientUnknown = true;
    const temp = bodyValue(ctx, c, "temperature");
    if (temp && g.temperature === undefined) g.temperature = ctx.sx.num(temp) ?? "unknown";
    const m = named(c, "messages", "input", "prompt") ?? bodyValue(ctx, c, "messages");
    if (m) g.messages = m;
    return g;
  }
  const isLitellm = (last === "completion" || last === "acompletion") && (path[0] === "litellm" || imported?.module === "litellm");
  const router = (last === "completion" || last === "acompletion") && path.length > 1 ? clientOf(ctx, calleeObj() ?? c.callee) : undefined;
  if (isLitellm || router?.kind === "router") {
    const model = named(c, "model");
    const g: GenCall = {
      ...base(ctx, c, router), api: "litellm", kind: "chat",
      provider: router?.provider ?? `litellm:${model ? stringish(ctx, model) ?? model.text : "?"}`,
      stream: truthy(ctx, named(c, "stream")),
      hasTimeout: hasKey(ctx, c, TIMEOUT_KEYS) || signalTimeout(ctx, c) || (router?.hasTimeout ?? false) || ctx.defs.has("litellm.request_timeout") || ctx.defs.has("litellm.timeout"),
      retry: retryFromArgs(ctx, c, router?.retry ?? "default"),
      hasMaxTokens: hasKey(ctx, c, MAX_TOKEN_KEYS) || spreadArgs(c),
      temperature: numArg(ctx, c, ["temperature"]),
    };
    if (router) g.client = router;
    const m = named(c, "messages");
    if (m) g.messages = m;
    return g;
  }
  if (AI_SDK.has(last) && (imported?.module === "ai" || path.length === 1) && ctx.imports.get(last)?.module === "ai") {
    const model = named(c, "model");
    const g: GenCall = {
      ...base(ctx, c, undefined), api: "ai-sdk", kind: "chat",
      provider: model ? (ctx.sx.call(ctx.sx.unwrap(model))?.path[0] ?? model.text) : "ai",
      stream: last.startsWith("stream"),
      hasTimeout: c.named.some((a) => a.name === "abortSignal" && /timeout/i.test(a.value.text)) || hasKey(ctx, c, TIMEOUT_KEYS),
      retry: retryFromArgs(ctx, c, "default"),
      hasMaxTokens: hasKey(ctx, c, MAX_TOKEN_KEYS) || spreadArgs(c),
      temperature: numArg(ctx, c, ["temperature"]),
    };
    const m = named(c, "messages", "prompt");
    if (m) g.messages = m;
    return g;
  }
  if ((LC_METHODS.has(last) && path.length >= 2) || (path.length === 1 && !ctx.fnByName.has(last))) {
    const recv = path.length === 1 ? c.callee : calleeObj();
    const client = recv ? clientOf(ctx, recv) : undefined;
    if (client?.kind === "langchain") {
      const g: GenCall = {
        ...base(ctx, c, client), api: "langchain", kind: "invoke", provider: client.provider,
        stream: last.includes("stream") || client.streaming,
        hasTimeout: client.hasTimeout || hasKey(ctx, c, TIMEOUT_KEYS) || signalTimeout(ctx, c),
        retry: client.retry, hasMaxTokens: client.hasMaxTokens || client.provider.startsWith("anthropic"),
        temperature: client.temperature, client, configNode: client.file ? c.node : client.node,
      };
      if (client.ctor) g.configCall = client.ctor;
      const memory = recv ? bufferMemory(ctx, recv) : undefined;
      if (memory) g.memory = memory;
      return g;
    }
  }
  return classifyHttp(ctx, c);
}

/** True when a JS SDK call's request body is not an object literal we can read (built elsewhere). */
function opaqueBody(ctx: Ctx, c: CallInfo): boolean {
  const first = c.positional[0];
  if (ctx.sx.lang !== "js" || !first) return false;
  return resolve(ctx, first).type !== "object";
}

/** hasKey, also looking into a JS request body passed as a variable holding an object literal. */
function bodyHasKey(ctx: Ctx, c: CallInfo, keys: Set<string>): boolean {
  if (hasKey(ctx, c, keys)) return true;
  const first = c.positional[0];
  if (ctx.sx.lang !== "js" || !first || first.type === "object") return false;
  const d = ctx.sx.dict(resolve(ctx, first));
  return !!d && d.some((e) => e.key !== undefined && keys.has(e.key));
}

function bodyValue(ctx: Ctx, c: CallInfo, name: string): Node | undefined {
  const direct = named(c, name);
  if (direct) return direct;
  const first = c.positional[0];
  if (ctx.sx.lang !== "js" || !first || first.type === "object") return undefined;
  return ctx.sx.dict(resolve(ctx, first))?.find((e) => e.key === name)?.value;
}

/** A `memory=` argument holding an unbounded buffer memory on the chain a call runs. */
function bufferMemory(ctx: Ctx, recv: Node): Node | undefined {
  const ctor = ctx.sx.call(resolve(ctx, recv));
  const mem = ctor?.named.find((a) => a.name === "memory");
  if (!mem) return undefined;
  const v = ctx.sx.call(resolve(ctx, mem.value));
  return v && /^(ConversationBufferMemory|BufferMemory|ChatMessageHistory)$/.test(v.path[v.path.length - 1] ?? "") ? mem.value : undefined;
}

function spreadArgs(c: CallInfo): boolean {
  return c.argsNode?.namedChildren.some((a) => a?.type === "dictionary_splat" || a?.type === "spread_element" || (a?.type === "object" && a.namedChildren.some((p) => p?.type === "spread_element"))) ?? false;
}

/** True when the call runs under an enclosing timeout (asyncio.wait_for, asyncio.timeout, fail_after). */
function timeoutAround(ctx: Ctx, c: CallInfo): boolean {
  for (let p = c.node.parent; p && !ctx.sx.fn(p); p = p.parent) {
    const outer = ctx.sx.call(p);
    if (outer && /(^|\.)(wait_for|timeout|fail_after|move_on_after|pTimeout|withTimeout)$/.test(outer.path.join("."))) return true;
    if (p.type === "with_statement" && /(asyncio|async_timeout|anyio|trio)\.(timeout|fail_after|move_on_after)/.test(p.namedChildren[0]?.text ?? "")) return true;
  }
  return false;
}

function signalTimeout(ctx: Ctx, c: CallInfo): boolean {
  if (timeoutAround(ctx, c)) return true;
  const s = named(c, "signal", "abortSignal");
  if (!s) return false;
  const r = resolve(ctx, s);
  if (/timeout/i.test(r.text) || /timeout/i.test(s.text)) return true;
  const owner = ctx.sx.path(s)?.[0];
  return !!owner && ctx.calls.some((x) => x.path.join(".") === "setTimeout" && x.node.text.includes(`${owner}.abort`));
}

/** A relative URL joined to the base URL of the HTTP client it is called on (`axios.create({ baseURL })`, `httpx.Client(base_url=...)`). */
function withBaseUrl(ctx: Ctx, c: CallInfo, url: string): string {
  if (/^[a-z]+:\/\//i.test(url)) return url;
  const recv = c.callee.childForFieldName("object");
  const ctor = recv ? ctx.sx.call(resolve(ctx, recv)) : undefined;
  const base = ctor ? named(ctor, "baseURL", "base_url", "prefixUrl") : undefined;
  const b = base ? stringish(ctx, base) : undefined;
  return b ? `${b.replace(/\/$/, "")}/${url.replace(/^\//, "")}` : url;
}

/** `axiosRetry(axios, …)`: every request through the default axios instance is retried. */
function axiosRetried(ctx: Ctx): boolean {
  return ctx.calls.some((x) => /^(axiosRetry|axios_retry|retryAxios)$/.test(x.path[x.path.length - 1] ?? "") && (x.positional.length === 0 || x.positional[0]?.text === "axios"));
}

/** `const fetch = fetchRetry(globalThis.fetch, { retries: 3 })`: the local `fetch` retries. */
function fetchRetried(ctx: Ctx, c: CallInfo): boolean {
  const d = ctx.sx.call(resolve(ctx, c.callee));
  return !!d && /retry|retries|backoff/i.test(d.path.join("."));
}

function classifyHttp(ctx: Ctx, c: CallInfo): GenCall | undefined {
  const path = c.path;
  const last = path[path.length - 1] ?? "";
  const isFetch = path.length === 1 && last === "fetch";
  const isAxios = path[0] === "axios" || (path.length === 1 && last === "axios");
  if (!isFetch && !isAxios && !HTTP_VERBS.has(last)) return undefined;
  const urlNode = c.positional[0] ?? named(c, "url");
  if (!urlNode || c.positional.some((p) => ctx.sx.fn(p))) return undefined;
  const url = withBaseUrl(ctx, c, stringish(ctx, urlNode) ?? "");
  let bodyNode: Node | undefined;
  let optsNode: Node | undefined;
  if (isFetch) {
    optsNode = c.positional[1];
    const opts = optsNode ? ctx.sx.dict(resolve(ctx, optsNode)) : undefined;
    const b = opts?.find((e) => e.key === "body")?.value;
    if (b) {
      const inner = ctx.sx.call(ctx.sx.unwrap(b));
      bodyNode = inner && inner.path.join(".") === "JSON.stringify" && inner.positional[0] ? inner.positional[0] : b;
    }
  } else if (isAxios) {
    bodyNode = c.positional[1];
    optsNode = c.positional[2];
  } else {
    bodyNode = named(c, "json", "data", "content");
    /* An axios/got/ky instance: `http.post(url, body, config)`. */
    if (!bodyNode && ctx.sx.lang === "js" && c.positional[1]?.type === "object") {
      bodyNode = c.positional[1];
      optsNode = c.positional[2];
    }
  }
  const body = bodyNode ? resolve(ctx, bodyNode) : undefined;
  const bodyDict = body ? ctx.sx.dict(body) : undefined;
  const looksLlm = LLM_URL.test(url) || (bodyDict?.some((e) => e.key === "messages") === true && bodyDict.some((e) => e.key === "model"));
  if (!looksLlm || /embeddings/.test(url)) return undefined;
  const recv = c.callee.childForFieldName("object");
  const client = recv ? clientOf(ctx, recv) : undefined;
  const optsDict = optsNode ? ctx.sx.dict(resolve(ctx, optsNode)) : undefined;
  const optTimeout = optsDict?.some((e) => e.key === "timeout" || (e.key === "signal" && /timeout/i.test(resolve(ctx, e.value).text + e.value.text))) ?? false;
  const hasMax = bodyDict ? (bodyDict.some((e) => e.key !== undefined && MAX_TOKEN_KEYS.has(e.key)) || bodyDict.some((e) => !e.key && /\*\*|\.\.\./.test(e.keyNode.parent?.text ?? ""))) : "unknown";
  const tempEntry = bodyDict?.find((e) => e.key === "temperature");
  const anthropic = /anthropic|\/v1\/messages/.test(url);
  const g: GenCall = {
    ...base(ctx, c, client), api: "http", kind: /responses/.test(url) ? "responses" : anthropic ? "messages" : "chat",
    provider: `http:${url.replace(/^https?:\/\//, "").split("/")[0] ?? url}`,
    stream: bodyDict?.some((e) => e.key === "stream" && ctx.sx.bool(e.value) !== false) ?? false,
    hasTimeout: path[0] === "ky" || hasKey(ctx, c, TIMEOUT_KEYS) || signalTimeout(ctx, c) || optTimeout || (client?.hasTimeout ?? false) || (isAxios && ctx.defs.has("axios.defaults.timeout")),
    retry: path[0] === "ky" || path[0] === "got" ? "default" : isAxios && axiosRetried(ctx) ? "explicit" : isFetch && fetchRetried(ctx, c) ? "explicit" : client?.retry ?? "none",
    hasMaxTokens: anthropic ? true : hasMax,
    temperature: tempEntry ? ctx.sx.num(tempEntry.value) ?? "unknown" : undefined,
  };
  if (client) g.client = client;
  if (body) g.body = body;
  const m = bodyDict?.find((e) => e.key === "messages" || e.key === "prompt" || e.key === "input")?.value;
  if (m) g.messages = m;
  g.includeUsage = /include_usage/.test(body?.text ?? "");
  return g;
}
