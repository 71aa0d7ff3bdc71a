import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PassThrough } from "node:stream";
import Ajv from "ajv";
import { scan } from "../../../server/src/cli/scan";
import { listFiles } from "../../../server/src/checklist/workspace";
import { checklistSettingsFromRaw, DEFAULT_CHECKLIST_SETTINGS } from "../../../server/src/checklist/settings";
import { FIXTURES } from "./helpers";

async function runScan(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d: Buffer) => (out += d.toString()));
  stderr.on("data", (d: Buffer) => (err += d.toString()));
  const code = await scan({ argv, stdin: new PassThrough(), stdout, stderr, env: {}, cwd });
  return { code, stdout: out, stderr: err };
}

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pf-scan-"));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const BAD = `from openai import OpenAI\nclient = OpenAI(api_key="sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56")\n`;

describe("preflight scan", function () {
  this.timeout(60_000);

  it("prints the JSON shape of CLI.md with 1-based positions and exits 1 on errors", async () => {
    const dir = workspace({ "app.py": BAD });
    const r = await runScan(["--format", "json"], dir);
    assert.equal(r.code, 1);
    const doc = JSON.parse(r.stdout) as { version: number; findings: Record<string, unknown>[] };
    assert.equal(doc.version, 1);
    assert.deepEqual(doc.findings[0], {
      file: "app.py", line: 2, column: 25, endLine: 2, endColumn: 67, rule: "hardcoded-api-key", severity: "error",
      message: doc.findings[0]?.message,
    });
    assert.deepEqual(Object.keys(doc.findings[0] ?? {}), ["file", "line", "column", "endLine", "endColumn", "rule", "severity", "message"]);
  });

  it("honours --rules and --fail-on", async () => {
    const dir = workspace({ "app.py": `${BAD}\ndef f(q):\n    return client.chat.completions.create(model="m", messages=[])\n` });
    const timeoutOnly = await runScan(["--format=json", "--rules", "missing-timeout"], dir);
    const doc = JSON.parse(timeoutOnly.stdout) as { findings: { rule: string }[] };
    assert.deepEqual([...new Set(doc.findings.map((f) => f.rule))], ["missing-timeout"]);
    assert.equal(timeoutOnly.code, 0, "warnings do not fail by default");
    assert.equal((await runScan(["--rules", "missing-timeout", "--fail-on", "warning"], dir)).code, 1);
    assert.equal((await runScan(["--rules", "missing-timeout", "--fail-on", "error"], dir)).code, 0);
  });

  it("exits 2 with a message on usage errors", async () => {
    const dir = workspace({});
    for (const argv of [["--format", "xml"], ["--rules", "nope"], ["--fail-on", "info"], ["--bogus"], ["missing-dir"]]) {
      const r = await runScan(argv, dir);
      assert.equal(r.code, 2, argv.join(" "));
      assert.match(r.stderr, /preflight: /);
    }
  });

  it("writes SARIF 2.1.0 that validates against the official schema", async () => {
    const r = await runScan(["--format", "sarif", path.join(FIXTURES, "tune", "files", "py")], process.cwd());
    const log = JSON.parse(r.stdout) as { runs: { results: unknown[] }[] };
    assert.ok((log.runs[0]?.results.length ?? 0) > 10);
    const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../fixtures/sarif/sarif-schema-2.1.0.json"), "utf8")) as Record<string, unknown>;
    delete schema.$schema;
    delete schema.id;
    const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5)));
    const broken = { ...log, version: "2.0.0" };
    assert.equal(validate(broken), false, "the validator must reject a wrong version");
  });

  it("prints text output with one line per finding and a summary", async () => {
    const dir = workspace({ "app.py": BAD });
    const r = await runScan([], dir);
    assert.match(r.stdout, /^app\.py:2:25 {2}error {2}hardcoded-api-key {2}/);
    assert.match(r.stdout, /1 finding \(1 error, 0 warning, 0 info\)/);
  });
});

describe("checklist workspace listing and settings", () => {
  it("honours nested .gitignore files, exclude globs and the size limit", async () => {
    const dir = workspace({
      ".gitignore": "build/\n*.gen.py\n",
      "a.py": "x = 1\n",
      "b.gen.py": "x = 1\n",
      "build/c.py": "x = 1\n",
      "sub/.gitignore": "local.ts\n",
      "sub/local.ts": "export {};\n",
      "sub/kept.ts": "export {};\n",
      "node_modules/p/index.js": "x\n",
      "vendor/v.js": "x\n",
      "big.js": "x".repeat(3000),
      "notes.md": "# no\n",
    });
    const files = (await listFiles([dir], { maxFileKb: 2, exclude: ["vendor/"] })).map((f) => path.relative(dir, f).split(path.sep).join("/"));
    assert.deepEqual(files, ["a.py", "sub/kept.ts"]);
  });

  it("sanitises raw settings and names each problem", () => {
    const ok = checklistSettingsFromRaw({ enabled: true, rules: { "missing-streaming": "off", "cors-wildcard": "warning" }, maxFileKb: 64, exclude: ["gen/**"] });
    assert.deepEqual(ok.problems, []);
    assert.equal(ok.settings.rules["missing-streaming"], "off");
    assert.equal(ok.settings.rules["cors-wildcard"], "warning");
    assert.equal(ok.settings.maxFileKb, 64);
    const bad = checklistSettingsFromRaw({ enabled: "yes", rules: { nope: "off", "missing-timeout": "loud" }, maxFileKb: -1, exclude: "x" });
    assert.equal(bad.problems.length, 5);
    assert.deepEqual(bad.settings, DEFAULT_CHECKLIST_SETTINGS);
  });
});
