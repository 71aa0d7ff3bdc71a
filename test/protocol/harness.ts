/**
 * Runs the real server (createServer) and a JSON-RPC client over an in-memory Duplex pair:
 * no VS Code, no child process. The client answers workspace/configuration with `settings`
 * and preflight/getSecret with `secrets`.
 */
import { PassThrough } from "node:stream";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { createServer, type ServerDeps } from "../../server/src/server";
import { createCore } from "../../server/src/core/core";
import { ServerStatusNotification, type ServerStatusParams } from "../../shared/src/lsp";

export type TestServer = {
  client: MessageConnection;
  statuses: ServerStatusParams[];
  logs: string[];
  ready: Promise<ServerStatusParams>;
  close(): Promise<void>;
};

export async function startTestServer(opts: {
  settings?: Record<string, unknown>;
  secrets?: Record<string, string>;
  env?: NodeJS.ProcessEnv;
  workspaceDir: string;
  createCore?: ServerDeps["createCore"];
  initializationOptions?: Record<string, unknown>;
}): Promise<TestServer> {
  const up = new PassThrough();
  const down = new PassThrough();
  const serverConn = createConnection(ProposedFeatures.all, new StreamMessageReader(up), new StreamMessageWriter(down));
  createServer(serverConn, { createCore: opts.createCore ?? createCore, env: opts.env ?? {}, version: "test" });
  serverConn.listen();
  const client = createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  const statuses: ServerStatusParams[] = [];
  const logs: string[] = [];
  let markReady: (s: ServerStatusParams) => void = () => undefined;
  let markFailed: (e: Error) => void = () => undefined;
  const ready = new Promise<ServerStatusParams>((resolve, reject) => {
    markReady = resolve;
    markFailed = reject;
  });
  client.onNotification(ServerStatusNotification, (s) => {
    statuses.push(s);
    if (s.state === "ready") markReady(s);
    if (s.state === "error") markFailed(new Error(s.message ?? "server error"));
  });
  client.onNotification("window/logMessage", (p: unknown) => {
    logs.push(String((p as { message?: unknown }).message));
  });
  client.onRequest("workspace/configuration", (p: { items: { section?: string }[] }) => p.items.map(() => opts.settings ?? {}));
  client.onRequest("preflight/getSecret", (p: { provider: string }) => opts.secrets?.[p.provider] ?? null);
  client.onRequest("client/registerCapability", () => null);
  client.onRequest("window/workDoneProgress/create", () => null);
  client.onRequest("workspace/diagnostic/refresh", () => null);
  client.listen();
  const uri = `file://${opts.workspaceDir}`;
  await client.sendRequest("initialize", {
    processId: process.pid,
    rootUri: uri,
    workspaceFolders: [{ uri, name: "ws" }],
    capabilities: { workspace: { configuration: true, workspaceFolders: true }, window: { workDoneProgress: true } },
    initializationOptions: { secrets: true, ...(opts.initializationOptions ?? {}) },
  });
  await client.sendNotification("initialized", {});
  return {
    client,
    statuses,
    logs,
    ready,
    async close() {
      await client.sendRequest("shutdown").catch(() => undefined);
      client.dispose();
      serverConn.dispose();
      up.destroy();
      down.destroy();
    },
  };
}
