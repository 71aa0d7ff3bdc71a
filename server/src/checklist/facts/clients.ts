import type { Node } from "../tree";
import { defsFor, localCallees, resolve } from "./context";
import type { ClientFact, Ctx, RetryState } from "./model";
import type { CallInfo } from "./syntax";

const SDK_CLIENTS: Record<string, string> = {
  OpenAI: "openai", AsyncOpenAI: "openai", AzureOpenAI: "azure", AsyncAzureOpenAI: "azure", Anthropic: "anthropic",
  AsyncAnthropic: "anthropic", AnthropicBedrock: "bedrock", AsyncAnthropicBedrock: "bedrock", AnthropicVertex: "vertex",
  Groq: "groq", AsyncGroq: "groq", Mistral: "mistral", Together: "together", OpenAIApi: "openai",
};
const LANGCHAIN_MODELS: Record<string, string> = {
  ChatOpenAI: "openai", AzureChatOpenAI: "azure", ChatAnthropic: "anthropic", ChatGoogleGenerativeAI: "google",
  ChatVertexAI: "google", ChatOllama: "ollama", Ollama: "ollama", ChatMistralAI: "mistral", ChatGroq: "groq",
  ChatBedrock: "bedrock", ChatBedrockConverse: "bedrock", ChatCohere: "cohere", ChatLiteLLM: "litellm", ChatFireworks: "fireworks",
  ChatTogether: "together", ChatDeepSeek: "deepseek", ChatXAI: "xai", init_chat_model: "langchain", initChatModel: "langchain",
};
const HTTP_CLIENTS = new Set(["httpx.Client", "httpx.AsyncClient", "requests.Session", "requests.session", "aiohttp.ClientSession", "ClientSession", "axios.create", "Session", "AsyncClient"]);
const TIMEOUT_KEYS = new Set(["timeout", "request_timeout", "timeout_ms", "timeoutMs", "read_timeout", "default_timeout", "default_request_timeout", "requestTimeout"]);
const MAX_TOKEN_KEYS = new Set(["max_tokens", "max_completion_tokens", "max_output_tokens", "maxTokens", "maxOutputTokens", "max_new_tokens", "maxCompletionTokens", "num_predict", "numPredict", "max_tokens_to_sample"]);

export { MAX_TOKEN_KEYS, TIMEOUT_KEYS };

function isLangchainModule(module: string | undefined): boolean {
  return !!module && /langchain/.test(module);
}

/** Numeric value of a named argument: a number, "unknown" for a non-literal, undefined when absent. */
export function numArg(ctx: Ctx, c: CallInfo, names: Set<string> | string[]): number | "unknown" | undefined {
  const set = names instanceof Set ? names : new Set(names);
  const a = c.named.find((x) => x.name !== undefined && set.has(x.name));
  if (!a) return undefined;
  return ctx.sx.num(a.value) ?? "unknown";
}

/** Retry state from max_retries/maxRetries/num_retries arguments. */
export function retryFromArgs(ctx: Ctx, c: CallInfo, fallback: RetryState): RetryState {
  const v = numArg(ctx, c, ["max_retries", "maxRetries", "num_retries", "numRetries", "retries"]);
  if (v === undefined) return fallback;
  return v === 0 ? "disabled" : "explicit";
}

/** True when a named argument (or a key nested in an options dict) is one of `keys`. */
export function hasKey(ctx: Ctx, c: CallInfo, keys: Set<string>): boolean {
  for (const a of c.named) {
    if (a.name && keys.has(a.name)) return true;
    const d = ctx.sx.dict(a.value);
    if (d && d.some((e) => e.key !== undefined && keys.has(e.key))) return true;
  }
  return false;
}

function providerOf(ctx: Ctx, c: CallInfo, base: string): string {
  const url = c.named.find((a) => a.name === "base_url" || a.name === "baseURL" || a.name === "api_base" || a.name === "basePath");
  if (!url) return base;
  return `${base}@${ctx.sx.str(url.value) ?? url.value.text}`;
}

const cache = new WeakMap<Ctx, Map<number, ClientFact | null>>();

/** Classifies a constructor call as a client, or returns undefined. */
export function classifyCtor(ctx: Ctx, c: CallInfo): ClientFact | undefined {
  let memo = cache.get(ctx);
  if (!memo) cache.set(ctx, (memo = new Map()));
  const hit = memo.get(c.node.id);
  if (hit !== undefined) return hit ?? undefined;
  const fact = classifyCtorUncached(ctx, ctx.callById.get(c.node.id) ?? c);
  memo.set(c.node.id, fact ?? null);
  return fact;
}

/**
 * True when a constructor takes its options from somewhere this file cannot read
 * (`OpenAI(**settings.client_kwargs())`, `new OpenAI({ ...config.openai })`): assume configured.
 */
function opaqueOptions(ctx: Ctx, c: CallInfo): boolean {
  const splats: Node[] = [];
  for (const a of c.argsNode?.namedChildren ?? []) {
    if (a?.type === "dictionary_splat") splats.push(a);
    if (a?.type === "object") for (const p of a.namedChildren) if (p?.type === "spread_element") splats.push(p);
  }
  return splats.some((sp) => {
    const inner = sp.namedChildren[0];
    if (!inner) return false;
    const v = resolve(ctx, inner);
    return !ctx.sx.dict(v);
  });
}

