import { strict as assert } from "node:assert";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isTemplateFile, TemplateRegistry } from "../../../server/src/prompts/registry";
import { passThrough } from "./helpers";

const fixtures = join(__dirname, "../../fixtures/prompts");

describe("prompts: registry", () => {
  let dir: string;
  let registry: TemplateRegistry;
  const file = () => join(dir, ".preflight/prompts/explain.md");

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "preflight-registry-"));
    cpSync(join(fixtures, "workspace"), dir, { recursive: true });
    registry = new TemplateRegistry({ workspaceDir: dir, redact: passThrough });
    await registry.loadAll();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("loads built-ins and workspace files, ordering versions", () => {
    assert.deepEqual(registry.ids(), ["chat", "explain", "review"]);
    assert.deepEqual(registry.versions("chat").map((t) => t.version), ["1", "2"]);
    assert.equal(registry.get("chat")?.version, "2");
    assert.equal(registry.get("chat", "1")?.source.kind, "builtin");
    assert.deepEqual(registry.problems(), []);
  });

  it("keeps the previous good version when a file becomes broken, and reports the problem", () => {
    const broken = readFileSync(join(fixtures, "broken-yaml.md"), "utf8");
    const problems = registry.reloadFile(file(), broken);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.file, file());
    assert.match(problems[0]?.message ?? "", /Version 1 from before this change stays in use/);
    assert.equal(registry.get("explain")?.version, "1", "the good version still serves");
    assert.equal(registry.problemsFor(file()).length, 1);
    const fixed = readFileSync(file(), "utf8").replace("version: 1", "version: 5");
    assert.deepEqual(registry.reloadFile(file(), fixed), []);
    assert.equal(registry.get("explain")?.version, "5");
    assert.deepEqual(registry.problems(), []);
  });

  it("keeps a broken file's last good version across loadAll from disk", async () => {
    writeFileSync(file(), readFileSync(join(fixtures, "unknown-key.md"), "utf8"));
    await registry.loadAll();
    assert.equal(registry.get("explain")?.version, "1");
    assert.equal(registry.problems().length, 1);
  });

  it("a new broken file reports a problem and adds nothing", () => {
    const other = join(dir, ".preflight/prompts/new.md");
    assert.equal(registry.reloadFile(other, "no front matter").length, 1);
    assert.deepEqual(registry.ids(), ["chat", "explain", "review"]);
  });

  it("reports a second file with the same id and version", () => {
    const copy = join(dir, ".preflight/prompts/copy.md");
    const problems = registry.reloadFile(copy, readFileSync(file(), "utf8"));
    assert.match(problems[0]?.message ?? "", /already defines explain version 1/);
  });

  it("drops a deleted file", () => {
    registry.reloadFile(file(), null);
    assert.equal(registry.get("explain"), undefined);
  });

  it("throws a TemplateError naming the choices for an unknown id", () => {
    assert.throws(() => registry.select("nope", "c1"), (err: Error & { code?: number }) => err.code === -32010 && /chat, explain, review/.test(err.message));
  });

  it("recognises template file paths", () => {
    assert.ok(isTemplateFile("/w/.preflight/prompts/a.md"));
    assert.ok(isTemplateFile("C:\\w\\.preflight\\prompts\\a.md"));
    assert.ok(!isTemplateFile("/w/.preflight/prompts/sub/a.md"));
    assert.ok(!isTemplateFile("/w/prompts/a.md"));
  });
});
