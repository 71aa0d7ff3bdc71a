/**
 * Splits a template file into front matter and body and validates the front matter.
 * YAML is parsed by js-yaml with the failsafe schema (every scalar stays a string, so
 * `version: 1.10` is "1.10", not 1.1); zod then checks and converts each key. Every problem
 * carries the 1-based line of the file it is about.
 */
import { FAILSAFE_SCHEMA, load, YAMLException } from "js-yaml";
import { z } from "zod";
import { parseModelRef, type ModelRef } from "../../../shared/src/settings";

export type FrontMatter = {
  id: string;
  version: string;
  description: string;
  variables: Map<string, string | undefined>;
  model?: ModelRef;
  temperature?: number;
  maxTokens?: number;
  weight: number;
  numberLines: boolean;
};

export type SplitFile = { yaml: string; yamlStartLine: number; body: string; bodyStartLine: number };
export type LineProblem = { line: number; message: string };

const FENCE = /^---[ \t]*$/;

/** Finds the `---` fenced front matter at the top of the file. */
export function splitFrontMatter(text: string): SplitFile | LineProblem {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? "")) {
    return { line: 1, message: 'A template starts with front matter: a line "---", then id, version and description, then "---".' };
  }
  const end = lines.findIndex((line, i) => i > 0 && FENCE.test(line));
  if (end < 0) return { line: 1, message: 'The front matter is not closed: add a line "---" after it.' };
  return {
    yaml: lines.slice(1, end).join("\n"),
    yamlStartLine: 2,
    body: lines.slice(end + 1).join("\n"),
    bodyStartLine: end + 2,
  };
}

const text = z.string().trim();
const number = (min: number, max: number) => text.pipe(z.coerce.number<string>().min(min).max(max));

const schema = z
  .object({
    id: text.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "id must be letters, digits, '.', '_' or '-' (e.g. code-review)"),
    version: text.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "version must be letters, digits, '.', '_' or '-' (e.g. 2 or 1.1)"),
    description: text.default(""),
    variables: z
      .union([
        z.array(text.regex(/^[A-Za-z_][\w-]*$/, "a variable name is letters, digits, '_' or '-'")),
        z.record(text.regex(/^[A-Za-z_][\w-]*$/, "a variable name is letters, digits, '_' or '-'"), z.string().nullable()),
      ])
      .optional(),
    model: text.optional(),
    temperature: number(0, 2).optional(),
    maxTokens: text.pipe(z.coerce.number<string>().int().min(1).max(200_000)).optional(),
    weight: number(0, 1_000_000).default(1),
    numberLines: z.enum(["true", "false"]).optional(),
  })
  .strict();

/** The 1-based file line of a top-level key in the front matter, or the first line. */
function keyLine(yaml: string, startLine: number, key: string | undefined): number {
  if (key === undefined) return startLine - 1;
  const index = yaml.split("\n").findIndex((line) => new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*:`).test(line));
  return index < 0 ? startLine - 1 : startLine + index;
}

/** Parses and validates the front matter; returns every problem found, each with its line. */
export function parseFrontMatter(yaml: string, startLine: number): FrontMatter | LineProblem[] {
  let raw: unknown;
  try {
    raw = load(yaml, { schema: FAILSAFE_SCHEMA });
  } catch (err) {
    if (err instanceof YAMLException) {
      return [{ line: startLine + (err.mark?.line ?? 0), message: `The front matter is not valid YAML: ${err.reason}.` }];
    }
    throw err;
  }
  if (raw === null || raw === undefined || typeof raw !== "object" || Array.isArray(raw)) {
    return [{ line: startLine - 1, message: "The front matter must be key: value lines (id, version, description, ...)." }];
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => {
      if (issue.code === "unrecognized_keys") {
        return {
          line: keyLine(yaml, startLine, issue.keys[0]),
          message: `Unknown front matter key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}: known keys are ${Object.keys(schema.shape).join(", ")}.`,
        };
      }
      const key = typeof issue.path[0] === "string" ? issue.path[0] : undefined;
      const missing = issue.code === "invalid_type" && issue.input === undefined;
      return {
        line: keyLine(yaml, startLine, key),
        message: missing ? `The front matter needs "${key}".` : `Front matter "${issue.path.join(".")}": ${issue.message}.`,
      };
    });
  }
  const data = parsed.data;
  const variables = new Map<string, string | undefined>();
  if (Array.isArray(data.variables)) for (const name of data.variables) variables.set(name, undefined);
  else if (data.variables) for (const [name, value] of Object.entries(data.variables)) variables.set(name, value ?? undefined);
  let model: ModelRef | undefined;
  if (data.model !== undefined) {
    const ref = parseModelRef(data.model);
    if (typeof ref === "string") return [{ line: keyLine(yaml, startLine, "model"), message: `Front matter "model": ${ref}` }];
    model = ref;
  }
  return {
    id: data.id,
    version: data.version,
    description: data.description,
    variables,
    weight: data.weight,
    numberLines: data.numberLines === "true",
    ...(model ? { model } : {}),
    ...(data.temperature !== undefined ? { temperature: data.temperature } : {}),
    ...(data.maxTokens !== undefined ? { maxTokens: data.maxTokens } : {}),
  };
}
