/**
 * LSP glue for prompt templates: diagnostics on `.preflight/prompts/*.md` files and reloading.
 * While a template is edited its problems are shown without changing what is in use; on save,
 * on close and when the file changes on disk the registry reloads it (a broken file keeps its
 * previous good version serving). The connection's single watched-files handler belongs to the
 * server, so it forwards changes to `onWatchedFilesChanged`.
 */
import { readFile } from "node:fs/promises";
import { relative, isAbsolute } from "node:path";
import { DiagnosticSeverity, FileChangeType, type Connection, type Diagnostic, type FileEvent, type TextDocuments } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { URI } from "vscode-uri";
import { isTemplateFile, type TemplateRegistry } from "../prompts/registry";
import type { TemplateProblem } from "../prompts/types";

export type TemplatesOptions = {
  workspaceFolders(): string[];
  /** The registry of a workspace folder (or one registry for all). */
  registry: TemplateRegistry | ((folder: string) => TemplateRegistry | undefined);
  /** Told about failures that are not template problems (a folder that cannot be read). */
  log?(message: string): void;
};

export type TemplatesHandle = {
  /** Loads every folder's templates and publishes all diagnostics. */
  reloadAll(): Promise<void>;
  /** Forward `connection.onDidChangeWatchedFiles` events here. */
  onWatchedFilesChanged(changes: readonly FileEvent[]): Promise<void>;
  dispose(): void;
};

export function toDiagnostics(problems: readonly TemplateProblem[], document?: TextDocument): Diagnostic[] {
  return problems.map((p) => {
    const line = Math.max(0, p.line - 1);
    const end = document ? document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, "").length : 0;
    return {
      range: { start: { line, character: 0 }, end: { line, character: end } },
      severity: p.severity === "error" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      source: "preflight",
      code: "template",
      message: p.message,
    };
  });
}

export function registerTemplates(conn: Connection, docs: TextDocuments<TextDocument>, opts: TemplatesOptions): TemplatesHandle {
  const published = new Set<string>();

  const folderOf = (file: string) =>
    opts
      .workspaceFolders()
      .filter((folder) => {
        const rel = relative(folder, file);
        return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
      })
      .sort((a, b) => b.length - a.length)[0];
  const registryOf = (folder: string | undefined) => (folder === undefined ? undefined : typeof opts.registry === "function" ? opts.registry(folder) : opts.registry);
  const fileOf = (uri: string) => {
    const parsed = URI.parse(uri);
    return parsed.scheme === "file" && isTemplateFile(parsed.fsPath) ? parsed.fsPath : undefined;
  };

  const publish = (file: string, problems: readonly TemplateProblem[]) => {
    const uri = URI.file(file).toString();
    if (problems.length === 0 && !published.has(uri)) return;
    if (problems.length > 0) published.add(uri);
    else published.delete(uri);
    void conn.sendDiagnostics({ uri, diagnostics: toDiagnostics(problems, docs.get(uri)) });
  };

  const reloadFromDisk = async (file: string) => {
    const registry = registryOf(folderOf(file));
    if (!registry) return;
    const text = await readFile(file, "utf8").catch(() => null);
    publish(file, registry.reloadFile(file, text));
  };

  const subscriptions = [
    docs.onDidChangeContent(({ document }) => {
      const file = fileOf(document.uri);
      const registry = file ? registryOf(folderOf(file)) : undefined;
      if (file && registry) publish(file, registry.check(file, document.getText()));
    }),
    docs.onDidSave(({ document }) => {
      const file = fileOf(document.uri);
      const registry = file ? registryOf(folderOf(file)) : undefined;
      if (file && registry) publish(file, registry.reloadFile(file, document.getText()));
    }),
    docs.onDidClose(({ document }) => {
      const file = fileOf(document.uri);
      if (file) void reloadFromDisk(file);
    }),
  ];

  return {
    async reloadAll() {
      for (const folder of opts.workspaceFolders()) {
        const registry = registryOf(folder);
        if (!registry) continue;
        try {
          await registry.loadAll();
        } catch (err) {
          opts.log?.(`Could not load the prompt templates of ${folder}: ${(err as Error).message}`);
          continue;
        }
        const byFile = new Map<string, TemplateProblem[]>();
        for (const p of registry.problems()) if (isTemplateFile(p.file)) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
        for (const uri of published) {
          const file = URI.parse(uri).fsPath;
          if (folderOf(file) === folder && !byFile.has(file)) publish(file, []);
        }
        for (const [file, problems] of byFile) publish(file, problems);
      }
    },
    async onWatchedFilesChanged(changes) {
      for (const change of changes) {
        const file = fileOf(change.uri);
        if (!file) continue;
        if (change.type === FileChangeType.Deleted) {
          registryOf(folderOf(file))?.reloadFile(file, null);
          publish(file, []);
        } else if (!docs.get(change.uri)) await reloadFromDisk(file);
      }
    },
    dispose() {
      for (const s of subscriptions) s.dispose();
    },
  };
}
