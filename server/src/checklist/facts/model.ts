import type { Node } from "../tree";
import type { CallInfo, FnInfo, Syntax } from "./syntax";

/** How retries are configured for a client or call. */
export type RetryState = "default" | "disabled" | "explicit" | "none";

/** A client object: an LLM SDK client, a LangChain model, an HTTP client or a LiteLLM router. */
export type ClientFact = {
  node: Node;
  kind: "sdk" | "langchain" | "http" | "router" | "module";
  provider: string;
  hasTimeout: boolean;
  retry: RetryState;
  hasMaxTokens: boolean;
  temperature: number | "unknown" | undefined;
  legacy: boolean;
  fallbacks: boolean;
  streaming: boolean;
  /** The call (constructor) quick fixes edit, when there is one in this file. */
  ctor?: CallInfo;
  /** The file the client was constructed in, when it came through an import. */
  file?: string;
};

/** A generation call: SDK, LangChain, LiteLLM, AI SDK or raw HTTP to an LLM endpoint. */
export type GenCall = {
  call: CallInfo;
  api: "openai" | "anthropic" | "litellm" | "langchain" | "http" | "ai-sdk";
  kind: "chat" | "completion" | "responses" | "messages" | "invoke";
  provider: string;
  client?: ClientFact;
  /** True when the call's client comes from somewhere this analysis cannot see (a parameter). */
  clientUnknown?: boolean;
  legacy: boolean;
  stream: boolean;
  hasTimeout: boolean;
  retry: RetryState;
  hasMaxTokens: boolean | "unknown";
  temperature: number | "unknown" | undefined;
  includeUsage: boolean;
  /** The `messages`/`input`/`prompt` argument, when present. */
  messages?: Node;
  /** The request body dict/object for raw HTTP calls. */
  body?: Node;
  fn: FnInfo | undefined;
  resultVar?: string;
  resultUse: "discarded" | "assigned" | "returned" | "inline";
  /** Where config-level findings go (LangChain constructor), defaults to the call. */
  configNode: Node;
  /** An unbounded LangChain buffer memory attached to the chain this call runs. */
  memory?: Node;
  /** Where quick fixes add config arguments (client constructor or call). */
  configCall?: CallInfo;
};

/** A route, socket handler, bot handler or worker entry point. */
export type RouteFact = {
  node: Node;
  kind: "http" | "ws" | "socket" | "bot" | "worker" | "next";
  name: string;
  handler?: FnInfo;
  limited: boolean;
  triggersLlm: boolean;
  streams: boolean;
};

/** Resolves a relative import to another file's client/LLM-function facts (cross-file). */
export type ModuleLookup = ((fromFile: string, module: string) => ModuleExports | undefined) & {
  /** Whether a framework middleware next to `file` (Next.js middleware.ts) rate-limits requests. */
  middlewareLimits?: (file: string) => boolean;
};

/** What a module offers to its importers: clients and functions that make LLM calls. */
export type ModuleExports = {
  clients: Map<string, ClientFact>;
  llmFunctions: Set<string>;
  /** True when the module applies a rate limiter (e.g. a Next.js middleware.ts). */
  limits?: boolean;
};

/** Per-file extraction context shared by the fact builders. */
export type Ctx = {
  sx: Syntax;
  root: Node;
  file: string;
  calls: CallInfo[];
  /** The indexed calls by node id (their named arguments include expanded option objects). */
  callById: Map<number, CallInfo>;
  fns: FnInfo[];
  fnByName: Map<string, FnInfo[]>;
  defs: Map<string, { value: Node; node: Node; fn: FnInfo | undefined }[]>;
  imports: Map<string, { module: string; name: string }>;
  lookup: ModuleLookup | undefined;
  enclosing(n: Node): FnInfo | undefined;
};
