/**
 * The webviews' controls are @vscode-elements components: in real Chromium, under a CSP with
 * no 'unsafe-inline', they render without a single CSP violation, can be used with the
 * keyboard alone, take their colours from the theme's variables (light, dark, high contrast)
 * and fit a narrow sidebar.
 */
import { strict as assert } from "node:assert";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { applyTheme, CHROMIUM, hostSends, openChatPage, openWebviewPage, type Theme, type WebviewPage } from "./page";

type Posted = { kind: string; id?: string; method?: string; params?: Record<string, unknown> & { streamId?: string; filter?: Record<string, unknown> } };

/** Colours from VS Code's default Light Modern, Dark Modern and High Contrast themes. */
const THEMES: Record<"light" | "dark" | "hc", Theme> = {
  light: {
    kind: "vscode-light",
    vars: {
      "--vscode-foreground": "#3b3b3b", "--vscode-sideBar-background": "#f8f8f8", "--vscode-focusBorder": "#005fb8",
      "--vscode-button-background": "#005fb8", "--vscode-button-foreground": "#ffffff", "--vscode-button-border": "#0000001a",
      "--vscode-button-secondaryBackground": "#e5e5e5", "--vscode-button-secondaryForeground": "#3b3b3b",
      "--vscode-settings-textInputBackground": "#ffffff", "--vscode-settings-textInputBorder": "#cecece", "--vscode-settings-textInputForeground": "#3b3b3b",
      "--vscode-settings-dropdownBackground": "#ffffff", "--vscode-settings-dropdownBorder": "#cecece", "--vscode-settings-dropdownForeground": "#3b3b3b",
    },
  },
  dark: {
    kind: "vscode-dark",
    vars: {
      "--vscode-foreground": "#cccccc", "--vscode-sideBar-background": "#181818", "--vscode-focusBorder": "#0078d4",
      "--vscode-button-background": "#0078d4", "--vscode-button-foreground": "#ffffff", "--vscode-button-border": "#ffffff12",
      "--vscode-button-secondaryBackground": "#313131", "--vscode-button-secondaryForeground": "#cccccc",
      "--vscode-settings-textInputBackground": "#313131", "--vscode-settings-textInputBorder": "#3c3c3c", "--vscode-settings-textInputForeground": "#cccccc",
      "--vscode-settings-dropdownBackground": "#313131", "--vscode-settings-dropdownBorder": "#3c3c3c", "--vscode-settings-dropdownForeground": "#cccccc",
    },
  },
  hc: {
    kind: "vscode-high-contrast",
    vars: {
      "--vscode-foreground": "#ffffff", "--vscode-sideBar-background": "#000000", "--vscode-focusBorder": "#f38518", "--vscode-contrastBorder": "#6fc3df",
      "--vscode-button-background": "#000000", "--vscode-button-foreground": "#ffffff", "--vscode-button-border": "#6fc3df",
      "--vscode-button-secondaryBackground": "#000000", "--vscode-button-secondaryForeground": "#ffffff",
      "--vscode-settings-textInputBackground": "#000000", "--vscode-settings-textInputBorder": "#6fc3df", "--vscode-settings-textInputForeground": "#ffffff",
      "--vscode-settings-dropdownBackground": "#000000", "--vscode-settings-dropdownBorder": "#6fc3df", "--vscode-settings-dropdownForeground": "#ffffff",
    },
  },
};

/** `#rrggbb` or `#rrggbbaa` as Chromium's computed `rgb(…)` / `rgba(…)`. */
function rgb(hex: string): string {
  const n = (i: number) => parseInt(hex.slice(i, i + 2), 16);
  if (hex.length === 9) {
    // Chromium keeps alpha in 8 bits and prints the shortest decimal that maps back to it.
    const two = Math.round((n(7) / 255) * 100) / 100;
    const a = Math.round(two * 255) === n(7) ? two : Math.round((n(7) / 255) * 1000) / 1000;
    return `rgba(${n(1)}, ${n(3)}, ${n(5)}, ${a})`;
  }
  return `rgb(${n(1)}, ${n(3)}, ${n(5)})`;
}

