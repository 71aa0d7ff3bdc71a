/**
 * The body of a template: optional `# System` and `# User` sections (found with markdown-it,
 * so a heading inside a code fence does not count) and `{{variable}}` placeholders.
 * Without section headings the whole body is the system message and the user's text is sent
 * as the user message unchanged.
 */
import MarkdownIt from "markdown-it";
import { joinRedacted } from "../pipeline/brands";
import { INPUT_VARIABLE, type Segment, type TemplateTextRedactor } from "./types";
import type { LineProblem } from "./frontMatter";

const markdown = new MarkdownIt();
const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w-]*)\s*\}\}/g;

export type ParsedBody = { system: Segment[]; user?: Segment[] };

type Section = { name: "system" | "user"; headingLine: number; start: number; end: number };

function findSections(lines: string[], body: string): Section[] {
  const sections: Section[] = [];
  const tokens = markdown.parse(body, {});
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token?.type !== "heading_open" || !token.map) continue;
    const name = tokens[i + 1]?.content.trim().toLowerCase();
    if (name !== "system" && name !== "user") continue;
    const previous = sections[sections.length - 1];
    if (previous) previous.end = token.map[0];
    sections.push({ name, headingLine: token.map[0], start: token.map[1], end: lines.length });
  }
  return sections;
}

/** Splits text into literal and placeholder segments; literal text is redacted. */
function segments(text: string, redact: TemplateTextRedactor): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) out.push({ kind: "text", text: redact(text.slice(last, match.index)) });
    out.push({ kind: "var", name: match[1] ?? "" });
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push({ kind: "text", text: redact(text.slice(last)) });
  return out.length > 0 ? out : [{ kind: "text", text: joinRedacted([]) }];
}

/** Checks placeholders against the declared variables; returns problems with file lines. */
function checkPlaceholders(lines: string[], from: number, to: number, firstLine: number, declared: ReadonlySet<string>): LineProblem[] {
  const problems: LineProblem[] = [];
  for (let i = from; i < to; i++) {
    for (const match of (lines[i] ?? "").matchAll(PLACEHOLDER)) {
      const name = match[1] ?? "";
      if (name !== INPUT_VARIABLE && !declared.has(name)) {
        problems.push({ line: firstLine + i, message: `"{{${name}}}" is not a declared variable: add it to "variables" in the front matter.` });
      }
    }
  }
  return problems;
}

/**
 * Parses the body. `firstLine` is the file line of the body's first line, so problems point
 * at the right place in the file.
 */
export function parseBody(body: string, firstLine: number, declared: ReadonlySet<string>, redact: TemplateTextRedactor): ParsedBody | LineProblem[] {
  const lines = body.split("\n");
  const sections = findSections(lines, body);
  const slice = (from: number, to: number) => lines.slice(from, to).join("\n").trim();
  if (sections.length === 0) {
    const problems = checkPlaceholders(lines, 0, lines.length, firstLine, declared);
    if (problems.length > 0) return problems;
    if (slice(0, lines.length) === "") return [{ line: firstLine, message: "The template has no text: write the system prompt below the front matter." }];
    return { system: segments(slice(0, lines.length), redact) };
  }
  const problems: LineProblem[] = [];
  const first = sections[0] as Section;
  if (slice(0, first.headingLine) !== "") {
    problems.push({ line: firstLine, message: 'Text before the first "# System" or "# User" heading would be ignored: move it into a section.' });
  }
  const byName = new Map<string, Section>();
  for (const section of sections) {
    if (byName.has(section.name)) {
      problems.push({ line: firstLine + section.headingLine, message: `A second "# ${section.name === "system" ? "System" : "User"}" section: keep one.` });
    }
    byName.set(section.name, section);
    problems.push(...checkPlaceholders(lines, section.start, section.end, firstLine, declared));
  }
  const system = byName.get("system");
  const user = byName.get("user");
  if (!system || slice(system.start, system.end) === "") {
    problems.push({ line: firstLine + (system?.headingLine ?? 0), message: 'The template needs a non-empty "# System" section.' });
  }
  if (user && !new RegExp(`\\{\\{\\s*${INPUT_VARIABLE}\\s*\\}\\}`).test(slice(user.start, user.end))) {
    problems.push({ line: firstLine + user.headingLine, message: 'The "# User" section must contain {{input}} (the user\'s message), or it would be dropped.' });
  }
  if (problems.length > 0 || !system) return problems;
  return {
    system: segments(slice(system.start, system.end), redact),
    ...(user ? { user: segments(slice(user.start, user.end), redact) } : {}),
  };
}
