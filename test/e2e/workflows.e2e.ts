/**
 * Preflight's everyday workflows in a real editor: the redaction preview and what really leaves
 * the machine, a selection review ending in the Problems panel, the status bar and the spend
 * dashboard after a chat, and the chat in the light, dark and high-contrast themes (the dashboard
 * in high contrast too), checking that the controls take the theme's colours. The fake provider's
 * answers are scripted per test; every wait is an event or a locator.
 */
import assert from "node:assert/strict";
import type { FrameLocator, Page } from "playwright-core";
import { FIXTURE_WORKSPACE, launchBrowser, screenshot, type Browser } from "./editor";
import { current } from "./session";
import { openWorkbench, panelFrame, recordCspViolations, runCommand, selectColorTheme, sendMessage, statusItem, themeColours, viewFrame, type ThemeCheck } from "./workbench";

/** The chat's controls and the theme variables their colours come from. */
const CHAT_THEME_CHECKS: ThemeCheck[] = [
  ["send", ".base", "backgroundColor", "--vscode-button-background"],
  ["send", ".base", "color", "--vscode-button-foreground"],
  ["preview", ".base", "backgroundColor", "--vscode-button-secondaryBackground"],
  ["prompt", "textarea", "backgroundColor", "--vscode-settings-textInputBackground"],
  ["prompt", "textarea", "color", "--vscode-settings-textInputForeground"],
  ["model", ".face", "backgroundColor", "--vscode-settings-dropdownBackground"],
  ["model", ".face", "borderTopColor", "--vscode-settings-dropdownBorder"],
];
const DASHBOARD_THEME_CHECKS: ThemeCheck[] = [
  ["refresh", ".base", "backgroundColor", "--vscode-button-secondaryBackground"],
  ["refresh", ".base", "color", "--vscode-button-secondaryForeground"],
  ["filter-model", ".face", "backgroundColor", "--vscode-settings-dropdownBackground"],
  ["filter-model", ".face", "borderTopColor", "--vscode-settings-dropdownBorder"],
];

/** A realistic OpenAI project key: the prefix and 40 mixed-case letters and digits. */
const PLANTED_KEY = "sk-proj-" + "Xq7Lm2Rt9Vb4Nc8Kd1Fg6Hj3Pw5Zs0Ya2Eu7Io9T";

/** Opens the chat through its command (the activity bar icon would hide an already open view). */
async function showChat(page: Page): Promise<FrameLocator> {
  await runCommand(page, "Preflight: Open Chat");
  const chat = viewFrame(page);
  await chat.locator("#prompt").waitFor({ timeout: 60_000 });
  await chat.locator("#send:not([disabled])").waitFor({ timeout: 30_000 });
  return chat;
}

