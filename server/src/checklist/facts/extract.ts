import type { Mirror, Node } from "../tree";
import { cacheWrites, type CacheWrite } from "./caches";
import { classifyGenCall } from "./calls";
import { classifyCtor } from "./clients";
import { buildCtx } from "./context";
import { corsWildcards, type CorsFact } from "./cors";
import { fallbackChains, fieldReads, finishChecked, retriedByCallers, usageRecorded } from "./flow";
import { growingRoots, unboundedHistory } from "./history";
import type { ClientFact, Ctx, GenCall, ModuleExports, ModuleLookup, RouteFact } from "./model";
import { FINISH_FIELDS, isLimiterName, isUsageRecorderName, USAGE_FIELDS } from "./names";
import { findRoutes, isChatRoute, triggersLlm } from "./routes";
import { findSecrets } from "./secrets";
import { piiInterpolations, rawPromptLogs, systemInterpolations } from "./statements";
import { indexTree, nodesOfType, walk, type Syntax } from "./syntax";

const COMMENTS = new Set(["comment"]);

/** A generation call with the flow facts the rules need. */
export type GenFact = GenCall & { finishChecked: boolean; usageRecorded: boolean; inFallbackChain: boolean; retryWrapped: boolean; history?: Node };

/** A route with whether it is a conversational chat endpoint. */
export type RouteInfo = RouteFact & { chat: boolean };

/** Everything the rules know about one file. */
export type FileFacts = {
  file: string;
  text: string;
  root: Node;
  sx: Syntax;
  isTestFile: boolean;
  gens: GenFact[];
  routes: RouteInfo[];
  secrets: Node[];
  cors: CorsFact[];
  promptLogs: Node[];
  systemInterpolations: Node[];
  pii: Node[];
  caches: CacheWrite[];
  exports: ModuleExports;
  /** Comment nodes (inline disables are read from them). */
  comments: Node[];
};

/** Builds the facts of one parsed file. `lookup` resolves imports of shared client modules. */
export function extractFacts(sx: Syntax, tree: Mirror, file: string, text: string, lookup: ModuleLookup | undefined, withExports = true): FileFacts {
  const root = tree.root;
  const restore = indexTree(root, tree.nodes, text);
  try {
    return extractIndexed(sx, root, file, text, lookup, withExports);
  } finally {
    restore();
  }
}

function extractIndexed(sx: Syntax, root: Node, file: string, text: string, lookup: ModuleLookup | undefined, withExports: boolean): FileFacts {
  const ctx = buildCtx(sx, root, file, lookup);
  const gens: GenCall[] = [];
  for (const c of ctx.calls) {
    const g = classifyGenCall(ctx, c);
    if (g) gens.push(g);
  }
  const helperChecks = ctx.calls.filter((c) => /finish|truncat|ensure_complete|check_complete|stop_reason/i.test(c.path.join("."))).map((c) => c.node);
  const finishReads = [...fieldReads(ctx, FINISH_FIELDS), ...helperChecks];
  const statusReads = fieldReads(ctx, new Set(["status"]));
  const usageReads = fieldReads(ctx, USAGE_FIELDS);
  const recorders = ctx.calls.filter((c) => isUsageRecorderName(c.path.join("."))).map((c) => c.node);
  const instrumented = [...ctx.imports.values()].some((i) => /langfuse|helicone|openlit|traceloop|agentops|langsmith|portkey|opentelemetry|openinference|weave|braintrust/i.test(i.module));
  const globalUsage = instrumented || ctx.calls.some((c) => /set_llm_cache|success_callback|callbacks/.test(c.path.join("."))) || fieldReads(ctx, new Set(["success_callback"])).length > 0;
  const chains = fallbackChains(ctx, gens);
  const roots = growingRoots(ctx);
  const genFacts: GenFact[] = gens.map((g) => {
    const f: GenFact = {
      ...g,
      finishChecked: finishChecked(ctx, g, finishReads, statusReads),
      usageRecorded: usageRecorded(ctx, g, usageReads, recorders, globalUsage),
      inFallbackChain: chains.has(g),
      retryWrapped: retryWrapped(ctx, g),
    };
    const h = unboundedHistory(ctx, g, roots) ?? g.memory;
    if (h) f.history = h;
    return f;
  });
  const routes = findRoutes(ctx, gens).map((r) => ({ ...r, chat: isChatRoute(r) }));
  const base = file.split(/[/\\]/).slice(-2);
  const isTestFile = /^(__tests__|tests)$/.test(base[0] ?? "") || /^test_.*\.py$|_test\.py$|^conftest\.py$|\.(test|spec)\.[cm]?[jt]sx?$/.test(base[1] ?? "");
  /* Tests exercise code with fakes; only credential literals are production concerns there. */
  const production = !isTestFile;
  return {
    file, text, root, sx, isTestFile,
    gens: production ? genFacts : [],
    routes: production ? routes : [],
    secrets: findSecrets(ctx, isTestFile),
    cors: production ? corsWildcards(ctx) : [],
    promptLogs: production ? rawPromptLogs(ctx, gens) : [],
    systemInterpolations: production ? systemInterpolations(ctx, gens) : [],
    pii: production ? piiInterpolations(ctx, gens) : [],
    caches: production ? cacheWrites(ctx, gens) : [],
    exports: withExports ? moduleExports(ctx, gens) : { clients: new Map(), llmFunctions: new Set() },
    comments: nodesOfType(COMMENTS, root),
  };
}

/** True when the call's function is run through a retry helper elsewhere in the file (withRetry(() => f(x))). */
function retryWrapped(ctx: Ctx, g: GenCall): boolean {
  const name = g.fn?.name;
  if (!name) return false;
  if (retriedByCallers(ctx, g)) return true;
  return ctx.calls.some((c) => {
    if (!/retry|backoff|with_retries|retrying/i.test(c.path.join(".")) || !c.argsNode) return false;
    let found = false;
    walk(c.argsNode, (n) => {
      if (n.type === "identifier" && n.text === name) found = true;
      return !found;
    });
    return found;
  });
}

function moduleExports(ctx: Ctx, gens: GenCall[]): ModuleExports {
  const clients = new Map<string, ClientFact>();
  for (const [key, defs] of ctx.defs) {
    const d = defs.find((x) => !x.fn);
    if (!d || key.includes(".")) continue;
    const c = ctx.sx.call(ctx.sx.unwrap(d.value));
    const fact = c ? classifyCtor(ctx, c) : undefined;
    if (fact) clients.set(key, { ...fact, file: ctx.file });
  }
  const llmFunctions = new Set<string>();
  for (const f of ctx.fns) {
    if (!f.name) continue;
    if (triggersLlm(ctx, f.body, gens)) llmFunctions.add(f.name);
  }
  for (const g of gens) {
    for (let p = g.call.node.parent; p; p = p.parent) {
      if (p.type === "class_definition" || p.type === "class_declaration") {
        const name = p.childForFieldName("name")?.text;
        if (name) llmFunctions.add(name);
      }
    }
  }
  const limits = ctx.calls.some((c) => isLimiterName(c.path.join(".")));
  return { clients, llmFunctions, limits };
}
