/**
 * The fake provider as its own process (used by the demo and e2e): it prints its URL, takes
 * faults over its control routes, and answers the real SDK.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import OpenAI from "openai";

function urlFrom(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString("utf8");
      const m = /FAKE_PROVIDER_URL=(\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once("exit", (code) => reject(new Error(`fake provider exited with ${code}`)));
  });
}

describe("fake provider process", function () {
  this.timeout(30_000);
  let child: ChildProcess;
  afterEach(() => {
    if (child.exitCode === null) child.kill("SIGTERM");
  });

  it("prints its URL, accepts scripted faults over HTTP, and serves the SDK", async () => {
    child = spawn(process.execPath, ["--import", "tsx", "test/fake-provider/main.ts", "--port", "0", "--text", "standalone answer"], { stdio: ["ignore", "pipe", "inherit"] });
    const url = await urlFrom(child);
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const scripted = await fetch(`${url}/__fake/script`, { method: "POST", body: JSON.stringify([{ kind: "status", status: 503 }]) });
    assert.deepEqual(await scripted.json(), { queued: 1 });
    const bad = await fetch(`${url}/__fake/script`, { method: "POST", body: JSON.stringify([{ kind: "nonsense" }]) });
    assert.equal(bad.status, 400);
    const client = new OpenAI({ apiKey: "k", baseURL: `${url}/v1`, maxRetries: 0, logLevel: "off" });
    const err = (await client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "hi" }] }).catch((e: unknown) => e)) as { status?: number };
    assert.equal(err.status, 503);
    const ok = await client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "hi" }] });
    assert.equal(ok.choices[0]!.message.content, "standalone answer");
    const recorded = (await (await fetch(`${url}/__fake/requests`)).json()) as { protocol: string }[];
    assert.deepEqual(recorded.map((r) => r.protocol), ["openai", "openai"]);
  });
});
