/**
 * Workbench steps shared by the e2e suites: open a folder, open the Preflight chat view, send a
 * chat message, read the command palette. Every wait is a Playwright locator wait.
 */
import type { FrameLocator, Locator, Page } from "playwright-core";
import { log } from "./editor";

/** Loads the workbench for a folder and waits until the explorer shows its files. */
export async function openWorkbench(page: Page, url: string): Promise<void> {
  const t0 = performance.now();
  await page.goto(url);
  await page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });
  await page.locator(".explorer-folders-view .monaco-list-row").first().waitFor({ timeout: 60_000 });
  log(`workbench and explorer ready after ${Math.round(performance.now() - t0)} ms`);
}

/** The chat webview's document: the sidebar view's frame, even when a webview panel is open too. */
export function chatFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready[src*="purpose=webviewView"]').frameLocator("#active-frame");
}

/** Preflight's status bar item once its accessible label says the server is in `state`. */
export function statusItem(page: Page, state: "starting" | "ready" | "error"): Locator {
  return page.locator(`.statusbar-item:has([aria-label^="Preflight ${state}"]), .statusbar-item[aria-label^="Preflight ${state}"]`).first();
}

/** Clicks the Preflight icon in the activity bar and waits for the chat's prompt box. */
export async function openChat(page: Page): Promise<FrameLocator> {
  const icon = page.locator('.activitybar .action-item a[aria-label^="Preflight"]').first();
  await icon.waitFor({ timeout: 60_000 });
  await icon.click();
  const chat = chatFrame(page);
  await chat.locator("#prompt").waitFor({ timeout: 60_000 });
  return chat;
}

/** Types a message into the chat and presses Send once the chat is idle. */
export async function sendMessage(chat: FrameLocator, text: string): Promise<void> {
  await chat.locator("#send:not([disabled])").waitFor({ timeout: 30_000 });
  await chat.locator("#prompt textarea").fill(text);
  await chat.locator("#send").click();
}

/**
 * Opens the command palette, types `query`, waits until every title in `expect` is listed and
 * returns the texts of all listed entries.
 */
export async function paletteEntries(page: Page, query: string, expect: string[]): Promise<string[]> {
  await page.locator(".monaco-workbench").click({ position: { x: 700, y: 450 } });
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ timeout: 30_000 });
  await input.fill(`>${query}`);
  const rows = page.locator(".quick-input-widget .monaco-list-row");
  for (const title of expect) {
    await rows.filter({ hasText: title }).first().waitFor({ timeout: 30_000 });
  }
  return rows.allInnerTexts();
}

/**
 * Runs a command by its palette title. The palette opens from whatever has focus (so an editor
 * selection survives); the matching row is clicked rather than relying on the highlighted one.
 */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ timeout: 30_000 });
  await input.fill(`>${title}`);
  const row = page.locator(".quick-input-widget .monaco-list-row", { has: page.locator(".label-name", { hasText: title }) }).first();
  await row.waitFor({ timeout: 30_000 });
  await row.click();
  await page.locator(".quick-input-widget").waitFor({ state: "hidden", timeout: 30_000 });
}

/** The document of a webview editor panel (not a sidebar view) such as the spend dashboard. */
export function panelFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready:not([src*="purpose=webviewView"])').frameLocator("#active-frame");
}

/** The chat view's document, picked among several open webviews by its view purpose. */
export function viewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready[src*="purpose=webviewView"]').frameLocator("#active-frame");
}

/** A control's colour and the theme variable it should come from: [element id, shadow selector, CSS property, variable]. */
export type ThemeCheck = [string, string, "backgroundColor" | "borderTopColor" | "color", string];

/**
 * Reads, inside a webview, each control's computed colour and the colour of the theme variable
 * VS Code set on the document (resolved through a probe element), for the variables this theme
 * defines. The vscode-elements components follow the theme when the two agree.
 */
export async function themeColours(frame: FrameLocator, checks: ThemeCheck[]): Promise<{ check: string; actual: string; expected: string }[]> {
  return frame.locator("body").evaluate((body, list) => {
    const probe = document.createElement("div");
    body.append(probe);
    const vars = getComputedStyle(document.documentElement);
    const out: { check: string; actual: string; expected: string }[] = [];
    for (const [id, selector, property, variable] of list) {
      const raw = vars.getPropertyValue(variable).trim();
      if (raw === "") continue;
      probe.style.color = raw;
      const part = document.getElementById(id)?.shadowRoot?.querySelector(selector);
      out.push({ check: `#${id} ${property} ← ${variable}`, actual: part ? getComputedStyle(part)[property] : "missing", expected: getComputedStyle(probe).color });
    }
    probe.remove();
    return out;
  }, checks);
}

/** Chooses a picker's option by its label with the mouse (open the list, click the option). */
export async function pick(frame: FrameLocator, id: string, label: string): Promise<void> {
  await frame.locator(`#${id} vscode-option`, { hasText: label }).first().waitFor({ state: "attached", timeout: 30_000 });
  await frame.locator(`#${id}`).click();
  await frame.locator(`#${id} [role=option]`, { hasText: label }).first().click();
  await frame.locator(`#${id}:not([open])`).waitFor();
}

/**
 * Picks a colour theme by its label in "Preferences: Color Theme" and returns the label of the
 * theme that was current (the picker opens with it focused), so a test can switch back.
 */
export async function selectColorTheme(page: Page, label: string): Promise<string> {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ timeout: 30_000 });
  await input.fill(">Preferences: Color Theme");
  const command = page.locator(".quick-input-widget .monaco-list-row", { has: page.locator(".label-name", { hasText: /^Preferences: Color Theme$/ }) }).first();
  await command.waitFor({ timeout: 30_000 });
  await command.click();
  // The theme list replaces the commands; it opens on the current theme.
  const focused = page.locator(".quick-input-widget .monaco-list-row.focused .label-name").first();
  await page.locator(".quick-input-widget .monaco-list-row .label-name", { hasText: /^Dark High Contrast$/ }).first().waitFor({ timeout: 30_000 });
  const previous = ((await focused.textContent({ timeout: 30_000 })) ?? "").trim();
  await input.fill(label);
  const row = page.locator(".quick-input-widget .monaco-list-row", { has: page.locator(".label-name", { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) }) }).first();
  await row.waitFor({ timeout: 30_000 });
  await row.click();
  await page.locator(".quick-input-widget").waitFor({ state: "hidden", timeout: 30_000 });
  return previous;
}

/**
 * Collects the Content Security Policy violations Chromium reports on the console from any
 * frame of the page (the webviews are frames of the workbench), as "url: message".
 */
export function recordCspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content[ -]Security[ -]Policy/i.test(m.text())) seen.push(`${m.location().url}: ${m.text()}`);
  });
  return seen;
}
