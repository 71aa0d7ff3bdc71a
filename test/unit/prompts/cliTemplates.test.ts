import { strict as assert } from "node:assert";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { templates } from "../../../server/src/cli/templates";

async function run(argv: string[], cwd: string, home: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c) => (out += c));
  stderr.on("data", (c) => (err += c));
  const code = await templates({ argv, cwd, env: { PREFLIGHT_HOME: home }, stdin: Readable.from([]), stdout, stderr });
  return { code, out, err };
}

describe("cli: preflight templates", () => {
  let dir: string;
  let home: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "preflight-cli-templates-"));
    home = mkdtempSync(join(tmpdir(), "preflight-home-"));
    cpSync(join(__dirname, "../../fixtures/prompts/workspace"), dir, { recursive: true });
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  it("lists built-in and workspace templates as JSON", async () => {
    const { code, out } = await run(["list", "--json"], dir, home);
    assert.equal(code, 0);
    const data = JSON.parse(out);
    assert.deepEqual(data.templates.map((t: { id: string; version: string }) => `${t.id}@${t.version}`), ["chat@1", "chat@2", "explain@1", "review@1"]);
    assert.deepEqual(data.problems, []);
    const explain = data.templates.find((t: { id: string }) => t.id === "explain");
    assert.deepEqual(explain.variables, ["audience", "language"]);
    assert.equal(explain.temperature, 0.2);
    assert.equal(explain.source, join(".preflight", "prompts", "explain.md"), "paths relative to the current directory");
  });

  it("shows one version with its text", async () => {
    const { code, out } = await run(["show", "chat@1", "--json"], dir, home);
    assert.equal(code, 0);
    const data = JSON.parse(out);
    assert.equal(data.source, "built-in");
    assert.match(data.system, /You are Preflight/);
    assert.equal(data.stats.requests, 0);
  });

  it("renders messages with variables and redacts them as the pipeline does", async () => {
    const key = "sk-proj-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCD";
    const { code, out } = await run(["render", "explain", "--var", "language=Rust", "--var", `input=fn main() {} // ${key}`, "--json"], dir, home);
    assert.equal(code, 0);
    const data = JSON.parse(out);
    assert.equal(data.messages[0].content, "You explain Rust code to a new team member. Keep it short.");
    assert.match(data.messages[1].content, /^Explain this:\n\nfn main\(\) \{\} \/\/ \[OPENAI_KEY_1\]$/);
    assert.ok(!out.includes(key));
    assert.equal(data.redactions, 1);
  });

  it("fails with a usage error for a missing variable, an unknown template or a bad subcommand", async () => {
    const missing = await run(["render", "explain"], dir, home);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /needs the variable "language"/);
    const unknown = await run(["show", "nope"], dir, home);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /no template "nope"/);
    assert.equal((await run(["frobnicate"], dir, home)).code, 2);
    assert.match((await run(["show", "chat@9"], dir, home)).err, /has no version "9"; it has 1, 2/);
  });
});
