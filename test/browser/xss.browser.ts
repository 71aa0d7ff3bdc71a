/**
 * The XSS corpus rendered by the real chat webview in real Chromium: nothing executes, nothing
 * remote loads, and the dangerous markup is gone from the DOM. Plus keyboard-only use.
 */
import { strict as assert } from "node:assert";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { hostSends, openChatPage, CHROMIUM, type ChatPage } from "./page";

const corpus = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "xss", "corpus.json"), "utf8")) as string[];

type Posted = { kind: string; id?: string; method?: string; params?: { text?: string; streamId?: string } };

async function answerLastSend(cp: ChatPage, text: string): Promise<void> {
  const { page } = cp;
  await page.waitForFunction(() => (window as unknown as { __posted: { method?: string }[] }).__posted.some((m) => m.method === "chat/send"));
  const posted = (await cp.posted()) as Posted[];
  const send = posted.filter((m) => m.method === "chat/send").at(-1);
  assert.ok(send?.id && send.params?.streamId);
  await hostSends(page, { kind: "event", event: { type: "chat/chunk", streamId: send.params.streamId, delta: text } });
  await hostSends(page, {
    kind: "response", id: send.id, ok: true,
    result: { requestId: "r", text, complete: true, finishReason: "stop", provider: "demo", model: "m", costUsd: 0, cache: "miss", latencyMs: 5, templateId: "chat", templateVersion: "1", events: [] },
  });
  await page.locator("#send:not([disabled])").waitFor();
}

describe("chat webview in Chromium", function () {
  let cp: ChatPage;

  before(async function () {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: run scripts/setup-editor.sh.`);
    if (!existsSync(join(__dirname, "..", "..", "out", "webview", "chat.js"))) throw new Error("out/webview/chat.js is missing: run npm run build.");
    cp = await openChatPage();
  });

  after(async () => {
    await cp?.browser.close();
  });

  it("renders every XSS payload without executing or loading anything", async function () {
    this.timeout(180_000);
    const { page } = cp;
    for (const [i, payload] of corpus.entries()) {
      await page.evaluate(() => { (window as unknown as { __posted: unknown[] }).__posted.length = 0; });
      await page.locator("#prompt textarea").fill(`payload ${i}`);
      await page.locator("#send").click();
      await answerLastSend(cp, payload);
    }
    // Links that survive are plain http(s)/mailto targets: in the editor a click goes to VS Code's
    // link opener (which asks before opening an external site), never to script.
    const hrefs = await page.locator(".message.assistant .content a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    assert.ok(hrefs.every((h) => /^(https?:|mailto:)/i.test(h)), `unexpected link targets: ${hrefs.join(", ")}`);
    const xss = await page.evaluate(() => (window as unknown as { __xss?: string }).__xss);
    assert.equal(xss, undefined, `a payload executed: ${xss}`);
    assert.deepEqual(cp.dialogs, []);
    const remote = cp.requests.filter((u) => !u.startsWith("about:") && !u.startsWith("data:"));
    assert.deepEqual(remote, [], "remote requests were made");
    const dom = await page.evaluate(() => {
      const answers = Array.from(document.querySelectorAll(".message.assistant .content"));
      const all = answers.flatMap((a) => Array.from(a.querySelectorAll("*")));
      return {
        count: answers.length,
        scripts: all.filter((e) => ["SCRIPT", "IFRAME", "OBJECT", "EMBED", "FORM", "META", "LINK", "BASE", "STYLE", "svg", "SVG", "math"].includes(e.tagName)).map((e) => e.tagName),
        handlers: all.flatMap((e) => Array.from(e.attributes).filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName}.${a.name}`)),
        badHrefs: all.filter((e) => e.tagName === "A" && /^\s*(javascript|data|vbscript):/i.test(e.getAttribute("href") ?? "")).length,
        remoteImages: all.filter((e) => e.tagName === "IMG" && !(e.getAttribute("src") ?? "").startsWith("data:image/")).length,
        styled: all.filter((e) => e.hasAttribute("style")).length,
      };
    });
    assert.equal(dom.count, corpus.length);
    assert.deepEqual(dom.scripts, []);
    assert.deepEqual(dom.handlers, []);
    assert.equal(dom.badHrefs, 0);
    assert.equal(dom.remoteImages, 0);
    assert.equal(dom.styled, 0);
    const text = await page.locator("#messages").innerText();
    assert.match(text, /\[image removed: exfil\]/, "a removed image says so");
    assert.ok(!text.includes("SECRET_TOKEN_VALUE") || text.includes("[image removed"), "exfiltration URL is not loaded");
  });

  it("renders markdown with highlighted code and Copy/Insert buttons, streamed into one message", async () => {
    const { page } = cp;
    await page.locator("#prompt textarea").fill("show code");
    await page.locator("#send").click();
    await answerLastSend(cp, "Here:\n\n```python\nprint('hi')\n```\n\n- **bold** item");
    const last = page.locator(".message.assistant").last();
    await last.locator("pre code .hljs-built_in, pre code .hljs-string").first().waitFor();
    await last.locator(".code-actions vscode-button.copy").waitFor();
    await last.locator(".code-actions vscode-button.insert").click();
    const posted = (await cp.posted()) as Posted[];
    assert.ok(posted.some((m) => m.method === "editor/insert"), "Insert asks the host to insert the code");
    assert.equal(await last.locator("strong").innerText(), "bold");
  });

  it("can be used with the keyboard alone: focus, type, Enter sends, Escape stops", async () => {
    const { page } = cp;
    await page.evaluate(() => { (window as unknown as { __posted: unknown[] }).__posted.length = 0; (document.activeElement as HTMLElement | null)?.blur(); });
    // Tab order: the pickers come first, then the conversation, then the prompt.
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate(() => document.activeElement?.id === "prompt")) break;
    }
    assert.equal(await page.evaluate(() => document.activeElement?.id), "prompt");
    await page.keyboard.type("hello from the keyboard");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => (window as unknown as { __posted: { method?: string }[] }).__posted.some((m) => m.method === "chat/send"));
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => (window as unknown as { __posted: { kind?: string }[] }).__posted.some((m) => m.kind === "abort"));
    const posted = (await cp.posted()) as Posted[];
    const send = posted.find((m) => m.method === "chat/send");
    const abort = posted.find((m) => m.kind === "abort");
    assert.equal(send?.params?.text, "hello from the keyboard");
    assert.equal(abort?.id, send?.id, "Escape aborts the request it sent");
    await hostSends(page, { kind: "response", id: send?.id, ok: false, error: { code: -32800, message: "cancelled" } });
    await page.locator(".message.assistant").last().locator(".error-text", { hasText: "Stopped." }).waitFor();
  });
});

