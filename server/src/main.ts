/**
 * Entry point of the language server bundle. One bundle serves VS Code (node IPC) and other
 * editors (`--stdio`): createConnection picks the transport from argv.
 */
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { createServer } from "./server";
import { createCore } from "./core/core";
import { VERSION } from "./version";

const connection = createConnection(ProposedFeatures.all);
createServer(connection, { createCore, env: process.env, version: VERSION, wasmDir: __dirname });
connection.listen();