/** Sends a chat message with a scripted answer and waits until the chat is idle again. */
async function chatOnce(chat: FrameLocator, message: string, answer: string): Promise<unknown> {
  const { fake } = current();
  fake.script([{ kind: "ok", text: answer }]);
  const before = fake.chatRequests().length;
  await sendMessage(chat, message);
  const request = await fake.waitForChat(before);
  const last = answer.split("\n").filter((l) => /\w/.test(l)).pop()!.replace(/[`*#-]/g, "").trim();
  await chat.locator(".message.assistant").last().locator(".content", { hasText: last }).waitFor({ timeout: 30_000 });
  await chat.locator("#send:not([disabled])").waitFor({ timeout: 30_000 });
  return request.body;
}

describe("Preflight workflows in code-server (Chromium)", function () {
  this.timeout(60_000);
  let browser: Browser;
  let page: Page;
  let csp: string[];

  before(async function () {
    this.timeout(120_000);
    browser = await launchBrowser();
    page = browser.page;
    csp = recordCspViolations(page);
    await openWorkbench(page, current().editor.folderUrl(FIXTURE_WORKSPACE));
    await statusItem(page, "ready").waitFor({ timeout: 60_000 });
  });

  after(async function () {
    if (page) await screenshot(page, "workflows-final").catch(() => undefined);
    await browser?.close();
  });

  it("previews a planted OpenAI key as redacted and never sends it", async function () {
    assert.match(PLANTED_KEY, /^sk-proj-[A-Za-z0-9]{40}$/);
    const chat = await showChat(page);
    const message = `Why does my client fail with key ${PLANTED_KEY} on every call?`;
    await chat.locator("#prompt textarea").fill(message);
    await chat.locator("#preview").click();
    const box = chat.locator("#preview-box");
    await box.locator(".preview-finding", { hasText: "OPENAI_KEY" }).waitFor({ timeout: 30_000 });
    const shown = await box.innerText();
    assert.match(shown, /\[OPENAI_KEY_1\]/, `the preview shows the placeholder (saw: ${shown})`);
    assert.ok(!shown.includes(PLANTED_KEY), "the preview does not show the key");
    assert.ok(!shown.includes(PLANTED_KEY.slice(8)), "the preview does not show the key's secret part");
    await screenshot(page, "preview-redacted");

    const body = JSON.stringify(await chatOnce(chat, message, "Check that the key is set for the right project."));
    assert.ok(!body.includes(PLANTED_KEY.slice(8)), "the provider never received the key");
    assert.match(body, /OPENAI_KEY_1/, "the provider received the placeholder instead");
  });

  it("turns a selection review's findings into a Preflight review diagnostic", async function () {
    const { fake } = current();
    await page.locator(".activitybar .action-item a[aria-label^='Explorer']").first().click();
    await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "app.py" }).click();
    await page.locator(".tabs-container .tab", { hasText: "app.py" }).waitFor();
    const editor = page.locator(".editor-instance .monaco-editor").first();
    await editor.locator(".view-line", { hasText: "from openai import OpenAI" }).click();
    // Lines 1-4 of app.py are selected; the finding's line 2 is `from openai import OpenAI`.
    await page.keyboard.press("Control+Home");
    for (let i = 0; i < 3; i++) await page.keyboard.press("Shift+ArrowDown");
    const message = "The OpenAI client is created without a timeout (e2e finding)";
    const finding = JSON.stringify([{ line: 2, severity: "warning", message }]);
    fake.script([{ kind: "ok", text: `One problem in this snippet.\n\n\`\`\`json\n${finding}\n\`\`\`\n` }]);
    const before = fake.chatRequests().length;
    await runCommand(page, "Preflight: Review Selection");
    const request = await fake.waitForChat(before);
    assert.match(JSON.stringify(request.body), /from openai import OpenAI/, "the selection was sent for review");

    await page.keyboard.press("Control+Shift+M");
    const row = page.locator(".markers-panel .monaco-list-row", { hasText: message }).first();
    await row.waitFor({ timeout: 30_000 });
    const text = await row.innerText();
    assert.match(text, /Preflight review/, `the diagnostic's source is Preflight review (saw: ${text})`);
    assert.match(text, /\[Ln 2/, `the finding is on line 2 of app.py (saw: ${text})`);
    await screenshot(page, "review-problems");
  });

  it("updates the status bar after a chat and opens the spend dashboard with charts", async function () {
    const { fake } = current();
    const chat = await showChat(page);
    const item = page.locator('.statusbar-item [aria-label^="Preflight ready"], .statusbar-item[aria-label^="Preflight ready"]').first();
    await item.waitFor({ timeout: 30_000 });
    const label = await item.getAttribute("aria-label");
    assert.ok(label, "the status bar item has an accessible label");
    // A first byte slower than the day's p95 so far makes this request the day's slowest, so the
    // p95 latency must move (earlier requests can be slow on a loaded machine).
    const p95 = /p95 ([\d.]+) (ms|s)\b/.exec(label);
    const p95Ms = p95 ? Number(p95[1]) * (p95[2] === "s" ? 1000 : 1) : 0;
    fake.script([{ kind: "slowFirstByte", delayMs: Math.max(2500, Math.ceil(p95Ms) + 1500), text: "Spend is tracked per request." }]);
    const before = fake.chatRequests().length;
    await sendMessage(chat, "How is spend tracked for this e2e request?");
    await fake.waitForChat(before);
    await chat.locator(".message.assistant").last().locator(".content", { hasText: "tracked per request" }).waitFor({ timeout: 30_000 });
    const changed = page.locator(`.statusbar-item [aria-label^="Preflight ready"]:not([aria-label="${label}"]), .statusbar-item[aria-label^="Preflight ready"]:not([aria-label="${label}"])`).first();
    await changed.waitFor({ timeout: 30_000 });
    const after = (await changed.getAttribute("aria-label")) ?? "";
    assert.match(after, /\$\d+\.\d\d \/ \$\d+\.\d\d · p95 /, `the label shows spend and p95 (saw: ${after})`);
    assert.match(await changed.innerText(), /Preflight \$\d+\.\d\d/);

    await runCommand(page, "Preflight: Show Spend Dashboard");
    const dashboard = panelFrame(page);
    await dashboard.locator("canvas").first().waitFor({ timeout: 30_000 });
    assert.ok((await dashboard.locator("canvas").count()) >= 1);
    await screenshot(page, "dashboard");
    const tab = page.locator(".tabs-container .tab", { hasText: "Preflight Spend" });
    await tab.locator(".tab-actions .action-label").click();
    await tab.waitFor({ state: "detached", timeout: 30_000 });
  });

  it("shows a streamed markdown answer in the light, dark and high-contrast themes, its controls in the theme's colours, with review and dashboard screenshots", async function () {
    this.timeout(180_000);
    const chat = await showChat(page);
    const answer = "## Timeouts\n\n- Pass **timeout=30** to the client.\n- Retry with `max_retries=2`.\n\n```python\nclient = OpenAI(timeout=30)\n```\n\nThat keeps the e2e call bounded.";
    await chatOnce(chat, "Show me timeouts in markdown for the theme screenshots", answer);
    const content = chat.locator(".message.assistant").last().locator(".content");
    await content.locator("h2", { hasText: "Timeouts" }).waitFor();
    await content.locator("strong", { hasText: "timeout=30" }).waitFor();

    const workbenchClass = { light: "vs", dark: "vs-dark", "high-contrast": "hc-black" } as const;
    const startsDark = (await page.locator(".monaco-workbench.vs-dark").count()) > 0;
    const shoot = async (theme: "light" | "dark" | "high-contrast"): Promise<void> => {
      await page.locator(`.monaco-workbench.${workbenchClass[theme]}`).waitFor({ timeout: 30_000 });
      await chat.locator(`body.vscode-${theme}`).waitFor({ timeout: 30_000 });
      // The pointer is moved off the controls so that none shows its hover colour.
      await page.mouse.move(1, 1);
      await chat.locator("#send:not(:hover)").waitFor();
      const colours = await themeColours(chat, CHAT_THEME_CHECKS);
      assert.ok(colours.length >= 4, `the ${theme} theme sets the controls' variables (saw ${JSON.stringify(colours)})`);
      for (const c of colours) assert.equal(c.actual, c.expected, `${theme}: ${c.check}`);
      await screenshot(page, `chat-${theme}`);
      if (theme !== "high-contrast") await shootReviewAndDashboard(theme);
    };
    // The review finding from the review test above, in the Problems panel, and the dashboard.
    const shootReviewAndDashboard = async (theme: "light" | "dark"): Promise<void> => {
      await page.keyboard.press("Control+Shift+M");
      await page.locator(".markers-panel .monaco-list-row", { hasText: "Preflight review" }).first().waitFor({ timeout: 30_000 });
      await screenshot(page, `review-${theme}`);
      await runCommand(page, "Preflight: Show Spend Dashboard");
      const board = panelFrame(page);
      await board.locator(`body.vscode-${theme} canvas`).first().waitFor({ timeout: 30_000 });
      await screenshot(page, `dashboard-${theme}`);
      const boardTab = page.locator(".tabs-container .tab", { hasText: "Preflight Spend" });
      await boardTab.locator(".tab-actions .action-label").click();
      await boardTab.waitFor({ state: "detached", timeout: 30_000 });
    };
    await shoot(startsDark ? "dark" : "light");
    await runCommand(page, "Preferences: Toggle between Light/Dark Themes");
    await shoot(startsDark ? "light" : "dark");
    const beforeHighContrast = await selectColorTheme(page, "Dark High Contrast");
    await shoot("high-contrast");
    // High contrast draws a contrast border round the controls.
    const hcBorders = await themeColours(chat, [["send", ".base", "borderTopColor", "--vscode-contrastBorder"], ["prompt", "textarea", "borderTopColor", "--vscode-contrastBorder"]]);
    assert.equal(hcBorders.length, 2, "the high-contrast theme defines contrastBorder");
    for (const c of hcBorders) assert.equal(c.actual, c.expected, c.check);

    await runCommand(page, "Preflight: Show Spend Dashboard");
    const dashboard = panelFrame(page);
    await dashboard.locator("body.vscode-high-contrast #refresh").waitFor({ timeout: 30_000 });
    await dashboard.locator("canvas").first().waitFor({ timeout: 30_000 });
    await page.mouse.move(1, 1);
    await dashboard.locator("#refresh:not(:hover)").waitFor();
    const dashColours = await themeColours(dashboard, DASHBOARD_THEME_CHECKS);
    assert.ok(dashColours.length >= 2, `the dashboard's controls have theme variables (saw ${JSON.stringify(dashColours)})`);
    for (const c of dashColours) assert.equal(c.actual, c.expected, `dashboard: ${c.check}`);
    await screenshot(page, "dashboard-high-contrast");
    const tab = page.locator(".tabs-container .tab", { hasText: "Preflight Spend" });
    await tab.locator(".tab-actions .action-label").click();
    await tab.waitFor({ state: "detached", timeout: 30_000 });

    // Back to the theme the session started with.
    await selectColorTheme(page, beforeHighContrast);
    await page.locator(`.monaco-workbench.${startsDark ? "vs" : "vs-dark"}`).waitFor({ timeout: 30_000 });
    await runCommand(page, "Preferences: Toggle between Light/Dark Themes");
    await page.locator(`.monaco-workbench.${startsDark ? "vs-dark" : "vs"}`).waitFor({ timeout: 30_000 });
  });

  it("reported no Content Security Policy violation from the chat or the dashboard", async function () {
    const webviews = csp.filter((line) => /webview|vscode-cdn|vscode-resource/i.test(line));
    assert.deepEqual(webviews, [], `CSP violations in the webviews:\n${webviews.join("\n")}`);
    if (csp.length > 0) process.stderr.write(`[e2e] CSP messages outside the webviews (the workbench's own):\n${csp.join("\n")}\n`);
    // The recorder does hear the chat's frame: an inline style attribute is refused and reported.
    const chat = await showChat(page);
    const reported = page.waitForEvent("console", { predicate: (m) => /Content[ -]Security[ -]Policy/i.test(m.text()), timeout: 30_000 });
    await chat.locator("body").evaluate((body) => body.insertAdjacentHTML("beforeend", '<div id="csp-probe" style="color: red">probe</div>'));
    await reported;
    assert.ok(csp.some((line) => /webview|vscode-cdn|vscode-resource/i.test(line)), `the violation is attributed to the webview (saw: ${csp.join(" | ")})`);
    await chat.locator("#csp-probe").evaluate((probe) => probe.remove());
  });
});
