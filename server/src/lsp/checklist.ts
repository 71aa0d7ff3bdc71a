import * as fs from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  CodeActionKind,
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  type CancellationToken,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type ServerCapabilities,
  type TextDocuments,
  type WorkspaceDocumentDiagnosticReport,
} from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { Checklist } from "../checklist/linter";
import { DEFAULT_CHECKLIST_SETTINGS, type ChecklistSettings } from "../checklist/settings";
import { ruleDocUrl, type Finding } from "../checklist/types";
import { lintFiles, listFiles, ProjectIndex, readDisk } from "../checklist/workspace";

/** Capabilities the checklist needs: pull diagnostics (document + workspace) and quick fixes. */
export const checklistCapabilities: Partial<ServerCapabilities> = {
  diagnosticProvider: { identifier: "preflight", interFileDependencies: true, workspaceDiagnostics: true },
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
};

export type ChecklistOptions = {
  wasmDir: string;
  workspaceFolders(): string[];
  getSettings(): Promise<ChecklistSettings>;
  log(msg: string): void;
};

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;
const DEBOUNCE_MS = 250;

function toPath(uri: string): string | undefined {
  try {
    return uri.startsWith("file:") ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

function toDiagnostic(f: Finding): Diagnostic {
  return {
    range: { start: { line: f.span.startLine, character: f.span.startCol }, end: { line: f.span.endLine, character: f.span.endCol } },
    severity: SEVERITY[f.severity],
    code: f.rule,
    codeDescription: { href: ruleDocUrl(f.rule) },
    source: "Preflight",
    message: f.message,
  };
}

/**
 * Wires the checklist into a language server: pull diagnostics for documents and the workspace,
 * quick fixes, a cancellable workspace scan with progress, and debounced re-lint on edit.
 */
export function registerChecklist(conn: Connection, docs: TextDocuments<TextDocument>, opts: ChecklistOptions): { dispose(): void; scanWorkspace(token?: CancellationToken): Promise<void>; settingsChanged(): void } {
  // Lazy: a grammar is loaded when the first file of its language is linted, so an idle server
  // in a Python-only workspace never holds the TypeScript grammars.
  const engine = Checklist.create(opts.wasmDir, { lazy: true });
  engine.catch((e: unknown) => opts.log(`Preflight checklist: cannot load the tree-sitter grammars: ${String(e)}`));
  const docResults = new Map<string, { version: number; findings: Finding[] }>();
  const scanResults = new Map<string, Finding[]>();
  const timers = new Map<string, NodeJS.Timeout>();
  let lastSettings = "";
  const read = (file: string): string | undefined => docs.get(pathToFileURL(file).toString())?.getText() ?? readDisk(file);

  const settings = async (): Promise<ChecklistSettings> => {
    try {
      const s = await opts.getSettings();
      const key = JSON.stringify(s);
      if (lastSettings !== "" && key !== lastSettings) {
        docResults.clear();
        void conn.languages.diagnostics.refresh().catch(() => undefined);
      }
      lastSettings = key;
      return s;
    } catch (e) {
      opts.log(`Preflight checklist: settings unavailable, using defaults: ${String(e)}`);
      return DEFAULT_CHECKLIST_SETTINGS;
    }
  };

  const lintDoc = async (doc: TextDocument): Promise<Finding[]> => {
    const cached = docResults.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.findings;
    const file = toPath(doc.uri) ?? doc.uri;
    const s = await settings();
    const text = doc.getText();
    if (!Checklist.supports(file) || !s.enabled || text.length > s.maxFileKb * 1024) return [];
    const checklist = await engine;
    await checklist.prepare(file);
    const index = new ProjectIndex(checklist, read, (p) => docs.get(pathToFileURL(p).toString()) !== undefined || fs.existsSync(p));
    const findings = checklist.lint(file, text, { settings: s, lookup: index.lookup, incremental: true });
    docResults.set(doc.uri, { version: doc.version, findings });
    return findings;
  };

  const subs = [
    conn.languages.diagnostics.on(async (params) => {
      try {
        const doc = docs.get(params.textDocument.uri);
        if (doc) return { kind: DocumentDiagnosticReportKind.Full, items: (await lintDoc(doc)).map(toDiagnostic) };
        const findings = scanResults.get(params.textDocument.uri) ?? [];
        return { kind: DocumentDiagnosticReportKind.Full, items: findings.map(toDiagnostic) };
      } catch (e) {
        opts.log(`Preflight checklist: diagnostics failed for ${params.textDocument.uri}: ${String(e)}`);
        return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      }
    }),
    conn.languages.diagnostics.onWorkspace(async () => {
      try {
        await scanning;
        const items: WorkspaceDocumentDiagnosticReport[] = [];
        for (const [uri, findings] of scanResults) {
          if (docs.get(uri)) continue;
          items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, items: findings.map(toDiagnostic) });
        }
        return { items };
      } catch (e) {
        opts.log(`Preflight checklist: workspace diagnostics failed: ${String(e)}`);
        return { items: [] };
      }
    }),
    conn.onCodeAction(async (params) => {
      try {
        const doc = docs.get(params.textDocument.uri);
        if (!doc) return [];
        const actions: CodeAction[] = [];
        for (const f of await lintDoc(doc)) {
          if (f.span.startLine > params.range.end.line || f.span.endLine < params.range.start.line) continue;
          const diagnostic = toDiagnostic(f);
          for (const fix of f.fixes) {
            const edits = fix.edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.text }));
            const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [doc.uri]: edits } } };
            if (fix.preferred) action.isPreferred = true;
            actions.push(action);
          }
        }
        return actions;
      } catch (e) {
        opts.log(`Preflight checklist: code actions failed: ${String(e)}`);
        return [];
      }
    }),
  ];

  const closeSub = docs.onDidClose(({ document }) => {
    docResults.delete(document.uri);
  });
  const changeSub = docs.onDidChangeContent(({ document }) => {
    const old = timers.get(document.uri);
    if (old) clearTimeout(old);
    timers.set(document.uri, setTimeout(() => {
      timers.delete(document.uri);
      void lintDoc(document).catch((e: unknown) => opts.log(`Preflight checklist: re-lint failed: ${String(e)}`));
    }, DEBOUNCE_MS));
  });

  const scanWorkspace = async (token?: CancellationToken): Promise<void> => {
    const s = await settings();
    if (!s.enabled) return;
    const progress = await conn.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin("Preflight: checking LLM code", 0, "listing files", true);
    const cancel = { get isCancellationRequested(): boolean { return (token?.isCancellationRequested ?? false) || (progress?.token.isCancellationRequested ?? false); } };
    try {
      const files = await listFiles(opts.workspaceFolders(), s, cancel);
      const checklist = await engine;
      const results = await lintFiles(checklist, files, {
        settings: s, read, cancel,
        onProgress: (done, total) => progress?.report(total === 0 ? 100 : Math.round((done / total) * 100), `${done}/${total} files`),
      });
      scanResults.clear();
      for (const [file, findings] of results) scanResults.set(pathToFileURL(file).toString(), findings);
      opts.log(`Preflight checklist: scanned ${results.size} files${cancel.isCancellationRequested ? " (cancelled)" : ""}.`);
    } finally {
      progress?.done();
    }
  };
  let scanning: Promise<void> = Promise.resolve();
  const startScan = (token?: CancellationToken): Promise<void> => {
    scanning = scanWorkspace(token)
      .then(() => conn.languages.diagnostics.refresh())
      .catch((e: unknown) => opts.log(`Preflight checklist: workspace scan failed: ${String(e)}`));
    return scanning;
  };

  return {
    scanWorkspace: startScan,
    settingsChanged(): void {
      docResults.clear();
      void startScan();
    },
    dispose(): void {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      changeSub.dispose();
      closeSub.dispose();
      for (const s of subs) s.dispose();
    },
  };
}
