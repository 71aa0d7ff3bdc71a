/**
 * The LSP adapter: capabilities, handler registration, and the one place where thrown errors
 * become ResponseErrors. All logic lives in the Core (core/) and feature modules.
 * `createServer(connection, deps)` lets tests run the server over in-memory streams.
 */
import { TextDocuments, ResponseError, type CancellationToken, type Connection, type InitializeParams, type InitializeResult } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { URI } from "vscode-uri";
import { ErrorCode, type ErrorData } from "../../shared/src/errors";
import { fromRaw, formatModelRef, type Settings } from "../../shared/src/settings";
import {
  ChatChunkNotification, ChatEventNotification, ChatRequest, FeedbackRequest, GetSecretRequest, ListTemplatesRequest, PreviewRedactionRequest,
  ReviewRequest, SecretsChangedNotification, ServerStatusNotification, BudgetStatusNotification, SetBudgetRequest, DashboardDataRequest,
  CacheStatsRequest, ClearCacheRequest, type ChatParams, type ReviewParams, type SetBudgetParams,
} from "../../shared/src/lsp";
import { isRecord, isString } from "../../shared/src/is";
import { PipelineError, toPipelineError } from "./errors";
import type { ChatHooks } from "./core/runChat";
import type { Core, CoreOptions } from "./core/types";
import { storeDirsFor } from "./core/storeDirs";
import { checklistCapabilities, registerChecklist } from "./lsp/checklist";
import { registerTemplates } from "./lsp/templates";
import { checklistSettingsFromRaw } from "./checklist/settings";

export type ServerDeps = {
  /** Folder holding the tree-sitter wasm files (next to the bundle); node_modules is the fallback. */
  wasmDir?: string;
  createCore(opts: CoreOptions): Promise<Core>;
  /** Environment for key fallback when the client cannot answer getSecret (e.g. Neovim). */
  env: NodeJS.ProcessEnv;
  version: string;
};

const ENV_KEYS = { openai: "OPENAI_API_KEY", anthropic: "ANTHROPIC_API_KEY", compatible: "PREFLIGHT_COMPATIBLE_API_KEY" } as const;

function checkChatParams(p: unknown): ChatParams {
  const ok =
    isRecord(p) && isString(p.streamId) && isString(p.text) && Array.isArray(p.history) &&
    p.history.every((t) => isRecord(t) && (t.role === "user" || t.role === "assistant") && isString(t.content)) &&
    (p.attachments === undefined || (Array.isArray(p.attachments) && p.attachments.every((a) => isRecord(a) && isString(a.name) && isString(a.text) && (a.channel === "code" || a.channel === "document"))));
  if (!ok) throw new ResponseError(ErrorCode.InvalidParams, "preflight/chat needs { streamId: string, text: string, history: {role, content}[], attachments?: {name, text, channel}[] }.");
  return p as ChatParams;
}

function checkReviewParams(p: unknown): ReviewParams {
  const ok = isRecord(p) && isString(p.streamId) && isString(p.uri) && isString(p.text) && typeof p.startLine === "number" && p.startLine >= 0 && isString(p.languageId);
  if (!ok) throw new ResponseError(ErrorCode.InvalidParams, "preflight/review needs { streamId, uri, text, startLine: number, languageId }.");
  return p as ReviewParams;
}

/** Turns anything a handler threw into the one ResponseError shape the client understands. */
function toResponseError(err: unknown, aborted: boolean, log: (m: string) => void): ResponseError<ErrorData> {
  if (err instanceof ResponseError) return new ResponseError<ErrorData>(err.code, err.message, { code: err.code as ErrorData["code"], message: err.message });
  const e = toPipelineError(aborted ? Object.assign(new Error("cancelled"), { name: "AbortError" }) : err);
  if (e.code === ErrorCode.Internal) log(err instanceof Error ? err.stack ?? err.message : String(err));
  return new ResponseError(e.code, e.message, e.toData());
}

