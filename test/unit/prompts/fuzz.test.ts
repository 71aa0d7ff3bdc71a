import { strict as assert } from "node:assert";
import fc from "fast-check";
import { parseTemplate } from "../../../server/src/prompts/parseTemplate";
import { parseReviewFindings } from "../../../server/src/prompts/review";
import { renderPrompt } from "../../../server/src/prompts/render";
import { input, passThrough } from "./helpers";

const lines = fc.array(
  fc.oneof(
    fc.constantFrom("---", "id: x", "version: 1", "variables: [a, b]", "variables:", "  a: 1", "# System", "# User", "{{input}}", "{{a}}", "```", "model: openai:m", "temperature: 9", "weight: -1", "[", "{", ": :"),
    fc.string({ maxLength: 40 }),
  ),
  { maxLength: 30 },
);

describe("prompts: fuzzing the parsers", () => {
  it("a template file either loads or yields problems with lines inside the file, never throws", () => {
    fc.assert(
      fc.property(lines, (ls) => {
        const text = ls.join("\n");
        const result = parseTemplate(text, { kind: "workspace", file: "f.md" }, passThrough);
        if (result.ok) {
          const prompt = renderPrompt(result.template, input("q"), Object.fromEntries([...result.template.variables.keys()].map((k) => [k, passThrough("v")])));
          assert.ok(prompt.messages.length >= 2);
        } else {
          assert.ok(result.problems.length > 0);
          for (const p of result.problems) assert.ok(p.line >= 1 && p.line <= Math.max(1, ls.length + 1), `line ${p.line} of ${ls.length}`);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("parseReviewFindings never throws and returns only valid findings", () => {
    const finding = fc.record({ line: fc.integer({ min: -2, max: 50 }), severity: fc.constantFrom("error", "warning", "info", "bad"), message: fc.string({ maxLength: 10 }) }, { requiredKeys: [] });
    const answer = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.array(finding, { maxLength: 5 }).map((a) => `Prose.\n\n\`\`\`json\n${JSON.stringify(a)}\n\`\`\``),
    );
    fc.assert(
      fc.property(answer, (text) => {
        const result = parseReviewFindings(text);
        for (const f of result.findings) assert.ok(f.line >= 1 && ["error", "warning", "info"].includes(f.severity) && f.message.trim() !== "");
      }),
      { numRuns: 2000 },
    );
  });
});
