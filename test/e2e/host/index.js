/**
 * Mocha runner for the extension-host tests. The workbench loads this file through the URL
 * `payload` (`extensionTestsPath`) and calls `run()` inside code-server's Node extension host;
 * the promise rejects when a test fails, which the workbench reports through
 * `codeAutomationExit(1)`. Results are also written as JSON to PREFLIGHT_E2E_HOST_RESULTS,
 * because console output only reaches the browser as reformatted text.
 */
const fs = require("node:fs");
const path = require("node:path");
const { Mocha } = require("mocha");

exports.run = async function run() {
  const mocha = new Mocha({ ui: "bdd", timeout: 60000, color: false });
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith(".test.js")) mocha.addFile(path.join(__dirname, file));
  }
  await mocha.loadFilesAsync();
  const results = { passes: [], failures: [], pending: [] };
  await new Promise((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on("pass", (test) => results.passes.push({ title: test.fullTitle(), durationMs: test.duration }));
    runner.on("pending", (test) => results.pending.push({ title: test.fullTitle() }));
    runner.on("fail", (test, err) => results.failures.push({ title: test.fullTitle(), error: String((err && err.stack) || err) }));
  });
  const out = process.env.PREFLIGHT_E2E_HOST_RESULTS;
  if (out) {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(results, null, 2));
  }
  if (results.failures.length > 0) {
    throw new Error(`${results.failures.length} extension-host test(s) failed: ${results.failures.map((f) => f.title).join("; ")}`);
  }
};
