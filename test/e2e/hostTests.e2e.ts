/**
 * Runs the mocha suite in test/e2e/host/ inside code-server's Node extension host: the workbench
 * URL carries `extensionDevelopmentPath` and `extensionTestsPath` in its `payload`, the workbench
 * calls the runner's `run()` and then `window.codeAutomationExit(code)`.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { EXTENSION_DEV_PATH, FIXTURE_WORKSPACE, launchBrowser, log, type Browser } from "./editor";
import { current, HOST_RESULTS } from "./session";

type HostResults = { passes: { title: string }[]; failures: { title: string; error: string }[]; pending: { title: string }[] };

const RUNNER = path.join(__dirname, "host", "index.js");

describe("Preflight extension-host tests (code-server, extensionTestsPath)", function () {
  this.timeout(150_000);
  let browser: Browser | undefined;

  after(async function () {
    await browser?.close();
  });

  it("runs the extension-host suite and every test passes", async function () {
    const { editor } = current();
    browser = await launchBrowser();
    const { page } = browser;
    const consoleLines: string[] = [];
    page.on("console", (m) => consoleLines.push(m.text()));
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction("codeAutomationExit", (code: number) => resolve(code));
    });
    const t0 = performance.now();
    await page.goto(editor.folderUrl(FIXTURE_WORKSPACE, [
      ["extensionDevelopmentPath", EXTENSION_DEV_PATH],
      ["extensionTestsPath", RUNNER],
    ]));
    let deadline: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      exitCode,
      new Promise<number>((resolve) => (deadline = setTimeout(() => resolve(124), 120_000))),
    ]);
    clearTimeout(deadline);
    log(`extension-host suite exited with ${code} after ${Math.round(performance.now() - t0)} ms`);

    assert.ok(existsSync(HOST_RESULTS), `the host runner wrote ${HOST_RESULTS} (exit ${code}); browser console:\n${consoleLines.slice(-30).join("\n")}`);
    const results = JSON.parse(readFileSync(HOST_RESULTS, "utf8")) as HostResults;
    for (const p of results.passes) log(`  host ✔ ${p.title}`);
    for (const f of results.failures) log(`  host ✘ ${f.title}\n${f.error}`);
    assert.deepEqual(results.failures.map((f) => `${f.title}: ${f.error.split("\n")[0]}`), []);
    assert.ok(results.passes.length >= 4, `at least 4 host tests passed (saw ${results.passes.length})`);
    assert.equal(code, 0, "the workbench reported exit code 0");
  });
});