describe("chat webview history in Chromium", function () {
  it("keeps a bounded conversation across reloads, clears it, and exports it as Markdown", async () => {
    const saved = { history: Array.from({ length: 130 }, (_, i) => ({ role: i % 2 === 0 ? "user" : "assistant", content: i % 2 === 0 ? `question ${i}` : `**answer** ${i}` })) };
    const cp = await openChatPage(saved);
    try {
      const { page } = cp;
      assert.equal(await page.locator(".message").count(), 100, "only the last 100 turns are restored");
      assert.equal(await page.locator(".message.assistant strong").first().innerText(), "answer");
      await page.locator("#prompt textarea").fill("one more");
      await page.locator("#send").click();
      await answerLastSend(cp, "done");
      const state = (await page.evaluate(() => (window as unknown as { __state: { history: unknown[] } }).__state)) as { history: { content: string }[] };
      assert.equal(state.history.length, 100);
      assert.equal(state.history.at(-1)?.content, "done");
      const send = ((await cp.posted()) as Posted[]).filter((m) => m.method === "chat/send").at(-1) as Posted & { params: { history: unknown[] } };
      assert.equal(send.params.history.length, 20, "at most 20 turns are sent with a message");
      await hostSends(page, { kind: "event", event: { type: "chat/export" } });
      await page.waitForFunction(() => (window as unknown as { __posted: { method?: string }[] }).__posted.some((m) => m.method === "chat/export"));
      const exp = ((await cp.posted()) as (Posted & { params: { markdown?: string } })[]).find((m) => m.method === "chat/export");
      assert.match(exp?.params.markdown ?? "", /## You\n\none more/);
      await hostSends(page, { kind: "event", event: { type: "chat/clear" } });
      await page.waitForFunction(() => document.querySelectorAll(".message").length === 0);
      const cleared = (await page.evaluate(() => (window as unknown as { __state: { history: unknown[] } }).__state)) as { history: unknown[] };
      assert.deepEqual(cleared.history, []);
    } finally {
      await cp.browser.close();
    }
  });
});
