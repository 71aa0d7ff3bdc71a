#!/usr/bin/env node
/**
 * `npm run demo`: builds and packages Preflight, sets up code-server if it is missing, installs
 * the VSIX into a fresh user-data dir and opens code-server on a copy of demo/workspace/.
 * Prints the local URL; Ctrl+C stops code-server and everything it started (process group).
 * With no provider configured, Preflight answers with its built-in offline demo model.
 *
 *   npm run demo                   code-server on a free port on 127.0.0.1
 *   npm run demo -- --port 8080    a fixed port
 *   npm run demo -- --desktop      install into a desktop VS Code (`code` on PATH) instead
 *   npm run demo -- --smoke        start, check the URL answers, stop (for scripts and CI)
 */
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const HARNESS = process.env.PREFLIGHT_HARNESS_DIR ?? path.join(ROOT, ".harness");
const CODE_SERVER = path.join(HARNESS, "node_modules", ".bin", "code-server");
const VSIX = path.join(ROOT, "out", "preflight.vsix");
const WORKSPACE = path.join(ROOT, "demo", "workspace");

const { values: opts } = parseArgs({
  options: {
    desktop: { type: "boolean", default: false },
    port: { type: "string", default: "0" },
    smoke: { type: "boolean", default: false },
  },
  strict: true,
});
const port = Number(opts.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, got "${opts.port}"`, 2);

function say(text) {
  process.stdout.write(`[demo] ${text}\n`);
}

function fail(text, code = 1) {
  process.stderr.write(`[demo] ${text}\n`);
  process.exit(code);
}

function sh(cmd, args, env = process.env) {
  execFileSync(cmd, args, { cwd: ROOT, stdio: "inherit", env });
}

function onPath(bin) {
  return (process.env.PATH ?? "").split(path.delimiter).find((dir) => dir && existsSync(path.join(dir, bin)));
}

say("building and packaging the extension (npm run package)");
sh("npm", ["run", "--silent", "package"]);
if (!existsSync(VSIX)) fail(`npm run package did not produce ${VSIX}`);

if (opts.desktop) {
  if (!onPath("code")) fail("--desktop needs a desktop VS Code with `code` on PATH; run without --desktop to use code-server.", 2);
  sh("code", ["--install-extension", VSIX, "--force"]);
  say(`installed ${path.relative(ROOT, VSIX)} into VS Code; open it on ${WORKSPACE} (code ${WORKSPACE}).`);
  process.exit(0);
}

if (!existsSync(CODE_SERVER)) {
  say("code-server is not set up yet; running scripts/setup-editor.sh (about 2 minutes on a fresh machine)");
  sh("bash", [path.join(ROOT, "scripts", "setup-editor.sh")]);
}

// Fresh state for every demo: editor settings, extensions and a copy of the workspace, so the
// demo never edits the repository and never reuses state from an earlier run.
const state = mkdtempSync(path.join(tmpdir(), "preflight-demo-"));
const userData = path.join(state, "user-data");
const extensions = path.join(state, "extensions");
const workspace = path.join(state, "workspace");
cpSync(WORKSPACE, workspace, { recursive: true });
mkdirSync(path.join(userData, "User"), { recursive: true });
writeFileSync(
  path.join(userData, "User", "settings.json"),
  JSON.stringify({
    "workbench.startupEditor": "readme",
    "security.workspace.trust.enabled": false,
    "telemetry.telemetryLevel": "off",
    "extensions.autoCheckUpdates": false,
    "extensions.autoUpdate": false,
    "update.mode": "none",
    "workbench.tips.enabled": false,
    "git.openRepositoryInParentFolders": "never",
  }, null, 2),
);
const env = {
  ...process.env,
  XDG_CONFIG_HOME: path.join(state, "xdg-config"),
  XDG_DATA_HOME: path.join(state, "xdg-data"),
  PREFLIGHT_HOME: path.join(state, "preflight-home"),
};
const dirs = ["--user-data-dir", userData, "--extensions-dir", extensions];
say("installing the VSIX into a fresh code-server profile");
execFileSync(CODE_SERVER, [...dirs, "--install-extension", VSIX], { env, stdio: ["ignore", "ignore", "inherit"] });

const server = spawn(
  CODE_SERVER,
  ["--bind-addr", `127.0.0.1:${port}`, "--auth", "none", "--disable-telemetry", "--disable-update-check",
    "--disable-workspace-trust", "--disable-getting-started-override", ...dirs],
  { env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
);

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {
    // Already gone.
  }
  server.once("close", () => {
    rmSync(state, { recursive: true, force: true });
    process.exit(code);
  });
  if (server.exitCode !== null || server.signalCode !== null) server.emit("close");
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
server.on("exit", (code) => {
  if (!stopping) {
    process.stderr.write(`[demo] code-server exited (${code}); its output is above.\n`);
    stopping = true;
    rmSync(state, { recursive: true, force: true });
    process.exit(1);
  }
});

let printed = false;
let buffered = "";
function onOutput(chunk) {
  const text = chunk.toString("utf8");
  if (!printed) {
    buffered += text;
    const m = /HTTP server listening on (http:\/\/[^\s/]+)\//.exec(buffered);
    if (m) {
      printed = true;
      void ready(`${m[1]}/?folder=${encodeURIComponent(workspace)}`, m[1]);
    }
  } else if (/\berror\b/i.test(text)) {
    process.stderr.write(text);
  }
}
server.stdout.on("data", onOutput);
server.stderr.on("data", onOutput);

async function ready(url, base) {
  say("");
  say(`Preflight demo is running:  ${url}`);
  say("Open it in a browser. No API key needed: Preflight uses its offline demo model until you configure a provider.");
  say("Press Ctrl+C to stop.");
  if (opts.smoke) {
    const res = await fetch(`${base}/healthz`);
    say(`smoke check: GET /healthz -> ${res.status}`);
    stop(res.ok ? 0 : 1);
  }
}
