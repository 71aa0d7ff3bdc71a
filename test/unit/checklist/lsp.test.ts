import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PassThrough } from "node:stream";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { checklistCapabilities, registerChecklist } from "../../../server/src/lsp/checklist";
import { checklistSettingsFromRaw } from "../../../server/src/checklist/settings";

type Diag = { code: string; source: string; severity: number; codeDescription: { href: string }; range: { start: { line: number } } };

const BAD_TS = `import OpenAI from "openai";\nconst client = new OpenAI();\nexport async function ask(q: string) {\n  const r = await client.chat.completions.create({ model: "m", messages: [{ role: "user", content: q }] });\n  return r.choices[0].message.content;\n}\n`;

/** A plain JSON-RPC LSP client talking to a server that only has the checklist registered. */
async function start(dir: string, raw: Record<string, unknown>): Promise<{ client: MessageConnection; progress: string[]; refreshed: Promise<void>; stop(): void; scan(): Promise<void>; settingsChanged(): void }> {
  const up = new PassThrough();
  const down = new PassThrough();
  const conn = createConnection(ProposedFeatures.all, new StreamMessageReader(up), new StreamMessageWriter(down));
  const docs = new TextDocuments(TextDocument);
  let handle: ReturnType<typeof registerChecklist> | undefined;
  conn.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, ...checklistCapabilities } }));
  handle = registerChecklist(conn, docs, { wasmDir: path.join(dir, "no-wasm-here"), workspaceFolders: () => [dir], getSettings: async () => checklistSettingsFromRaw(raw).settings, log: () => undefined });
  docs.listen(conn);
  conn.listen();
  const client = createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  const progress: string[] = [];
  client.onRequest("window/workDoneProgress/create", () => null);
  client.onNotification("$/progress", (p: { value: { kind: string } }) => {
    progress.push(p.value.kind);
  });
  let markRefreshed: () => void = () => undefined;
  const refreshed = new Promise<void>((resolve) => (markRefreshed = resolve));
  client.onRequest("workspace/diagnostic/refresh", () => {
    markRefreshed();
    return null;
  });
  client.listen();
  await client.sendRequest("initialize", { processId: null, rootUri: pathToFileURL(dir).toString(), capabilities: { window: { workDoneProgress: true } } });
  client.sendNotification("initialized", {});
  return {
    client, progress, refreshed,
    stop: () => { handle?.dispose(); client.dispose(); conn.dispose(); },
    scan: () => handle?.scanWorkspace() ?? Promise.resolve(),
    settingsChanged: () => handle?.settingsChanged(),
  };
}

describe("checklist LSP adapter (pull diagnostics over JSON-RPC)", function () {
  this.timeout(60_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pf-lsp-"));
  fs.writeFileSync(path.join(dir, "closed.py"), `import openai\nopenai.api_key = "sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56"\n`);
  fs.writeFileSync(path.join(dir, ".gitignore"), "ignored.py\n");
  fs.writeFileSync(path.join(dir, "ignored.py"), `KEY = "sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56"\n`);
  const uri = pathToFileURL(path.join(dir, "open.ts")).toString();

  it("answers textDocument/diagnostic with coded, linked diagnostics and offers quick fixes", async () => {
    const s = await start(dir, { rules: { "missing-timeout": "error" } });
    try {
      s.client.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "typescript", version: 1, text: BAD_TS } });
      const report = await s.client.sendRequest<{ kind: string; items: Diag[] }>("textDocument/diagnostic", { textDocument: { uri } });
      assert.equal(report.kind, "full");
      const timeout = report.items.find((d) => d.code === "missing-timeout");
      assert.ok(timeout, "missing-timeout is reported");
      assert.equal(timeout.source, "Preflight");
      assert.equal(timeout.severity, 1, "severity follows the settings");
      assert.equal(timeout.range.start.line, 3);
      assert.equal(timeout.codeDescription.href, "https://github.com/preflight-dev/preflight/blob/main/docs/rules/missing-timeout.md");
      const actions = await s.client.sendRequest<{ title: string; edit: { changes: Record<string, { newText: string }[]> } }[]>("textDocument/codeAction", {
        textDocument: { uri }, range: timeout.range, context: { diagnostics: [timeout] },
      });
      const add = actions.find((a) => a.title === "Add a 30 s timeout to the client");
      assert.ok(add, actions.map((a) => a.title).join("; "));
      assert.match(add.edit.changes[uri]?.[0]?.newText ?? "", /timeout: 30_000/);
      assert.ok(actions.some((a) => a.title === "Disable missing-timeout for this line"));
    } finally {
      s.stop();
    }
  });

  it("scans the workspace with progress and serves workspace/diagnostic, skipping .gitignored files", async () => {
    const s = await start(dir, {});
    try {
      await s.scan();
      const report = await s.client.sendRequest<{ items: { uri: string; items: Diag[] }[] }>("workspace/diagnostic", { previousResultIds: [] });
      const uris = report.items.map((i) => path.basename(new URL(i.uri).pathname));
      assert.ok(uris.includes("closed.py"));
      assert.ok(!uris.includes("ignored.py"));
      assert.ok(report.items.find((i) => i.uri.endsWith("closed.py"))?.items.some((d) => d.code === "hardcoded-api-key"));
      assert.deepEqual(s.progress.filter((k) => k !== "report"), ["begin", "end"]);
    } finally {
      s.stop();
    }
  });

  it("re-lints an edited document and asks clients to refresh after a settings change", async () => {
    const s = await start(dir, {});
    try {
      const edited = pathToFileURL(path.join(dir, "edited.ts")).toString();
      s.client.sendNotification("textDocument/didOpen", { textDocument: { uri: edited, languageId: "typescript", version: 1, text: BAD_TS } });
      const before = await s.client.sendRequest<{ items: Diag[] }>("textDocument/diagnostic", { textDocument: { uri: edited } });
      assert.ok(before.items.some((d) => d.code === "missing-timeout"));
      const fixed = BAD_TS.replace("new OpenAI()", "new OpenAI({ timeout: 10_000 })");
      s.client.sendNotification("textDocument/didChange", { textDocument: { uri: edited, version: 2 }, contentChanges: [{ text: fixed }] });
      const after = await s.client.sendRequest<{ items: Diag[] }>("textDocument/diagnostic", { textDocument: { uri: edited } });
      assert.ok(!after.items.some((d) => d.code === "missing-timeout"));
      s.settingsChanged();
      await s.refreshed;
    } finally {
      s.stop();
    }
  });

  it("returns an empty report instead of failing when the document is not lintable", async () => {
    const s = await start(dir, { enabled: false });
    try {
      const other = pathToFileURL(path.join(dir, "x.ts")).toString();
      s.client.sendNotification("textDocument/didOpen", { textDocument: { uri: other, languageId: "typescript", version: 1, text: BAD_TS } });
      const report = await s.client.sendRequest<{ items: Diag[] }>("textDocument/diagnostic", { textDocument: { uri: other } });
      assert.deepEqual(report.items, []);
    } finally {
      s.stop();
    }
  });
});
