/**
 * The review template's answer contract: a prose explanation plus a ```json block holding an
 * array of findings. The zod schema is the single source: the JSON Schema shown to the model
 * is generated from it, and `parseReviewFindings` validates the model's answer against it,
 * keeping every valid finding and naming each invalid one.
 */
import MarkdownIt from "markdown-it";
import { z } from "zod";

export const ReviewFinding = z
  .object({
    line: z.number().int().min(1).describe("1-based line where the problem starts"),
    endLine: z.number().int().min(1).optional().describe("1-based last line of the problem, if it spans lines"),
    severity: z.enum(["error", "warning", "info"]),
    message: z.string().trim().min(1).describe("One sentence: what is wrong and why"),
    replacement: z.string().optional().describe("Replacement text for lines line..endLine, if there is a concrete fix"),
  })
  .refine((f) => f.endLine === undefined || f.endLine >= f.line, { message: "endLine must not be before line", path: ["endLine"] });

export type ReviewFinding = z.infer<typeof ReviewFinding>;

export const ReviewFindings = z.array(ReviewFinding);

/** The JSON Schema of the findings array, as given to the model in the review template. */
export const reviewFindingsJsonSchema = z.toJSONSchema(ReviewFindings, { io: "input" });

export type ReviewParseResult = {
  findings: ReviewFinding[];
  /** One sentence per thing that could not be used (no JSON, bad JSON, an invalid finding). */
  problems: string[];
  /** The answer without its JSON block: the prose explanation. */
  explanation: string;
};

const markdown = new MarkdownIt();

/** Finds the JSON part: the last ```json fence, else any fence that parses, else the whole text. */
function findJson(text: string): { json: string; explanation: string } | undefined {
  const lines = text.split("\n");
  const fences = markdown.parse(text, {}).filter((t) => t.type === "fence" && t.map);
  const tagged = fences.filter((t) => /^json\b/i.test(t.info.trim()));
  const candidates = tagged.length > 0 ? tagged : fences.filter((t) => /^\s*[[{]/.test(t.content));
  const fence = candidates[candidates.length - 1];
  if (fence?.map) {
    const explanation = [...lines.slice(0, fence.map[0]), ...lines.slice(fence.map[1])].join("\n").trim();
    return { json: fence.content, explanation };
  }
  const trimmed = text.trim();
  if (trimmed.startsWith("[") || trimmed.startsWith("{")) return { json: trimmed, explanation: "" };
  return undefined;
}

export function parseReviewFindings(text: string): ReviewParseResult {
  const found = findJson(text);
  if (!found) return { findings: [], problems: ["The answer has no ```json block of findings."], explanation: text.trim() };
  let data: unknown;
  try {
    data = JSON.parse(found.json);
  } catch (err) {
    return { findings: [], problems: [`The findings block is not valid JSON: ${(err as Error).message}.`], explanation: found.explanation };
  }
  if (data !== null && typeof data === "object" && !Array.isArray(data) && Array.isArray((data as { findings?: unknown }).findings)) {
    data = (data as { findings: unknown[] }).findings;
  }
  if (!Array.isArray(data)) return { findings: [], problems: ["The findings block must be a JSON array of findings."], explanation: found.explanation };
  const findings: ReviewFinding[] = [];
  const problems: string[] = [];
  data.forEach((item, index) => {
    const parsed = ReviewFinding.safeParse(item);
    if (parsed.success) findings.push(parsed.data);
    else problems.push(`Finding ${index + 1} was skipped: ${parsed.error.issues.map((i) => `${i.path.join(".") || "finding"}: ${i.message}`).join("; ")}.`);
  });
  return { findings, problems, explanation: found.explanation };
}