function before(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: run scripts/setup-editor.sh.`);
  for (const f of ["chat.js", "dashboard.js"]) {
    if (!existsSync(join(__dirname, "..", "..", "out", "webview", f))) throw new Error(`out/webview/${f} is missing: run npm run build.`);
  }
}

async function waitForPosted(page: Page, method: string, after = 0): Promise<Posted> {
  await page.waitForFunction(([m, n]) => (window as unknown as { __posted: { method?: string }[] }).__posted.filter((p) => p.method === m).length > (n as number), [method, after] as const);
  const all = (await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted)) as Posted[];
  return all.filter((p) => p.method === method).at(-1)!;
}

async function countPosted(page: Page, method: string): Promise<number> {
  const all = (await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted)) as Posted[];
  return all.filter((p) => p.method === method).length;
}

/** How each control is built: its tag, whether its shadow root adopted stylesheets, and any <style> elements in it. */
async function controls(page: Page, ids: string[]): Promise<{ id: string; tag: string; adopted: number; styleElements: number }[]> {
  return page.evaluate((list) => list.map((id) => {
    const e = document.getElementById(id);
    const root = e?.shadowRoot;
    return { id, tag: e?.tagName.toLowerCase() ?? "missing", adopted: root?.adoptedStyleSheets.length ?? 0, styleElements: root?.querySelectorAll("style").length ?? -1 };
  }), ids);
}

/** Presses Tab until the element with `id` (or its shadow content) has focus; returns the ids passed on the way. */
async function tabTo(page: Page, id: string, max = 20): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const active = await page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName ?? "");
    seen.push(active);
    if (active === id) return seen;
  }
  throw new Error(`Tab never reached #${id} (saw ${seen.join(", ")})`);
}

/** Opens a focused picker with the keyboard and chooses the option labelled `label`. */
async function pickWithKeyboard(page: Page, id: string, label: string): Promise<void> {
  const labels = await page.locator(`#${id} vscode-option`).allInnerTexts();
  const target = labels.findIndex((l) => l.trim() === label);
  assert.ok(target >= 0, `#${id} offers ${label} (has ${labels.join(", ")})`);
  const current = await page.evaluate((i) => (document.getElementById(i) as unknown as { selectedIndex: number }).selectedIndex, id);
  await page.keyboard.press("Space");
  await page.locator(`#${id}[open]`).waitFor();
  const key = target > current ? "ArrowDown" : "ArrowUp";
  for (let i = 0; i < Math.abs(target - current); i++) await page.keyboard.press(key);
  await page.keyboard.press("Enter");
  await page.locator(`#${id}:not([open])`).waitFor();
}

type Model = { id: string; label: string; demo: boolean };

async function answerOptions(page: Page, answered = 0, extraModels: Model[] = []): Promise<void> {
  await hostSends(page, { kind: "event", event: { type: "server/state", state: "ready", model: "openai:gpt-4o-mini", demoModel: false } });
  const options = await waitForPosted(page, "chat/options", answered);
  await hostSends(page, {
    kind: "response", id: options.id, ok: true,
    result: {
      models: [{ id: "openai:gpt-4o-mini", label: "openai:gpt-4o-mini", demo: false }, { id: "anthropic:claude-3-5-haiku-latest", label: "anthropic:claude-3-5-haiku-latest", demo: false }, { id: "demo:preflight-demo", label: "Preflight demo model (offline)", demo: true }, ...extraModels],
      templates: [{ id: "chat", label: "chat v1 (built-in)" }, { id: "explain", label: "explain v2" }],
      defaultModel: "openai:gpt-4o-mini",
    },
  });
  await page.locator("#model vscode-option", { hasText: "demo model" }).waitFor({ state: "attached" });
}

async function answerSend(page: Page, send: Posted, text: string): Promise<void> {
  await hostSends(page, { kind: "event", event: { type: "chat/chunk", streamId: send.params?.streamId, delta: text } });
  await hostSends(page, {
    kind: "response", id: send.id, ok: true,
    result: { requestId: "r1", text, complete: true, finishReason: "stop", provider: "openai", model: "gpt-4o-mini", costUsd: 0.0031, cache: "miss", latencyMs: 1400, templateId: "chat", templateVersion: "1", events: [] },
  });
  await page.locator("#send:not([disabled])").waitFor();
}

