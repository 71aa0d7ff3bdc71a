import { strict as assert } from "node:assert";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileChangeType, TextDocuments, type Connection, type PublishDiagnosticsParams } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { URI } from "vscode-uri";
import { registerTemplates } from "../../../server/src/lsp/templates";
import { mintRedacted } from "../../../server/src/pipeline/brands";
import { TemplateRegistry } from "../../../server/src/prompts/registry";

type Handler = (params: unknown) => void;

/** Just enough of a Connection for TextDocuments and sendDiagnostics, recording what is sent. */
function fakeConnection() {
  const handlers = new Map<string, Handler>();
  const sent: PublishDiagnosticsParams[] = [];
  const waiters: (() => void)[] = [];
  const on = (name: string) => (h: Handler) => {
    handlers.set(name, h);
    return { dispose: () => handlers.delete(name) };
  };
  const conn = {
    onDidOpenTextDocument: on("open"),
    onDidChangeTextDocument: on("change"),
    onDidCloseTextDocument: on("close"),
    onWillSaveTextDocument: on("willSave"),
    onWillSaveTextDocumentWaitUntil: on("willSaveWait"),
    onDidSaveTextDocument: on("save"),
    sendDiagnostics: async (p: PublishDiagnosticsParams) => {
      sent.push(p);
      waiters.splice(0).forEach((w) => w());
    },
  };
  const nextDiagnostics = () => new Promise<void>((resolve) => waiters.push(resolve));
  return { conn: conn as unknown as Connection, fire: (name: string, p: unknown) => handlers.get(name)?.(p), sent, nextDiagnostics };
}

describe("lsp: template diagnostics", () => {
  let dir: string;
  let file: string;
  let uri: string;
  let registry: TemplateRegistry;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "preflight-lsp-templates-"));
    cpSync(join(__dirname, "../../fixtures/prompts/workspace"), dir, { recursive: true });
    file = join(dir, ".preflight/prompts/explain.md");
    uri = URI.file(file).toString();
    registry = new TemplateRegistry({ workspaceDir: dir, redact: mintRedacted });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function setup() {
    const fake = fakeConnection();
    const docs = new TextDocuments(TextDocument);
    docs.listen(fake.conn);
    const handle = registerTemplates(fake.conn, docs, { workspaceFolders: () => [dir], registry });
    return { ...fake, handle };
  }

  it("publishes a problem for a broken file on disk and clears it when fixed", async () => {
    writeFileSync(file, readFileSync(file, "utf8").replace("temperature: 0.2", "temperature: hot"));
    const { handle, sent } = setup();
    await handle.reloadAll();
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.uri, uri);
    assert.equal(sent[0]?.diagnostics[0]?.range.start.line, 7, "line 8 of the file, 0-based");
    assert.match(String(sent[0]?.diagnostics[0]?.message ?? ""), /temperature/);
    writeFileSync(file, readFileSync(file, "utf8").replace("temperature: hot", "temperature: 0.3"));
    await handle.onWatchedFilesChanged([{ uri, type: FileChangeType.Changed }]);
    assert.deepEqual(sent[1], { uri, diagnostics: [] });
    assert.equal(registry.get("explain")?.temperature, 0.3);
  });

  it("checks unsaved edits without changing the template in use, and reloads on save", async () => {
    const { handle, sent, fire } = setup();
    await handle.reloadAll();
    assert.equal(sent.length, 0, "nothing to clear or report");
    const good = readFileSync(file, "utf8");
    fire("open", { textDocument: { uri, languageId: "markdown", version: 1, text: good } });
    const broken = good.replace("id: explain", "id: explain\nbogus: 1");
    fire("change", { textDocument: { uri, version: 2 }, contentChanges: [{ text: broken }] });
    assert.equal(sent.length, 1);
    assert.match(String(sent[0]?.diagnostics[0]?.message ?? ""), /Unknown front matter key "bogus".*Version 1 from before this change stays in use/);
    assert.equal(sent[0]?.diagnostics[0]?.range.end.character, "bogus: 1".length);
    assert.equal(registry.get("explain")?.version, "1");
    const v2 = good.replace("version: 1", "version: 2");
    fire("change", { textDocument: { uri, version: 3 }, contentChanges: [{ text: v2 }] });
    assert.equal(registry.get("explain")?.version, "1", "unsaved text is not used");
    fire("save", { textDocument: { uri } });
    assert.equal(registry.get("explain")?.version, "2");
  });

  it("drops a deleted template", async () => {
    const { handle } = setup();
    await handle.reloadAll();
    await handle.onWatchedFilesChanged([{ uri, type: FileChangeType.Deleted }]);
    assert.equal(registry.get("explain"), undefined);
  });

  it("reloads from disk when an edited file is closed without saving", async () => {
    const { handle, fire, nextDiagnostics } = setup();
    await handle.reloadAll();
    const good = readFileSync(file, "utf8");
    fire("open", { textDocument: { uri, languageId: "markdown", version: 1, text: good } });
    fire("change", { textDocument: { uri, version: 2 }, contentChanges: [{ text: "broken" }] });
    const cleared = nextDiagnostics();
    fire("close", { textDocument: { uri } });
    await cleared;
    assert.equal(registry.problems().length, 0);
  });
});
