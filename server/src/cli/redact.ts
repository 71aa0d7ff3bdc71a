/**
 * `preflight redact [--json|--jsonl]`: redacts stdin per ../shared/design/CLI.md. Without a
 * flag the redacted text goes to stdout and a count per type to stderr. `--json` prints
 * `{"text","findings":[{"start","end","type","replacement"}]}`; `--jsonl` reads `{"id","text"}`
 * lines and prints `{"id","findings":[…]}` lines. Offsets are UTF-16 code units of the input.
 */
import { parseArgs } from "node:util";
import { PlaceholderMap } from "../guards/placeholders";
import { redactText, type RedactionResult } from "../guards/redactor";
import { EXIT, readAll, usageError, type CliCommand } from "./io";

function findingsOf(r: RedactionResult): { start: number; end: number; type: string; replacement: string }[] {
  return r.findings.map((f) => ({ start: f.start, end: f.end, type: f.type, replacement: f.placeholder ?? "" }));
}

export const redact: CliCommand = async (io) => {
  let values: { json?: boolean; jsonl?: boolean };
  try {
    values = parseArgs({ args: io.argv, options: { json: { type: "boolean" }, jsonl: { type: "boolean" } } }).values;
  } catch (err) {
    return usageError(io, `redact: ${(err as Error).message}. Usage: preflight redact [--json|--jsonl] < input`);
  }
  if (values.json && values.jsonl) return usageError(io, "redact: choose one of --json and --jsonl.");
  const input = await readAll(io.stdin);
  if (!values.jsonl) {
    const result = redactText(input, new PlaceholderMap());
    if (values.json) io.stdout.write(`${JSON.stringify({ text: result.text, findings: findingsOf(result) })}\n`);
    else {
      io.stdout.write(result.text);
      const counts = Object.entries(result.counts).map(([k, n]) => `${k} ${n}`).join(", ");
      io.stderr.write(`preflight: redacted ${result.findings.length} item(s)${counts ? ` (${counts})` : ""}.\n`);
    }
    return EXIT.ok;
  }
  const lines = input.split(/\r?\n/);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      return usageError(io, `redact: line ${i + 1} is not JSON; each --jsonl line must be {"id": ..., "text": "..."}.`);
    }
    const text = (record as { text?: unknown }).text;
    if (typeof text !== "string") return usageError(io, `redact: line ${i + 1} has no "text" string; each --jsonl line must be {"id": ..., "text": "..."}.`);
    const id = (record as { id?: unknown }).id ?? null;
    out.push(JSON.stringify({ id, findings: findingsOf(redactText(text, new PlaceholderMap())) }));
  }
  io.stdout.write(out.length > 0 ? `${out.join("\n")}\n` : "");
  return EXIT.ok;
};