const CHAT_CONTROLS = ["model", "template", "prompt", "attach", "no-cache", "preview", "stop", "send"];

describe("chat controls (@vscode-elements) in Chromium", function () {
  this.timeout(60_000);
  let cp: WebviewPage;

  beforeEach(async function () {
    before();
    cp = await openChatPage(undefined, { theme: THEMES.dark });
  });

  afterEach(async () => {
    await cp?.browser.close();
  });

  it("are vscode-elements styled by adopted stylesheets, with no CSP violation through a whole chat", async () => {
    const { page } = cp;
    await answerOptions(page);
    const built = await controls(page, CHAT_CONTROLS);
    for (const c of built) {
      assert.match(c.tag, /^vscode-/, `#${c.id} is a vscode-elements component (is <${c.tag}>)`);
      assert.ok(c.adopted > 0, `#${c.id} is styled by constructable stylesheets`);
      assert.equal(c.styleElements, 0, `#${c.id} has no <style> element (which the CSP would block)`);
    }
    // Open and close a picker, send, stream a code block (Copy/Insert), rate the answer.
    await page.locator("#model").click();
    await page.locator("#model [role=option]", { hasText: "demo model" }).click();
    assert.equal(await page.evaluate(() => (document.getElementById("model") as unknown as { value: string }).value), "demo:preflight-demo");
    // A reconnect reloads the choices; the picked model stays picked.
    await answerOptions(page, 1, [{ id: "compatible:llama3.1", label: "compatible:llama3.1", demo: false }]);
    await page.locator("#model vscode-option", { hasText: "llama3.1" }).waitFor({ state: "attached" });
    await page.waitForFunction(() => (document.getElementById("model") as unknown as { selectedIndex: number }).selectedIndex === 2);
    assert.equal(await page.evaluate(() => (document.getElementById("model") as unknown as { value: string }).value), "demo:preflight-demo");
    await page.locator("#prompt textarea").fill("show code");
    await page.locator("#send").click();
    const send = await waitForPosted(page, "chat/send");
    assert.equal(send.params?.model, "demo:preflight-demo");
    await answerSend(page, send, "```ts\nconst x = 1;\n```");
    const last = page.locator(".message.assistant").last();
    await last.locator(".code-actions vscode-button.insert").click();
    await waitForPosted(page, "editor/insert");
    await last.locator("vscode-button.thumb.up").click();
    await waitForPosted(page, "chat/feedback");
    await last.locator('vscode-button.thumb.up[aria-pressed="true"]').waitFor();
    assert.deepEqual(await cp.cspViolations(), []);

    // The recorder does see a violation: a style attribute parsed from markup is blocked.
    await page.evaluate(() => { document.body.insertAdjacentHTML("beforeend", '<div style="color: red">x</div>'); });
    await page.waitForFunction(() => (window as unknown as { __csp: string[] }).__csp.length > 0);
    assert.match((await cp.cspViolations()).join("\n"), /style-src/);
  });

  it("can be used with the keyboard alone: pickers, skip cache, attach, Send, Stop and Retry", async () => {
    const { page } = cp;
    await answerOptions(page);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const order = await tabTo(page, "model");
    assert.equal(order.length, 1, `the model picker is the first stop (saw ${order.join(", ")})`);
    await pickWithKeyboard(page, "model", "anthropic:claude-3-5-haiku-latest");
    await tabTo(page, "template", 1);
    await pickWithKeyboard(page, "template", "explain v2");
    await tabTo(page, "prompt");
    await page.keyboard.type("reviewed with keys only");
    await tabTo(page, "attach", 1);
    await pickWithKeyboard(page, "attach", "Attach selection");
    await tabTo(page, "no-cache", 1);
    await page.keyboard.press("Space");
    await page.locator("#no-cache[checked]").waitFor();
    await tabTo(page, "preview", 1);
    // Stop is hidden while idle, so the next stop is Send.
    await tabTo(page, "send", 1);
    await page.keyboard.press("Enter");
    const send = await waitForPosted(page, "chat/send");
    assert.deepEqual(
      { text: send.params?.text, model: send.params?.model, templateId: send.params?.templateId, attach: send.params?.attach, noCache: send.params?.noCache },
      { text: "reviewed with keys only", model: "anthropic:claude-3-5-haiku-latest", templateId: "explain", attach: "selection", noCache: true },
    );
    // While busy, Send is disabled (out of the tab order) and Stop is reachable.
    await page.locator("#stop:not([hidden])").waitFor();
    await page.locator("#send[disabled]").waitFor();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo(page, "stop");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => (window as unknown as { __posted: { kind?: string }[] }).__posted.some((m) => m.kind === "abort"));
    await hostSends(page, { kind: "response", id: send.id, ok: false, error: { code: -32800, message: "cancelled" } });
    const retry = page.locator(".message.assistant").last().locator("vscode-button.retry");
    await retry.waitFor();
    await page.locator("#stop[hidden]").waitFor({ state: "attached" });
    await retry.focus();
    const sends = await countPosted(page, "chat/send");
    await page.keyboard.press(" ");
    const again = await waitForPosted(page, "chat/send", sends);
    assert.equal(again.params?.text, "reviewed with keys only", "Retry (Space) resends the message");
    assert.deepEqual(await cp.cspViolations(), []);
  });

  it("take their colours from the theme's variables in light, dark and high contrast", async () => {
    const { page } = cp;
    await answerOptions(page);
    for (const [name, theme] of Object.entries(THEMES)) {
      await applyTheme(page, theme);
      // (No named helper inside evaluate: tsx would wrap it in a __name call the page lacks.)
      const seen = await page.evaluate(() => {
        const [send, preview, prompt, model] = ([["send", ".base"], ["preview", ".base"], ["prompt", "textarea"], ["model", ".face"]] as const)
          .map(([id, sel]) => getComputedStyle(document.getElementById(id)!.shadowRoot!.querySelector(sel)!)) as [CSSStyleDeclaration, CSSStyleDeclaration, CSSStyleDeclaration, CSSStyleDeclaration];
        return {
          send: [send.backgroundColor, send.borderTopColor, send.color],
          preview: [preview.backgroundColor, preview.color],
          prompt: [prompt.backgroundColor, prompt.borderTopColor, prompt.color],
          model: [model.backgroundColor, model.borderTopColor],
          body: getComputedStyle(document.body).backgroundColor,
        };
      });
      const v = theme.vars;
      assert.deepEqual(seen, {
        send: [rgb(v["--vscode-button-background"]!), rgb(v["--vscode-button-border"]!), rgb(v["--vscode-button-foreground"]!)],
        preview: [rgb(v["--vscode-button-secondaryBackground"]!), rgb(v["--vscode-button-secondaryForeground"]!)],
        prompt: [rgb(v["--vscode-settings-textInputBackground"]!), rgb(v["--vscode-settings-textInputBorder"]!), rgb(v["--vscode-settings-textInputForeground"]!)],
        model: [rgb(v["--vscode-settings-dropdownBackground"]!), rgb(v["--vscode-settings-dropdownBorder"]!)],
        body: rgb(v["--vscode-sideBar-background"]!),
      }, `${name} theme`);
    }
    assert.deepEqual(await cp.cspViolations(), []);
  });

  it("fit a 220 px sidebar without horizontal scrolling", async () => {
    const { page } = cp;
    await page.setViewportSize({ width: 220, height: 700 });
    await answerOptions(page);
    const layout = await page.evaluate((ids) => ({
      scroll: document.documentElement.scrollWidth,
      width: document.documentElement.clientWidth,
      outside: ids.filter((id) => {
        const e = document.getElementById(id)!;
        if (e.hidden) return false;
        const r = e.getBoundingClientRect();
        return r.left < 0 || r.right > document.documentElement.clientWidth + 0.5 || r.width === 0;
      }),
    }), CHAT_CONTROLS);
    assert.ok(layout.scroll <= layout.width, `no horizontal scroll (${layout.scroll} > ${layout.width})`);
    assert.deepEqual(layout.outside, [], "every visible control is inside the view");
  });
});

