/**
 * Turns the text of one template file into a Template, or into the problems that stop it
 * from loading (each with its file line).
 */
import { joinRedacted, type RedactedText } from "../pipeline/brands";
import { parseBody } from "./body";
import { parseFrontMatter, splitFrontMatter } from "./frontMatter";
import type { Template, TemplateProblem, TemplateSource, TemplateTextRedactor } from "./types";

export type ParseResult = { ok: true; template: Template } | { ok: false; problems: TemplateProblem[] };

export function parseTemplate(text: string, source: TemplateSource, redact: TemplateTextRedactor): ParseResult {
  const file = source.kind === "workspace" ? source.file : "(built-in)";
  const fail = (problems: { line: number; message: string }[]): ParseResult => ({
    ok: false,
    problems: problems.map((p) => ({ file, line: p.line, message: p.message, severity: "error" })),
  });
  const split = splitFrontMatter(text);
  if ("line" in split) return fail([split]);
  const front = parseFrontMatter(split.yaml, split.yamlStartLine);
  if (Array.isArray(front)) return fail(front);
  const body = parseBody(split.body, split.bodyStartLine, new Set(front.variables.keys()), redact);
  if (Array.isArray(body)) return fail(body);
  const variables = new Map<string, RedactedText | undefined>();
  for (const [name, value] of front.variables) variables.set(name, value === undefined ? undefined : value === "" ? joinRedacted([]) : redact(value));
  const template: Template = {
    id: front.id,
    version: front.version,
    description: front.description,
    variables,
    weight: front.weight,
    numberLines: front.numberLines,
    system: body.system,
    source,
    ...(body.user ? { user: body.user } : {}),
    ...(front.model ? { model: front.model } : {}),
    ...(front.temperature !== undefined ? { temperature: front.temperature } : {}),
    ...(front.maxTokens !== undefined ? { maxTokens: front.maxTokens } : {}),
  };
  return { ok: true, template };
}
