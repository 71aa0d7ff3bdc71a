import { strict as assert } from "node:assert";
import { parseReviewFindings, reviewFindingsJsonSchema } from "../../../server/src/prompts/review";

describe("prompts: review findings", () => {
  it("reads findings from a fenced json block and keeps the prose", () => {
    const text = [
      "The loop has an off-by-one error.",
      "",
      "```json",
      '[{"line": 3, "endLine": 4, "severity": "error", "message": "Off by one.", "replacement": "for (i = 0; i < n; i++)"}]',
      "```",
      "Thanks.",
    ].join("\n");
    const result = parseReviewFindings(text);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.findings, [{ line: 3, endLine: 4, severity: "error", message: "Off by one.", replacement: "for (i = 0; i < n; i++)" }]);
    assert.equal(result.explanation, "The loop has an off-by-one error.\n\nThanks.");
  });

  it("accepts bare JSON, an object with findings, and an untagged fence", () => {
    assert.equal(parseReviewFindings('[{"line":1,"severity":"info","message":"m"}]').findings.length, 1);
    assert.equal(parseReviewFindings('{"findings":[{"line":1,"severity":"info","message":"m"}]}').findings.length, 1);
    assert.equal(parseReviewFindings('See:\n```\n[{"line":2,"severity":"warning","message":"m"}]\n```').findings[0]?.line, 2);
  });

  it("keeps valid findings and names the invalid ones", () => {
    const text = '```json\n[{"line":1,"severity":"error","message":"ok"},{"line":0,"severity":"fatal","message":""},{"line":5,"endLine":2,"severity":"info","message":"x"}]\n```';
    const result = parseReviewFindings(text);
    assert.equal(result.findings.length, 1);
    assert.equal(result.problems.length, 2);
    assert.match(result.problems[0] ?? "", /Finding 2 was skipped: line/);
    assert.match(result.problems[1] ?? "", /endLine must not be before line/);
  });

  it("reports missing and broken JSON without throwing", () => {
    assert.match(parseReviewFindings("Looks fine to me.").problems[0] ?? "", /no ```json block/);
    assert.match(parseReviewFindings("```json\n[{]\n```").problems[0] ?? "", /not valid JSON/);
    assert.match(parseReviewFindings('```json\n{"a":1}\n```').problems[0] ?? "", /must be a JSON array/);
  });

  it("exports a JSON Schema for an array of findings", () => {
    const schema = reviewFindingsJsonSchema as { type: string; items: { required: string[]; properties: Record<string, unknown> } };
    assert.equal(schema.type, "array");
    assert.deepEqual([...schema.items.required].sort(), ["line", "message", "severity"]);
    assert.ok("replacement" in schema.items.properties && "endLine" in schema.items.properties);
  });
});
