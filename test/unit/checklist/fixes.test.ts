import { strict as assert } from "node:assert";
import type { RuleId } from "../../../server/src/checklist/types";
import { applyEdits, lintText } from "./helpers";

/** Applies the first (preferred) quick fix of `rule` and returns the new text. */
async function fix(file: string, text: string, rule: RuleId, title?: RegExp): Promise<string> {
  const findings = await lintText(file, text, [rule]);
  assert.ok(findings.length > 0, `${rule} should fire before the fix`);
  const f = findings[0];
  const chosen = f?.fixes.find((x) => (title ? title.test(x.title) : !x.title.startsWith("Disable")));
  assert.ok(chosen, `a quick fix for ${rule} should exist`);
  return applyEdits(text, chosen.edits);
}

async function assertFixed(file: string, text: string, rule: RuleId, title?: RegExp): Promise<string> {
  const fixed = await fix(file, text, rule, title);
  assert.deepEqual((await lintText(file, fixed, [rule])).map((x) => x.rule), [], `after the fix:\n${fixed}`);
  return fixed;
}

const PY_CALL = `from openai import OpenAI

client = OpenAI()


def ask(q):
    resp = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": q}])
    return resp
`;

const JS_CALL = `import OpenAI from "openai";

const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

export async function ask(q) {
  const resp = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: q }] });
  return resp;
}
`;

describe("checklist quick fixes (applied, then re-linted to zero)", function () {
  this.timeout(30_000);

  it("adds a timeout to a Python client", async () => {
    const fixed = await assertFixed("a.py", PY_CALL, "missing-timeout");
    assert.match(fixed, /OpenAI\(timeout=30\.0\)/);
  });
  it("adds a timeout to a JS client options object", async () => {
    const fixed = await assertFixed("a.ts", JS_CALL, "missing-timeout");
    assert.match(fixed, /new OpenAI\(\{ apiKey: process\.env\.OPENAI_API_KEY, timeout: 30_000 \}\)/);
  });
  it("adds an AbortSignal timeout to a raw fetch", async () => {
    const text = `export async function ask(q) {\n  const r = await fetch("https://api.openai.com/v1/chat/completions", { method: "POST", body: JSON.stringify({ model: "m", max_tokens: 5, messages: [] }) });\n  return r.json();\n}\n`;
    const fixed = await assertFixed("a.js", text, "missing-timeout");
    assert.match(fixed, /signal: AbortSignal\.timeout\(30_000\)/);
  });
  it("adds max_tokens to Python and JS calls", async () => {
    assert.match(await assertFixed("a.py", PY_CALL, "missing-max-tokens"), /max_tokens=1024\)/);
    assert.match(await assertFixed("a.ts", JS_CALL, "missing-max-tokens"), /max_tokens: 1024 \}/);
  });
  it("moves a hard-coded key to an environment lookup (adding import os)", async () => {
    const text = `from openai import OpenAI\n\nclient = OpenAI(api_key="sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56")\n`;
    const fixed = await assertFixed("k.py", text, "hardcoded-api-key");
    assert.match(fixed, /^import os\n/);
    assert.match(fixed, /api_key=os\.environ\["OPENAI_API_KEY"\]/);
    const js = `const key = "sk-ant-api03-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78";\n`;
    assert.match(await assertFixed("k.js", js, "hardcoded-api-key"), /const key = process\.env\.ANTHROPIC_API_KEY;/);
  });
  it("drops a key used as an os.getenv default", async () => {
    const text = `import os\nKEY = os.getenv("OPENAI_API_KEY", "sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56")\n`;
    assert.match(await assertFixed("k.py", text, "hardcoded-api-key"), /os\.getenv\("OPENAI_API_KEY"\)/);
  });
  it("replaces CORS wildcards with a configured origin list", async () => {
    const py = `from fastapi import FastAPI\nfrom fastapi.middleware.cors import CORSMiddleware\n\napp = FastAPI()\napp.add_middleware(CORSMiddleware, allow_origins=["*"], allow_headers=["*"])\n`;
    assert.match(await assertFixed("c.py", py, "cors-wildcard"), /allow_origins=os\.environ\.get\("ALLOWED_ORIGINS", ""\)\.split\(","\)/);
    const js = `const express = require("express");\nconst cors = require("cors");\nconst app = express();\napp.use(cors());\n`;
    assert.match(await assertFixed("c.js", js, "cors-wildcard"), /cors\(\{ origin: \(process\.env\.ALLOWED_ORIGINS \?\? ""\)\.split\(","\) \}\)/);
    const env = `import os\nORIGINS = os.getenv("CORS_ORIGINS", "*").split(",")\n`;
    await assertFixed("c2.py", env, "cors-wildcard");
  });
  it("adds stream_options include_usage to streaming calls", async () => {
    const py = `from openai import OpenAI\nclient = OpenAI(timeout=5)\n\ndef go(m):\n    for c in client.chat.completions.create(model="x", max_tokens=5, stream=True, messages=m):\n        yield c\n`;
    assert.match(await assertFixed("s.py", py, "missing-cost-tracking"), /stream_options=\{"include_usage": True\}/);
    const js = `import OpenAI from "openai";\nconst client = new OpenAI({ timeout: 5 });\nexport async function* go(m) {\n  const s = await client.chat.completions.create({ model: "x", stream: true, messages: m });\n  for await (const c of s) yield c;\n}\n`;
    assert.match(await assertFixed("s.js", js, "missing-cost-tracking"), /stream_options: \{ include_usage: true \}/);
  });
  it("disables a rule for one line with a comment above it", async () => {
    const fixed = await assertFixed("a.py", PY_CALL, "missing-timeout", /^Disable/);
    assert.match(fixed, /\n    # preflight-disable-next-line missing-timeout\n    resp = /);
    const js = await assertFixed("a.ts", JS_CALL, "unchecked-finish-reason", /^Disable/);
    assert.match(js, /\n  \/\/ preflight-disable-next-line unchecked-finish-reason\n/);
  });
});

describe("checklist inline disables", function () {
  this.timeout(30_000);
  it("honours disable-next-line for the named rule only", async () => {
    const text = PY_CALL.replace("    resp =", "    # preflight-disable-next-line missing-timeout, missing-max-tokens\n    resp =");
    const rules = (await lintText("a.py", text)).map((f) => f.rule);
    assert.ok(!rules.includes("missing-timeout") && !rules.includes("missing-max-tokens"));
    assert.ok(rules.includes("unchecked-finish-reason"));
  });
  it("honours preflight-disable-file with and without rule ids", async () => {
    assert.deepEqual(await lintText("a.py", `# preflight-disable-file\n${PY_CALL}`), []);
    const some = (await lintText("a.ts", `// preflight-disable-file missing-timeout\n${JS_CALL}`)).map((f) => f.rule);
    assert.ok(!some.includes("missing-timeout") && some.includes("missing-max-tokens"));
  });
});
