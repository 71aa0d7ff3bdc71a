import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseTemplate } from "../../../server/src/prompts/parseTemplate";
import { builtinTemplates } from "../../../server/src/prompts/builtins";
import { passThrough } from "./helpers";

const fixtures = join(__dirname, "../../fixtures/prompts");
const parse = (text: string) => parseTemplate(text, { kind: "workspace", file: "t.md" }, passThrough);
const problemsOf = (text: string) => {
  const result = parse(text);
  assert.equal(result.ok, false, "expected the template to be rejected");
  return result.ok ? [] : result.problems;
};

describe("prompts: template files", () => {
  it("parses front matter with variables, defaults and overrides", () => {
    const result = parse(readFileSync(join(fixtures, "workspace/.preflight/prompts/explain.md"), "utf8"));
    assert.ok(result.ok);
    const t = result.template;
    assert.equal(t.id, "explain");
    assert.equal(t.version, "1");
    assert.equal(t.temperature, 0.2);
    assert.equal(t.maxTokens, 800);
    assert.equal(t.weight, 1);
    assert.deepEqual([...t.variables.entries()], [["audience", "a new team member"], ["language", undefined]]);
    assert.ok(t.user, "has a user section");
    assert.deepEqual(t.system.filter((s) => s.kind === "var").map((s) => (s.kind === "var" ? s.name : "")), ["language", "audience"]);
  });

  it("keeps versions as written (1.10 is not 1.1)", () => {
    const result = parse("---\nid: x\nversion: 1.10\n---\nHello.\n");
    assert.ok(result.ok);
    assert.equal(result.template.version, "1.10");
  });

  it("parses a model override and rejects a malformed one on its line", () => {
    const ok = parse("---\nid: x\nversion: 1\nmodel: openai:gpt-4o-mini\n---\nHi.\n");
    assert.ok(ok.ok);
    assert.deepEqual(ok.template.model, { provider: "openai", model: "gpt-4o-mini" });
    const [problem] = problemsOf("---\nid: x\nversion: 1\nmodel: gpt-4o\n---\nHi.\n");
    assert.equal(problem?.line, 4);
    assert.match(problem?.message ?? "", /provider:model/);
  });

  it("reports invalid YAML with the file line", () => {
    const [problem] = problemsOf(readFileSync(join(fixtures, "broken-yaml.md"), "utf8"));
    assert.ok(problem);
    assert.match(problem.message, /not valid YAML/);
    assert.ok(problem.line >= 4 && problem.line <= 5, `line ${problem.line}`);
  });

  it("names an unknown key and its line", () => {
    const [problem] = problemsOf(readFileSync(join(fixtures, "unknown-key.md"), "utf8"));
    assert.equal(problem?.line, 4);
    assert.match(problem?.message ?? "", /"descripton".*known keys are/);
  });

  it("reports a missing id and a missing front matter", () => {
    assert.match(problemsOf("---\nversion: 1\n---\nHi.\n")[0]?.message ?? "", /needs "id"/);
    const [noFront] = problemsOf("Just text.\n");
    assert.equal(noFront?.line, 1);
    assert.match(noFront?.message ?? "", /starts with front matter/);
    assert.match(problemsOf("---\nid: x\n")[0]?.message ?? "", /not closed/);
  });

  it("rejects out-of-range numbers on their lines", () => {
    const problems = problemsOf("---\nid: x\nversion: 1\ntemperature: 3\nmaxTokens: many\n---\nHi.\n");
    assert.deepEqual(problems.map((p) => p.line).sort(), [4, 5]);
  });

  it("reports an undeclared placeholder on the line where it is", () => {
    const [problem] = problemsOf(readFileSync(join(fixtures, "undeclared-variable.md"), "utf8"));
    assert.equal(problem?.line, 6);
    assert.match(problem?.message ?? "", /\{\{persona\}\}/);
  });

  it("requires {{input}} in a user section and ignores headings inside code fences", () => {
    assert.match(problemsOf("---\nid: x\nversion: 1\n---\n# System\nS\n# User\nno input here\n")[0]?.message ?? "", /\{\{input\}\}/);
    const fenced = parse("---\nid: x\nversion: 1\n---\nSystem text.\n```\n# User\n```\n");
    assert.ok(fenced.ok);
    assert.equal(fenced.template.user, undefined);
  });

  it("parses the built-ins with the same parser", () => {
    const ids = builtinTemplates(passThrough).map((t) => `${t.id}@${t.version}`);
    assert.deepEqual(ids, ["chat@1", "review@1"]);
  });
});
