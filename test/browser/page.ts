/**
 * Loads a real webview bundle (out/webview/chat.js or dashboard.js) in Debian's Chromium under
 * the same kind of CSP as in the editor (scripts and styles only with a nonce, no
 * 'unsafe-inline'), with a stand-in for the VS Code webview API that records what the webview
 * posts. The test plays the host by dispatching messages into the page. Every CSP violation
 * from the first script on is recorded.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

const ROOT = join(__dirname, "..", "..");
export const CHROMIUM = process.env.PREFLIGHT_CHROMIUM ?? "/usr/bin/chromium";

export type WebviewPage = {
  browser: Browser;
  page: Page;
  requests: string[];
  dialogs: string[];
  posted(): Promise<unknown[]>;
  /** "directive blockedURI sample" for every securitypolicyviolation event so far. */
  cspViolations(): Promise<string[]>;
};
export type ChatPage = WebviewPage;

export type PageOptions = {
  savedState?: unknown;
  /** Viewport width in CSS pixels (a sidebar is often 250-400). */
  width?: number;
  /** The body classes and theme variables VS Code puts on the webview document. */
  theme?: Theme;
};

/** What VS Code's webview host sets for a colour theme: body classes, data attributes and `--vscode-*` variables on <html>. */
export type Theme = { kind: "vscode-light" | "vscode-dark" | "vscode-high-contrast"; vars: Record<string, string> };

export async function openWebviewPage(bundle: "chat.js" | "dashboard.js", styles: string[], opts: PageOptions = {}): Promise<WebviewPage> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage({ viewport: { width: opts.width ?? 360, height: 800 } });
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const script = readFileSync(join(ROOT, "out", "webview", bundle), "utf8");
  const css = styles.map((f) => readFileSync(join(ROOT, f), "utf8")).join("\n");
  const nonce = "bm9uY2UtZm9yLXRlc3Rz";
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src data:; font-src 'none'`;
  const stub = `window.__csp = []; document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || "")));
window.__posted = []; window.__state = ${JSON.stringify(opts.savedState ?? null).replace(/</g, "\\u003c")};
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => window.__state ?? undefined, setState: (s) => { window.__state = s; } });
window.__applyTheme = (theme) => {
  document.body.classList.remove("vscode-light", "vscode-dark", "vscode-high-contrast");
  document.body.classList.add(theme.kind);
  document.body.dataset.vscodeThemeKind = theme.kind;
  for (const [k, v] of Object.entries(theme.vars)) document.documentElement.style.setProperty(k, v);
};
${opts.theme ? `window.__applyTheme(${JSON.stringify(opts.theme).replace(/</g, "\\u003c")});` : ""}`;
  await page.setContent(
    `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="${csp}"><style nonce="${nonce}">${css}</style></head>` +
      `<body><script nonce="${nonce}">${stub}</script><script nonce="${nonce}">${script.replace(/<\/script/gi, "<\\/script")}</script></body></html>`,
  );
  return {
    browser, page, requests, dialogs,
    posted: () => page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted),
    cspViolations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
  };
}

export async function openChatPage(savedState?: unknown, opts: Omit<PageOptions, "savedState"> = {}): Promise<ChatPage> {
  const cp = await openWebviewPage("chat.js", ["media/chat.css"], { ...opts, savedState });
  await cp.page.locator("#prompt textarea").waitFor();
  return cp;
}

/** Switches the page to another theme the way VS Code does (classes, data attribute, variables). */
export async function applyTheme(page: Page, theme: Theme): Promise<void> {
  await page.evaluate((t) => (window as unknown as { __applyTheme(t: Theme): void }).__applyTheme(t), theme);
}

/** Plays the host: dispatches one HostToWebview message into the page. */
export async function hostSends(page: Page, message: unknown): Promise<void> {
  await page.evaluate((data) => window.dispatchEvent(new MessageEvent("message", { data })), message);
}
