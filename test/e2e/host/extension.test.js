/**
 * Runs inside code-server's Node extension host with the development copy of Preflight
 * (the repository's out/ bundles). Checks activation, the contributed commands, and that the
 * language client reaches the ready state, also after Preflight: Restart Server.
 */
const assert = require("node:assert/strict");
const vscode = require("vscode");

const EXTENSION_ID = "preflight-dev.preflight";

/** Resolves once the server state is `ready`; rejects with the last state after `ms`. */
function whenReady(ctx, ms) {
  if (ctx.serverState.state === "ready") return Promise.resolve(ctx.serverState);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`server not ready after ${ms} ms; last state ${JSON.stringify(ctx.serverState)}`));
    }, ms);
    const sub = ctx.onDidChangeState((s) => {
      if (s.state !== "ready") return;
      clearTimeout(timer);
      sub.dispose();
      resolve(s);
    });
  });
}

describe("Preflight in the extension host", function () {
  let ext;
  let api;

  before(async function () {
    ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
    api = await ext.activate();
  });

  it("activates and exposes its context", function () {
    assert.equal(ext.isActive, true);
    assert.ok(api && api.ctx, "activate() returns { ctx }");
    assert.ok(typeof api.activationMs === "number" && api.activationMs > 0, "activate() reports its activation time");
    assert.ok(api.codeLoadingMs > 0, "the bundle's banner marked the start of code loading");
    // The benchmark (bench/foundation.bench.ts) prints this figure from the last e2e run.
    const results = process.env.PREFLIGHT_E2E_HOST_RESULTS;
    if (results) require("node:fs").writeFileSync(require("node:path").join(require("node:path").dirname(results), "activation.json"), JSON.stringify({ activationMs: api.activationMs, codeLoadingMs: api.codeLoadingMs, activateCallMs: api.activateCallMs }));
  });

  it("registers every command it contributes, including Open Chat, Show Log and Restart Server", async function () {
    const contributed = ext.packageJSON.contributes.commands.map((c) => c.command);
    for (const id of ["preflight.openChat", "preflight.showLog", "preflight.restartServer"]) {
      assert.ok(contributed.includes(id), `${id} is contributed in package.json`);
    }
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], "every contributed command has a handler");
  });

  it("starts the language client and reaches ready", async function () {
    const state = await whenReady(api.ctx, 30000);
    assert.equal(state.state, "ready");
    assert.ok(api.ctx.client, "a language client exists");
    assert.equal(api.ctx.client.isRunning(), true, "the language client is running");
  });

  it("is ready again after Preflight: Restart Server", async function () {
    const first = api.ctx.client;
    await vscode.commands.executeCommand("preflight.restartServer");
    const state = await whenReady(api.ctx, 30000);
    assert.equal(state.state, "ready");
    assert.notEqual(api.ctx.client, first, "a new client replaced the old one");
    assert.equal(api.ctx.client.isRunning(), true);
  });
});
