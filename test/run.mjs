#!/usr/bin/env node
/**
 * `npm test`: every check in order, then one closing line `N passed, N failed`.
 *   1. typecheck (tsc --noEmit)             one check
 *   2. build (esbuild)                       one check
 *   3. unit + protocol mocha suites          one per test
 *   4. package (out/preflight.vsix)          one check; the e2e installs this file
 *   5. e2e mocha suite (code-server + Chromium, extension-host tests)   one per test
 *   6. chat webview in Chromium (XSS corpus, keyboard)   one per test
 *   7. Neovim stdio check                    one per test
 * Missing editor tools (code-server, chromium, nvim) fail the run loudly, unless
 * PREFLIGHT_SKIP_E2E=1 is set, which skips steps 5 and 6 and says so.
 * Exits non-zero when anything failed.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUT = path.join(ROOT, "test-output");
const REPORTER = path.join(ROOT, "test", "e2e", "summaryReporter.cjs");
const HARNESS = process.env.PREFLIGHT_HARNESS_DIR ?? path.join(ROOT, ".harness");
const CODE_SERVER = path.join(HARNESS, "node_modules", ".bin", "code-server");
const CHROMIUM = process.env.PREFLIGHT_CHROMIUM ?? "/usr/bin/chromium";
const skipE2e = process.env.PREFLIGHT_SKIP_E2E === "1";

/** @type {{ name: string, passed: number, failed: number, skipped: number, seconds: number, note?: string }[]} */
const results = [];

function banner(text) {
  process.stdout.write(`\n==> ${text}\n`);
}

/** Runs a command with inherited output; resolves with its exit code. */
function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...env } });
    child.on("error", (err) => {
      process.stderr.write(`${cmd}: ${err.message}\n`);
      resolve(127);
    });
    child.on("close", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** A step that counts as one check: passed when the command exits 0. */
async function check(name, cmd, args) {
  banner(name);
  const t0 = Date.now();
  const code = await run(cmd, args);
  const ok = code === 0;
  results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, seconds: (Date.now() - t0) / 1000, ...(ok ? {} : { note: `exit ${code}` }) });
  return ok;
}

/** A mocha run whose counts come from the summary reporter's JSON file. */
async function mocha(name, args) {
  banner(name);
  mkdirSync(OUT, { recursive: true });
  const summary = path.join(OUT, `summary-${name.replace(/[^a-z0-9]+/gi, "-")}.json`);
  rmSync(summary, { force: true });
  const t0 = Date.now();
  // --exit: a suite that leaves a socket or timer open must not hang the whole run.
  const code = await run(process.execPath, [path.join(ROOT, "node_modules", "mocha", "bin", "mocha.js"), ...args, "--exit", "--reporter", REPORTER], {
    PREFLIGHT_MOCHA_SUMMARY: summary,
  });
  const seconds = (Date.now() - t0) / 1000;
  if (!existsSync(summary)) {
    results.push({ name, passed: 0, failed: 1, skipped: 0, seconds, note: `mocha exited ${code} without a summary (crashed or found no tests)` });
    return false;
  }
  const s = JSON.parse(readFileSync(summary, "utf8"));
  const failed = s.failures + (code !== 0 && s.failures === 0 ? 1 : 0);
  results.push({ name, passed: s.passes, failed, skipped: s.pending, seconds, ...(failed > s.failures ? { note: `mocha exited ${code}` } : {}) });
  return failed === 0;
}

function missing(name, why, tool = true) {
  const hint = tool ? "Install it with scripts/setup-editor.sh, or set PREFLIGHT_SKIP_E2E=1 to skip it on purpose." : "Fix that step first.";
  process.stderr.write(`\n!!! ${name} CANNOT RUN: ${why}\n!!! ${hint}\n`);
  results.push({ name, passed: 0, failed: 1, skipped: 0, seconds: 0, note: why });
}

function onPath(bin) {
  return (process.env.PATH ?? "").split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, bin)));
}

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const started = Date.now();

await check("typecheck", npm, ["run", "--silent", "typecheck"]);
const built = await check("build", npm, ["run", "--silent", "build"]);
await mocha("unit+protocol", ["--config", "test/.mocharc.unit.json", "test/unit/**/*.test.ts", "test/protocol/**/*.test.ts"]);

if (skipE2e) {
  process.stderr.write("\n!!! PREFLIGHT_SKIP_E2E=1: the real-editor (code-server + Chromium) and Neovim checks are SKIPPED.\n");
  results.push({ name: "e2e (skipped)", passed: 0, failed: 0, skipped: 1, seconds: 0, note: "PREFLIGHT_SKIP_E2E=1" });
  results.push({ name: "browser (skipped)", passed: 0, failed: 0, skipped: 1, seconds: 0, note: "PREFLIGHT_SKIP_E2E=1" });
  results.push({ name: "nvim (skipped)", passed: 0, failed: 0, skipped: 1, seconds: 0, note: "PREFLIGHT_SKIP_E2E=1" });
} else {
  const packaged = built && (await check("package", npm, ["run", "--silent", "package"]));
  if (!existsSync(CODE_SERVER)) missing("e2e", `code-server is not installed (${CODE_SERVER})`);
  else if (!existsSync(CHROMIUM)) missing("e2e", `chromium is not installed (${CHROMIUM})`);
  else if (!packaged) missing("e2e", "the VSIX could not be built (see the build and package steps)", false);
  else await mocha("e2e", ["--config", "test/e2e/.mocharc.e2e.json"]);

  if (!existsSync(CHROMIUM)) missing("browser", `chromium is not installed (${CHROMIUM})`);
  else if (!built) missing("browser", "the webview bundle could not be built (see the build step)", false);
  else await mocha("browser", ["--config", "test/browser/.mocharc.json"]);

  if (!onPath("nvim")) missing("nvim", "nvim is not on PATH");
  else if (!built) missing("nvim", "the server bundle could not be built (see the build step)", false);
  else await mocha("nvim", ["--config", "test/nvim/.mocharc.json"]);
}

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
process.stdout.write("\n  step              passed  failed  skipped  seconds\n");
for (const r of results) {
  process.stdout.write(
    `  ${r.name.padEnd(16)} ${String(r.passed).padStart(7)} ${String(r.failed).padStart(7)} ${String(r.skipped).padStart(8)} ${r.seconds.toFixed(1).padStart(8)}${r.note ? `  (${r.note})` : ""}\n`,
  );
}
process.stdout.write(`  total time ${((Date.now() - started) / 1000).toFixed(1)} s\n\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
