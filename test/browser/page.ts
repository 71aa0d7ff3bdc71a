/**
 * Loads the real chat webview bundle (out/webview/chat.js) in Debian's Chromium under the
 * same CSP as in the editor, with a stand-in for the VS Code webview API that records what the
 * webview posts. The test plays the host by dispatching messages into the page.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

const ROOT = join(__dirname, "..", "..");
export const CHROMIUM = process.env.PREFLIGHT_CHROMIUM ?? "/usr/bin/chromium";

export type ChatPage = { browser: Browser; page: Page; requests: string[]; dialogs: string[]; posted(): Promise<unknown[]> };

export async function openChatPage(savedState?: unknown): Promise<ChatPage> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const script = readFileSync(join(ROOT, "out", "webview", "chat.js"), "utf8");
  const css = ["buttons.css", "chat.css"].map((f) => readFileSync(join(ROOT, "media", f), "utf8")).join("\n");
  const nonce = "bm9uY2UtZm9yLXRlc3Rz";
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src data:; font-src 'none'`;
  const stub = `window.__posted = []; window.__state = ${JSON.stringify(savedState ?? null).replace(/</g, "\\u003c")};
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => window.__state ?? undefined, setState: (s) => { window.__state = s; } });`;
  await page.setContent(
    `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="${csp}"><style nonce="${nonce}">${css}</style></head>` +
      `<body><script nonce="${nonce}">${stub}</script><script nonce="${nonce}">${script.replace(/<\/script/gi, "<\\/script")}</script></body></html>`,
  );
  await page.locator("#prompt").waitFor();
  return { browser, page, requests, dialogs, posted: () => page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted) };
}

/** Plays the host: dispatches one HostToWebview message into the page. */
export async function hostSends(page: Page, message: unknown): Promise<void> {
  await page.evaluate((data) => window.dispatchEvent(new MessageEvent("message", { data })), message);
}