function classifyCtorUncached(ctx: Ctx, c: CallInfo): ClientFact | undefined {
  const name = c.path[c.path.length - 1] ?? "";
  const dotted = c.path.join(".");
  const imported = ctx.imports.get(c.path[0] ?? "");
  const httpClient = c.named.find((a) => a.name === "http_client" || a.name === "httpClient" || a.name === "fetchOptions")?.value;
  const httpTimeout = !!httpClient && /timeout/i.test(`${httpClient.text} ${resolve(ctx, httpClient).text}`);
  const gatewayFallback = c.named.some((a) => /config|headers|default_headers|defaultHeaders/.test(a.name ?? "") && /fallback/i.test(`${a.value.text} ${resolve(ctx, a.value).text}`));
  const base = { node: c.node, ctor: c, hasTimeout: httpTimeout || hasKey(ctx, c, TIMEOUT_KEYS) || opaqueOptions(ctx, c), hasMaxTokens: hasKey(ctx, c, MAX_TOKEN_KEYS), temperature: numArg(ctx, c, ["temperature"]), fallbacks: gatewayFallback, streaming: false } as const;
  if (LANGCHAIN_MODELS[name] !== undefined || ((name === "OpenAI" || name === "Anthropic") && isLangchainModule(imported?.module))) {
    const streaming = c.named.some((a) => a.name === "streaming" && ctx.sx.bool(a.value) === true);
    return { ...base, kind: "langchain", provider: providerOf(ctx, c, LANGCHAIN_MODELS[name] ?? name.toLowerCase()), retry: retryFromArgs(ctx, c, "default"), legacy: false, streaming };
  }
  if (SDK_CLIENTS[name] !== undefined) {
    const legacy = name === "OpenAIApi";
    return { ...base, kind: "sdk", provider: providerOf(ctx, c, SDK_CLIENTS[name] ?? name), retry: retryFromArgs(ctx, c, legacy ? "none" : "default"), legacy };
  }
  if (name === "Router" && (imported?.module === "litellm" || c.path[0] === "litellm")) {
    const fallbacks = c.named.some((a) => a.name === "fallbacks" || a.name === "context_window_fallbacks");
    /* Per-deployment `litellm_params: {"timeout": …}` in every model_list entry. */
    const entries = ctx.sx.list(resolve(ctx, c.named.find((a) => a.name === "model_list")?.value ?? c.node)) ?? [];
    const params = entries.map((e) => ctx.sx.dict(resolve(ctx, e))?.find((x) => x.key === "litellm_params")?.value);
    const deploymentTimeouts = params.length > 0 && params.every((v) => !!v && (ctx.sx.dict(resolve(ctx, v)) ?? []).some((x) => x.key !== undefined && TIMEOUT_KEYS.has(x.key)));
    if (deploymentTimeouts) return { ...base, hasTimeout: true, kind: "router", provider: "litellm-router", retry: retryFromArgs(ctx, c, "default"), legacy: false, fallbacks };
    return { ...base, kind: "router", provider: "litellm-router", retry: retryFromArgs(ctx, c, "default"), legacy: false, fallbacks };
  }
  if (HTTP_CLIENTS.has(dotted) || (HTTP_CLIENTS.has(name) && imported !== undefined)) {
    return { ...base, kind: "http", provider: "http", retry: httpRetry(ctx, c), legacy: false };
  }
  return undefined;
}

/**
 * The values a loop variable takes when `name` is the variable of an enclosing loop over a literal
 * list (`for (const client of [a, b]) axiosRetry(client)`, `[a, b].forEach((c) => axiosRetry(c))`).
 */
export function loopValues(ctx: Ctx, name: Node): Node[] {
  if (name.type !== "identifier") return [];
  for (let p = name.parent; p; p = p.parent) {
    if (ctx.sx.isLoop(p)) {
      const left = p.childForFieldName("left");
      const right = p.childForFieldName("right");
      if (left && right && (left.text === name.text || left.namedChildren.some((k) => k?.text === name.text))) return ctx.sx.list(resolve(ctx, right)) ?? [];
    }
    const f = ctx.sx.fn(p);
    if (f) {
      if (!f.params.includes(name.text)) continue;
      const call = p.parent?.type === "arguments" || p.parent?.type === "argument_list" ? p.parent.parent : undefined;
      const c = call ? ctx.sx.call(call) : undefined;
      const obj = c && /^(forEach|map|for_each)$/.test(c.path[c.path.length - 1] ?? "") ? c.callee.childForFieldName("object") : undefined;
      return obj ? ctx.sx.list(resolve(ctx, obj)) ?? [] : [];
    }
  }
  return [];
}