export function createServer(conn: Connection, deps: ServerDeps): { documents: TextDocuments<TextDocument> } {
  const documents = new TextDocuments(TextDocument);
  let core: Core | undefined;
  let coreReady: Promise<Core> | undefined;
  let init: InitializeParams | undefined;
  let settings: Settings = fromRaw({}).settings;
  let clientAnswersSecrets = false;
  let rawSettings: unknown = {};
  let folders: string[] = [];
  let spendWatch: { dispose(): void } | undefined;

  const log = (message: string) => conn.console.log(message);

  const sendStatus = (state: "starting" | "ready" | "error", message?: string) => {
    void conn.sendNotification(ServerStatusNotification, {
      state,
      demoModel: settings.model.provider === "demo",
      model: formatModelRef(settings.model),
      ...(message !== undefined ? { message } : {}),
    });
  };

  const getKey = async (kind: "openai" | "anthropic" | "compatible"): Promise<string | null> => {
    if (clientAnswersSecrets) {
      const key = await conn.sendRequest(GetSecretRequest, { provider: kind });
      if (key) return key;
    }
    return deps.env[ENV_KEYS[kind]] ?? null;
  };

  const readSettings = async (): Promise<{ raw: unknown; problems: string[] }> => {
    let raw: unknown = {};
    if (init?.capabilities.workspace?.configuration) {
      try {
        [raw] = (await conn.workspace.getConfiguration([{ section: "preflight" }])) as unknown[];
      } catch (err) {
        log(`Could not read settings: ${String(err)}`);
      }
    }
    const parsed = fromRaw(raw ?? {});
    settings = parsed.settings;
    rawSettings = raw ?? {};
    return { raw: raw ?? {}, problems: parsed.problems };
  };

  conn.onInitialize((params): InitializeResult => {
    init = params;
    const opts = isRecord(params.initializationOptions) ? params.initializationOptions : {};
    clientAnswersSecrets = opts.secrets === true;
    folders = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri).fsPath);
    if (folders.length === 0 && params.rootUri) folders = [URI.parse(params.rootUri).fsPath];
    return {
      capabilities: { textDocumentSync: { openClose: true, change: 2, save: { includeText: false } }, ...checklistCapabilities },
      serverInfo: { name: "Preflight", version: deps.version },
    };
  });

  conn.onInitialized(() => {
    sendStatus("starting");
    coreReady = (async () => {
      const { raw, problems } = await readSettings();
      const workspaceDir = folders[0] ?? process.cwd();
      const dirs = storeDirsFor(workspaceDir, deps.env);
      core = await deps.createCore({
        ...dirs, workspaceDir, getKey, log, settings, rawSettings: raw,
        onBudgetAlerts: (messages) => { for (const m of messages) void conn.window.showWarningMessage(m); },
      });
      for (const p of [...problems, ...core.problems]) log(p);
      sendBudgetStatus();
      spendWatch = core.watchSpend(sendBudgetStatus);
      void templates.reloadAll();
      void checklist.scanWorkspace();
      sendStatus("ready", problems.length > 0 ? problems.join(" ") : undefined);
      return core;
    })();
    coreReady.catch((err: unknown) => {
      log(`Preflight could not start: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      sendStatus("error", `Preflight could not start: ${err instanceof Error ? err.message : String(err)}. See Preflight: Show Log.`);
    });
  });

  conn.onDidChangeConfiguration(async () => {
    const { raw, problems } = await readSettings();
    const more = core ? core.updateSettings(settings, raw) : [];
    checklist.settingsChanged();
    for (const p of [...problems, ...more]) log(p);
    sendStatus("ready", problems.length + more.length > 0 ? [...problems, ...more].join(" ") : undefined);
  });

  conn.onNotification(SecretsChangedNotification, () => {
    if (core) core.updateSettings(settings, undefined);
  });

  const sendBudgetStatus = () => {
    if (!core) return;
    try {
      void conn.sendNotification(BudgetStatusNotification, core.budgetStatus());
    } catch (err) {
      log(`Budget status: ${String(err)}`);
    }
  };

  /** A request handler that maps every failure to the one ResponseError shape. */
  const simple = <R>(run: (c: Core, p: unknown) => R | Promise<R>) => async (p: unknown): Promise<R | ResponseError<ErrorData>> => {
    try {
      return await run(await core$(), p);
    } catch (err) {
      return toResponseError(err, false, log);
    }
  };

  const core$ = (): Promise<Core> => coreReady ?? Promise.reject(new PipelineError(ErrorCode.ProviderUnavailable, "The Preflight server is still starting; try again in a moment."));

  /** Runs a streaming request: chunks and events go out as notifications keyed by streamId. */
  const streaming = <P extends { streamId: string }, R>(check: (p: unknown) => P, run: (c: Core, p: P, signal: AbortSignal, hooks: ChatHooks) => Promise<R>) =>
    async (raw: unknown, token: CancellationToken): Promise<R | ResponseError<ErrorData>> => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      try {
        const params = check(raw);
        const c = await core$();
        return await run(c, params, controller.signal, {
          onDelta: (delta) => void conn.sendNotification(ChatChunkNotification, { streamId: params.streamId, delta }),
          onEvent: (event) => void conn.sendNotification(ChatEventNotification, { streamId: params.streamId, event }),
        });
      } catch (err) {
        return toResponseError(err, controller.signal.aborted, log);
      } finally {
        sub.dispose();
        sendBudgetStatus();
        // The request's spend is written just after the answer (off the answer path); send the
        // status again once it is, so the status bar shows this request's cost.
        void core?.settled().then(sendBudgetStatus);
      }
    };

  conn.onRequest(ChatRequest, streaming(checkChatParams, (c, p, signal, hooks) => c.chat(p, signal, hooks)));
  conn.onRequest(ReviewRequest, streaming(checkReviewParams, (c, p, signal, hooks) => c.review(p, signal, hooks)));

  conn.onRequest(PreviewRedactionRequest, simple((c, p) => {
    if (!isRecord(p) || !isString(p.text) || !isString(p.conversationId)) throw new ResponseError(ErrorCode.InvalidParams, "preflight/previewRedaction needs { text, conversationId }.");
    return c.preview(p as unknown as Parameters<Core["preview"]>[0]);
  }));
  conn.onRequest(FeedbackRequest, simple((c, p) => {
    if (!isRecord(p) || !isString(p.requestId) || !isString(p.templateId) || !isString(p.templateVersion) || (p.rating !== "up" && p.rating !== "down")) {
      throw new ResponseError(ErrorCode.InvalidParams, "preflight/feedback needs { requestId, templateId, templateVersion, rating: up|down }.");
    }
    return c.feedback(p as unknown as Parameters<Core["feedback"]>[0]);
  }));
  conn.onRequest(ListTemplatesRequest, simple((c) => c.listTemplates()));
  conn.onRequest(DashboardDataRequest, simple((c, p) => c.dashboard(isRecord(p) ? p : {})));
  conn.onRequest(SetBudgetRequest, simple((c, p) => {
    const okUsd = (v: unknown) => v === undefined || v === null || (typeof v === "number" && Number.isFinite(v) && v >= 0);
    if (!isRecord(p) || !okUsd(p.dailyUsd) || !okUsd(p.monthlyUsd) || (p.onExceed !== undefined && !["block", "warn", "downgrade"].includes(String(p.onExceed)))) {
      throw new ResponseError(ErrorCode.InvalidParams, "preflight/setBudget needs { dailyUsd?: number ≥ 0 | null, monthlyUsd?: number ≥ 0 | null, onExceed?: block|warn|downgrade }.");
    }
    const result = c.setBudget(p as SetBudgetParams);
    sendBudgetStatus();
    return result;
  }));
  conn.onRequest(CacheStatsRequest, simple((c) => c.cacheStats()));
  conn.onRequest(ClearCacheRequest, simple((c) => c.clearCache()));

  conn.onShutdown(async () => {
    spendWatch?.dispose();
    if (core) await core.dispose();
  });

  const checklistSettings = async () => {
    const section = isRecord(rawSettings) ? rawSettings.checklist : undefined;
    const parsed = checklistSettingsFromRaw(section ?? {});
    for (const p of parsed.problems) log(p);
    return parsed.settings;
  };
  const checklist = registerChecklist(conn, documents, { wasmDir: deps.wasmDir ?? __dirname, workspaceFolders: () => folders, getSettings: checklistSettings, log });
  const templates = registerTemplates(conn, documents, { workspaceFolders: () => folders, registry: () => core?.templateRegistry, log });
  conn.onDidChangeWatchedFiles((p) => void templates.onWatchedFilesChanged(p.changes));

  documents.listen(conn);
  return { documents };
}
