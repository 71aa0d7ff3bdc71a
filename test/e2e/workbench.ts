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
  await chat.locator("#send:enabled").waitFor({ timeout: 30_000 });
  await chat.locator("#prompt").fill(text);
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