function httpRetry(ctx: Ctx, c: CallInfo): RetryState {
  const transport = c.named.find((a) => a.name === "transport");
  if (transport && /retries|retry/i.test(`${transport.value.text} ${resolve(ctx, transport.value).text}`)) return "explicit";
  const mounted = ctx.calls.some((x) => {
    const leaf = x.path[x.path.length - 1] ?? "";
    if (/^(axiosRetry|axios_retry|retryAxios)$/.test(leaf)) {
      /* axiosRetry(instance) retries that instance only; axiosRetry(axios) every client. */
      const target = x.positional[0];
      return !target || target.text === "axios" || resolve(ctx, target).id === c.node.id || loopValues(ctx, target).some((v) => resolve(ctx, v).id === c.node.id);
    }
    return (leaf === "mount" && x.positional.some((p) => /retr/i.test(p.text))) || leaf === "RetryClient";
  });
  return mounted ? "explicit" : "none";
}

const MODIFIERS = new Set(["with_options", "withOptions", "bind", "with_retry", "withRetry", "with_config", "withConfig", "with_structured_output", "withStructuredOutput", "bind_tools", "bindTools", "with_fallbacks", "withFallbacks", "copy"]);

/** Follows an expression to the client it denotes (variables, `self.x`, helpers, imports, chains). */
export function clientOf(ctx: Ctx, expr: Node, depth = 0): ClientFact | undefined {
  if (depth > 8) return undefined;
  const sx = ctx.sx;
  const u = sx.unwrap(expr);
  const c = sx.call(u);
  if (c) {
    const ctor = classifyCtor(ctx, c);
    if (ctor) return ctor;
    const leaf = c.path[c.path.length - 1] ?? "";
    if (MODIFIERS.has(leaf)) {
      const obj = u.childForFieldName(sx.lang === "python" ? "function" : "function")?.childForFieldName(sx.lang === "python" ? "object" : "object");
      const inner = obj ? clientOf(ctx, obj, depth + 1) : undefined;
      if (!inner) return undefined;
      const merged: ClientFact = { ...inner };
      if (hasKey(ctx, c, TIMEOUT_KEYS)) merged.hasTimeout = true;
      if (hasKey(ctx, c, MAX_TOKEN_KEYS)) merged.hasMaxTokens = true;
      const t = numArg(ctx, c, ["temperature"]);
      if (t !== undefined) merged.temperature = t;
      merged.retry = retryFromArgs(ctx, c, leaf.startsWith("with_retry") || leaf === "withRetry" ? "explicit" : inner.retry);
      if (leaf === "with_fallbacks" || leaf === "withFallbacks") merged.fallbacks = true;
      return merged;
    }
    for (const f of localCallees(ctx, c)) {
      for (const r of returnsOf(ctx, f.body)) {
        const found = clientOf(ctx, r, depth + 1);
        if (found) return found;
      }
    }
    for (const a of c.named.filter((x) => x.name === "llm" || x.name === "model" || x.name === "agent" || x.name === "runnable")) {
      const found = clientOf(ctx, a.value, depth + 1);
      if (found) return found;
    }
    if (leaf === "pipe" || leaf === "or") {
      const obj = c.callee.childForFieldName("object");
      for (const side of [obj, ...c.positional]) {
        const found = side ? clientOf(ctx, side, depth + 1) : undefined;
        if (found) return found;
      }
    }
    if (/chain|agent|executor/i.test(leaf)) {
      for (const p of c.positional) {
        const found = clientOf(ctx, p, depth + 1);
        if (found) return found;
      }
    }
    return importedClient(ctx, c.path);
  }
  if (u.type === "binary_operator" || u.type === "binary_expression") {
    for (const side of [u.childForFieldName("left"), u.childForFieldName("right")]) {
      const found = side ? clientOf(ctx, side, depth + 1) : undefined;
      if (found) return found;
    }
    return undefined;
  }
  const p = sx.path(u);
  if (!p) return undefined;
  for (const d of defsFor(ctx, p, u)) {
    if (d === u) continue;
    const found = clientOf(ctx, d, depth + 1);
    if (found) return found;
  }
  return importedClient(ctx, p);
}

function importedClient(ctx: Ctx, p: string[]): ClientFact | undefined {
  const root = p[0] ?? "";
  const imp = ctx.imports.get(root);
  if (!imp || !ctx.lookup) return undefined;
  const mod = ctx.lookup(ctx.file, imp.module);
  if (!mod) return undefined;
  const name = imp.name === "*" || imp.name === "default" ? (p[1] ?? imp.name) : imp.name;
  return mod.clients.get(name) ?? (imp.name === "default" ? mod.clients.get("default") : undefined);
}

/** Expressions returned from a function body (arrow functions with expression bodies included). */
export function returnsOf(ctx: Ctx, body: Node): Node[] {
  if (body.type !== "block" && body.type !== "statement_block") return [body];
  const out: Node[] = [];
  const stack: Node[] = [body];
  while (stack.length > 0) {
    const n = stack.pop() as Node;
    const r = ctx.sx.returnValue(n);
    if (r) out.push(r);
    if (ctx.sx.fn(n) && n !== body) continue;
    for (const k of n.namedChildren) if (k) stack.push(k);
  }
  return out;
}