const NOW = Date.UTC(2026, 10, 25, 12);
const DASHBOARD_DATA = {
  generatedAt: NOW, timeZone: "UTC",
  today: { costUsd: 0.0123, requests: 2, day: "2026-11-25" }, month: { costUsd: 0.5, requests: 40, month: "2026-11" }, reservedUsd: 0,
  budget: { dailyUsd: 1, monthlyUsd: 20, onExceed: "warn" },
  days: Array.from({ length: 30 }, (_, i) => ({ day: `2026-10-${String(27 + i).padStart(2, "0")}`, costUsd: i * 0.001, requests: i, cacheHits: 0, savedUsd: 0, p50Ms: 800, p95Ms: 1500 })),
  byModel: [{ model: "openai:gpt-4o-mini", costUsd: 0.4, requests: 30 }, { model: "anthropic:claude-3-5-haiku-latest", costUsd: 0.1, requests: 10 }],
  byTemplate: [{ templateId: "chat", templateVersion: "1", costUsd: 0.5, requests: 40 }],
  cache: { hits: 3, savedUsd: 0.02 },
  requests: [{
    id: "r1", ts: NOW, day: "2026-11-25", model: "openai:gpt-4o-mini", status: "settled", costUsd: 0.0123, reservedUsd: 0.02, cache: "miss", templateId: "chat", templateVersion: "1",
    latencyMs: 900, ttftMs: 300, inputTokens: 100, cachedInputTokens: 0, outputTokens: 50, reasoningTokens: 0, savedUsd: 0, priceUnknown: false, releaseReason: null,
  }],
  requestsTotal: 1,
};

