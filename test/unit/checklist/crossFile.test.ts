import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { lintFiles } from "../../../server/src/checklist/workspace";
import { engine } from "./helpers";

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pf-xfile-"));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

async function rulesOf(dir: string, rel: string): Promise<string[]> {
  const file = path.join(dir, rel);
  const results = await lintFiles(await engine(), [file], {});
  return (results.get(file) ?? []).map((f) => f.rule);
}

const CALL_PY = `from app.llm import client\n\ndef ask(q):\n    r = client.chat.completions.create(model="m", max_tokens=5, messages=[{"role": "user", "content": q}])\n    return r.choices[0].finish_reason, r.usage\n`;

describe("checklist facts across files and helpers", function () {
  this.timeout(30_000);

  it("follows a Python import of a shared client module (timeout set there or not)", async () => {
    const withTimeout = tree({ "app/llm.py": "from openai import OpenAI\nclient = OpenAI(timeout=10)\n", "app/views.py": CALL_PY });
    assert.ok(!(await rulesOf(withTimeout, "app/views.py")).includes("missing-timeout"));
    const without = tree({ "app/llm.py": "from openai import OpenAI\nclient = OpenAI()\n", "app/views.py": CALL_PY });
    assert.ok((await rulesOf(without, "app/views.py")).includes("missing-timeout"));
  });

  it("follows a TypeScript @/ alias import and a relative import", async () => {
    const call = (spec: string) => `import { openai } from "${spec}";\nexport async function f(q: string) {\n  const r = await openai.chat.completions.create({ model: "m", max_tokens: 5, messages: [{ role: "user", content: q }] });\n  return [r.choices[0].finish_reason, r.usage];\n}\n`;
    const dir = tree({ "src/lib/openai.ts": `import OpenAI from "openai";\nexport const openai = new OpenAI({ maxRetries: 0 });\n`, "src/app/a.ts": call("@/lib/openai"), "src/app/b.ts": call("../lib/openai") });
    for (const f of ["src/app/a.ts", "src/app/b.ts"]) {
      const rules = await rulesOf(dir, f);
      assert.ok(rules.includes("missing-retry"), `${f}: retries disabled on the shared client`);
      assert.ok(rules.includes("missing-timeout"), `${f}: no timeout on the shared client`);
    }
  });

  it("follows self.client, helper functions that return clients, and wrappers whose callers check results", async () => {
    const text = [
      "from openai import OpenAI",
      "",
      "def make_client():",
      "    return OpenAI(timeout=5, max_retries=0)",
      "",
      "class Bot:",
      "    def __init__(self):",
      "        self.client = make_client()",
      "",
      "    def _call(self, q):",
      '        return self.client.chat.completions.create(model="m", max_tokens=5, messages=[{"role": "user", "content": q}])',
      "",
      "    def answer(self, q):",
      "        r = self._call(q)",
      '        if r.choices[0].finish_reason == "length":',
      '            raise ValueError("cut")',
      "        return r.choices[0].message.content",
      "",
    ].join("\n");
    const dir = tree({ "bot.py": text });
    const rules = await rulesOf(dir, "bot.py");
    assert.ok(!rules.includes("missing-timeout"), "timeout comes from the helper-built client");
    assert.ok(rules.includes("missing-retry"), "max_retries=0 on the helper-built client");
    assert.ok(!rules.includes("unchecked-finish-reason"), "the caller of the wrapper checks finish_reason");
  });
});
