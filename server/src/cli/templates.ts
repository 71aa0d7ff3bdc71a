/**
 * `preflight templates list|show ID[@VERSION]|render ID[@VERSION] --var k=v` over the
 * workspace's `.preflight/prompts/` and the built-ins (CLI.md). `render` runs the variables
 * (the user's text is the variable `input`) through the guards' redactor, exactly as the
 * pipeline does, and prints the messages a provider would receive.
 */
import { isAbsolute, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { storeDirsFor } from "../core/storeDirs";
import { PlaceholderMap } from "../guards/placeholders";
import { redactInput } from "../guards/redactor";
import { DEFAULT_GUARD_SETTINGS } from "../guards/settings";
import { toPipelineError } from "../errors";
import type { RedactedText } from "../pipeline/brands";
import { TemplateRegistry } from "../prompts/registry";
import { renderPrompt } from "../prompts/render";
import { templateRedactor } from "../prompts/templateRedactor";
import type { Template, TemplateProblem } from "../prompts/types";
import { EXIT, usageError, type CliCommand, type CliIO } from "./io";

const USAGE = "use: preflight templates list | show ID[@VERSION] | render ID[@VERSION] [--var name=value]... [--conversation ID] [--workspace DIR] [--json]";

/** A path as the user would type it: relative to the current directory when inside it. */
function shown(io: CliIO, file: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(io.cwd, file);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
}

function printProblems(io: CliIO, problems: readonly TemplateProblem[]): void {
  for (const p of problems) io.stderr.write(`${shown(io, p.file)}:${p.line}: ${p.severity}: ${p.message}\n`);
}

function findTemplate(registry: TemplateRegistry, ref: string, conversation: string | undefined): Template | string {
  const at = ref.lastIndexOf("@");
  const id = at > 0 ? ref.slice(0, at) : ref;
  const version = at > 0 ? ref.slice(at + 1) : undefined;
  if (registry.versions(id).length === 0) return `there is no template "${id}"; "preflight templates list" shows the ${registry.ids().length} there are.`;
  if (version !== undefined) {
    return registry.get(id, version) ?? `template "${id}" has no version "${version}"; it has ${registry.versions(id).map((t) => t.version).join(", ")}.`;
  }
  return conversation !== undefined ? registry.select(id, conversation) : (registry.get(id) as Template);
}

function parseVars(raw: readonly string[]): Record<string, string> | string {
  const vars: Record<string, string> = {};
  for (const item of raw) {
    const eq = item.indexOf("=");
    if (eq <= 0) return `--var takes name=value, got "${item}".`;
    vars[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return vars;
}

function segmentsText(segments: Template["system"]): string {
  return segments.map((s) => (s.kind === "text" ? s.text : `{{${s.name}}}`)).join("");
}

export const templates: CliCommand = async (io: CliIO) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: io.argv,
      allowPositionals: true,
      options: { var: { type: "string", multiple: true }, workspace: { type: "string" }, json: { type: "boolean" }, conversation: { type: "string" } },
    });
  } catch (err) {
    return usageError(io, `${err instanceof Error ? err.message : String(err)}; ${USAGE}`);
  }
  const { values, positionals } = parsed;
  const [sub, ref, ...extra] = positionals;
  if (sub === undefined || !["list", "show", "render"].includes(sub) || extra.length > 0) return usageError(io, USAGE);
  if (sub !== "list" && ref === undefined) return usageError(io, `"templates ${sub}" needs a template id; ${USAGE}`);
  const workspaceDir = resolve(io.cwd, values.workspace ?? ".");
  const registry = new TemplateRegistry({ workspaceDir, storeDir: storeDirsFor(workspaceDir, io.env).storeDir, redact: templateRedactor() });
  await registry.loadAll();
  const problems = registry.problems().map((p) => ({ ...p, file: shown(io, p.file) }));
  const out = (data: unknown) => io.stdout.write(`${JSON.stringify(data, null, values.json ? undefined : 2)}\n`);

  if (sub === "list") {
    const list = registry.list().map((t) => ({ ...t, source: t.source === "built-in" ? t.source : shown(io, t.source) }));
    if (values.json) out({ templates: list, problems });
    else {
      for (const t of list) {
        const flags = [t.source, `weight ${t.weight}`, ...(t.rolledBack ? ["ROLLED BACK"] : [])];
        io.stdout.write(`${t.id}@${t.version}\t${t.description}\t(${flags.join(", ")})\n`);
      }
      printProblems(io, problems);
    }
    return EXIT.ok;
  }

  const found = findTemplate(registry, ref as string, values.conversation);
  if (typeof found === "string") {
    printProblems(io, problems);
    return usageError(io, found);
  }
  if (sub === "show") {
    const base = registry.info(found);
    const info = { ...base, source: base.source === "built-in" ? base.source : shown(io, base.source), stats: registry.outcomes.get(found.id, found.version), system: segmentsText(found.system), ...(found.user ? { user: segmentsText(found.user) } : {}) };
    if (values.json) out(info);
    else {
      const { system, user, ...meta } = info;
      io.stdout.write(`${JSON.stringify(meta, null, 2)}\n--- system ---\n${system}\n${user !== undefined ? `--- user ---\n${user}\n` : ""}`);
    }
    return EXIT.ok;
  }

  const vars = parseVars(values.var ?? []);
  if (typeof vars === "string") return usageError(io, vars);
  const { input = "", ...rest } = vars;
  const parts = redactInput({ kind: "chat", text: input, history: [], attachments: [], variables: rest }, new PlaceholderMap(), DEFAULT_GUARD_SETTINGS);
  const variables: Record<string, RedactedText> = {};
  for (const [name, result] of Object.entries(parts.variables)) variables[name] = result.text;
  const redactions = [parts.text, ...Object.values(parts.variables)].reduce((n, r) => n + r.findings.filter((f) => f.placeholder !== null).length, 0);
  try {
    const prompt = renderPrompt(found, { text: parts.text.text, history: [], attachments: [], variables });
    if (values.json) out({ id: prompt.templateId, version: prompt.templateVersion, redactions, messages: prompt.messages });
    else {
      for (const m of prompt.messages) io.stdout.write(`--- ${m.role} ---\n${m.content}\n`);
      if (redactions > 0) io.stderr.write(`preflight: ${redactions} value${redactions === 1 ? " was" : "s were"} redacted, as the pipeline would.\n`);
    }
    return EXIT.ok;
  } catch (err) {
    return usageError(io, toPipelineError(err).message);
  }
};