describe("dashboard controls (@vscode-elements) in Chromium", function () {
  this.timeout(60_000);

  it("are vscode-elements, filter with the keyboard alone and raise no CSP violation", async () => {
    before();
    const dp = await openWebviewPage("dashboard.js", ["out/webview/uPlot.min.css", "media/dashboard.css"], { width: 900, theme: THEMES.hc });
    try {
      const { page } = dp;
      const first = await waitForPosted(page, "spend/dashboard");
      await hostSends(page, { kind: "response", id: first.id, ok: true, result: DASHBOARD_DATA });
      await page.locator("#filter-model vscode-option", { hasText: "anthropic:claude-3-5-haiku-latest" }).waitFor({ state: "attached" });
      await page.locator("canvas").first().waitFor();
      const built = await controls(page, ["refresh", "export-csv", "export-json", "filter-model", "filter-template", "filter-cache", "filter-status", "filter-since"]);
      for (const c of built) {
        assert.match(c.tag, /^vscode-/, `#${c.id} is a vscode-elements component (is <${c.tag}>)`);
        assert.ok(c.adopted > 0 && c.styleElements === 0, `#${c.id} is styled by constructable stylesheets only`);
      }
      // Keyboard only: the cache filter, then Refresh.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await tabTo(page, "filter-cache", 30);
      let n = await countPosted(page, "spend/dashboard");
      await pickWithKeyboard(page, "filter-cache", "Cache hit");
      const filtered = await waitForPosted(page, "spend/dashboard", n);
      assert.deepEqual(filtered.params?.filter, { cache: "hit" });
      await hostSends(page, { kind: "response", id: filtered.id, ok: true, result: DASHBOARD_DATA });
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await tabTo(page, "refresh");
      n = await countPosted(page, "spend/dashboard");
      await page.keyboard.press("Enter");
      const refreshed = await waitForPosted(page, "spend/dashboard", n);
      assert.deepEqual(refreshed.params?.filter, { cache: "hit" }, "Refresh keeps the filter");
      await hostSends(page, { kind: "response", id: refreshed.id, ok: true, result: DASHBOARD_DATA });
      await tabTo(page, "export-csv", 1);
      await page.keyboard.press("Enter");
      const exp = await waitForPosted(page, "spend/export");
      assert.equal(exp.params?.format, "csv");
      // In high contrast the buttons carry the contrast border.
      const border = await page.evaluate(() => getComputedStyle(document.getElementById("refresh")!.shadowRoot!.querySelector(".base")!).borderTopColor);
      assert.equal(border, rgb(THEMES.hc.vars["--vscode-button-border"]!));
      assert.deepEqual(await dp.cspViolations(), []);
    } finally {
      await dp.browser.close();
    }
  });
});
