/**
 * Starts code-server 4.100.3 (from `.harness/`, installed by scripts/setup-editor.sh) for one test
 * run: isolated XDG dirs, a fresh user-data dir and extensions dir, the Preflight VSIX installed,
 * its own process group so that teardown also ends the extension hosts it spawned.
 * Also launches Debian's Chromium through playwright-core with the flags that work headless here.
 */
import { spawn, execFile, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const ROOT = path.resolve(__dirname, "..", "..");
export const HARNESS_DIR = process.env.PREFLIGHT_HARNESS_DIR ?? path.join(ROOT, ".harness");
export const CODE_SERVER = path.join(HARNESS_DIR, "node_modules", ".bin", "code-server");
export const CHROMIUM = process.env.PREFLIGHT_CHROMIUM ?? "/usr/bin/chromium";
export const VSIX = process.env.PREFLIGHT_VSIX ?? path.join(ROOT, "out", "preflight.vsix");
/** The extension folder the extension-host tests load as the development copy (its out/ bundles). */
export const EXTENSION_DEV_PATH = process.env.PREFLIGHT_EXTENSION_DEV_PATH ?? ROOT;
export const OUTPUT_DIR = path.join(ROOT, "test-output");
export const FIXTURE_WORKSPACE = path.join(ROOT, "test", "fixtures", "workspace");

/** User settings that keep the workbench quiet and deterministic (no tours, trust prompts or updates). */
export const QUIET_SETTINGS: Record<string, unknown> = {
  "workbench.startupEditor": "none",
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "chat.commandCenter.enabled": false,
  "git.enabled": false,
  "git.openRepositoryInParentFolders": "never",
};

const run = promisify(execFile);

/** Names what a real-editor run needs and is missing (empty when everything is there). */
export function missingPrerequisites(): string[] {
  const missing: string[] = [];
  if (!existsSync(CODE_SERVER)) missing.push(`code-server (${CODE_SERVER}); run scripts/setup-editor.sh`);
  if (!existsSync(CHROMIUM)) missing.push(`chromium (${CHROMIUM}); run scripts/setup-editor.sh`);
  if (!existsSync(VSIX)) missing.push(`the packaged extension (${VSIX}); run npm run package`);
  return missing;
}

export type EditorOptions = {
  /** VSIX to install into the fresh extensions dir; none when omitted. */
  vsix?: string;
  /** Extra user settings merged over QUIET_SETTINGS. */
  settings?: Record<string, unknown>;
  /** Extra environment for the server and its extension hosts. */
  env?: Record<string, string>;
};

export type Editor = {
  /** Like http://127.0.0.1:41647 (no trailing slash). */
  baseUrl: string;
  stateDir: string;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  /** The workbench URL for a folder, optionally with a `payload` for extension tests. */
  folderUrl(folder: string, payload?: [string, string][]): string;
  /** Ends the whole process group and removes the state dir unless PREFLIGHT_KEEP_STATE=1. */
  stop(): Promise<void>;
};

function isolatedEnv(stateDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    XDG_CONFIG_HOME: path.join(stateDir, "xdg-config"),
    XDG_DATA_HOME: path.join(stateDir, "xdg-data"),
    XDG_CACHE_HOME: path.join(stateDir, "xdg-cache"),
    PREFLIGHT_HOME: path.join(stateDir, "preflight-home"),
    ...extra,
  };
}

/** Resolves with the URL code-server prints once its HTTP server listens; rejects if it exits first. */
function waitForListening(child: ChildProcess, logFile: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = "";
    const timer = setTimeout(() => fail(new Error(`code-server did not start within ${timeoutMs} ms; log: ${logFile}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString("utf8");
      const m = /HTTP server listening on (http:\/\/[^\s/]+)\//.exec(buffered);
      if (m) done(m[1]);
    };
    const onExit = (code: number | null): void => fail(new Error(`code-server exited with ${code} before listening; log: ${logFile}\n${buffered}`));
    function cleanup(): void {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.stderr?.off("data", onData);
      child.off("exit", onExit);
    }
    function done(url: string): void { cleanup(); resolve(url); }
    function fail(err: Error): void { cleanup(); reject(err); }
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", onExit);
  });
}

/** Starts code-server on a free port with fresh state; installs the VSIX first when given. */
export async function startEditor(options: EditorOptions = {}): Promise<Editor> {
  const stateDir = mkdtempSync(path.join(tmpdir(), "preflight-e2e-"));
  const userDataDir = path.join(stateDir, "user-data");
  const extensionsDir = path.join(stateDir, "extensions");
  mkdirSync(path.join(userDataDir, "User"), { recursive: true });
  writeFileSync(path.join(userDataDir, "User", "settings.json"), JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2));
  const env = isolatedEnv(stateDir, options.env);
  const common = ["--user-data-dir", userDataDir, "--extensions-dir", extensionsDir];
  const t0 = performance.now();
  if (options.vsix) {
    await run(CODE_SERVER, [...common, "--install-extension", options.vsix], { env, timeout: 120_000 });
  }
  const logFile = path.join(stateDir, "code-server.log");
  const logFd = openSync(logFile, "w");
  const child = spawn(
    CODE_SERVER,
    [
      "--bind-addr", "127.0.0.1:0", "--auth", "none", "--disable-telemetry", "--disable-update-check",
      "--disable-workspace-trust", "--disable-getting-started-override", ...common,
    ],
    { env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  // Everything the server prints is kept in the log file; the pipes are only read for the port.
  child.stdout?.on("data", (d: Buffer) => writeFileSync(logFd, d));
  child.stderr?.on("data", (d: Buffer) => writeFileSync(logFd, d));
  const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
  let baseUrl: string;
  try {
    baseUrl = await waitForListening(child, logFile, 60_000);
  } catch (err) {
    killGroup(child);
    throw err;
  }
  log(`code-server listening at ${baseUrl} after ${Math.round(performance.now() - t0)} ms (VSIX installed: ${options.vsix ? "yes" : "no"})`);
  const authority = new URL(baseUrl).host;
  return {
    baseUrl,
    stateDir,
    userDataDir,
    extensionsDir,
    logFile,
    folderUrl(folder, payload) {
      let url = `${baseUrl}/?folder=${encodeURIComponent(folder)}`;
      if (payload) {
        const remote = payload.map(([k, v]) => [k, `vscode-remote://${authority}${v}`]);
        url += `&payload=${encodeURIComponent(JSON.stringify(remote))}`;
      }
      return url;
    },
    async stop() {
      killGroup(child);
      await exited;
      closeSync(logFd);
      if (process.env.PREFLIGHT_KEEP_STATE !== "1") rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** Progress lines on stderr, so a CI log shows where the time went. */
export function log(message: string): void {
  process.stderr.write(`[e2e] ${message}\n`);
}

/** Sends SIGTERM to the child's whole process group (extension hosts, watchers, pty hosts). */
export function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // The group is already gone.
  }
}

export type Browser = { context: BrowserContext; page: Page; close(): Promise<void> };

/** Launches headless Debian Chromium with a fresh profile and one page. */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), "preflight-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-window screenshot under test-output/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const file = path.join(OUTPUT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
