/**
 * `preflight guard [--channel chat|code|document] [--json|--jsonl]`: prompt-injection verdicts
 * per ../shared/design/CLI.md. Output per text: `{"id"?, "verdict", "score", "findings":
 * [{"kind","start","end","evidence"}]}`. `--jsonl` lines are `{"id","text","channel"}` (the
 * line's channel wins over --channel) and always exit 0; a single text exits 5 when it is an
 * injection (the guard would block it) and 0 otherwise. Without --json, an injection also gets
 * a line on stderr saying what that means on the command line.
 */
import { parseArgs } from "node:util";
import { scanInjection } from "../guards/injection/detector";
import type { Channel } from "../pipeline/context";
import { EXIT, readAll, usageError, type CliCommand } from "./io";

const CHANNELS: readonly Channel[] = ["chat", "code", "document"];

/** What a command-line user can do about an injection verdict (there is no send-anyway switch here). */
export const GUARD_HINT =
  "this text looks like a prompt injection (exit 5): `preflight chat` would refuse to send it as a prompt. The spans above are the words that matched (UTF-16 offsets); rephrase those parts if the text is yours and meant.";

function isChannel(v: unknown): v is Channel {
  return typeof v === "string" && (CHANNELS as readonly string[]).includes(v);
}

export const guard: CliCommand = async (io) => {
  let values: { json?: boolean; jsonl?: boolean; channel?: string };
  try {
    values = parseArgs({ args: io.argv, options: { json: { type: "boolean" }, jsonl: { type: "boolean" }, channel: { type: "string" } } }).values;
  } catch (err) {
    return usageError(io, `guard: ${(err as Error).message}. Usage: preflight guard [--channel chat|code|document] [--json|--jsonl] < input`);
  }
  if (values.json && values.jsonl) return usageError(io, "guard: choose one of --json and --jsonl.");
  const channel = values.channel ?? "chat";
  if (!isChannel(channel)) return usageError(io, `guard: --channel must be chat, code or document (got "${channel}").`);
  const input = await readAll(io.stdin);
  if (!values.jsonl) {
    const v = scanInjection(input, channel);
    if (values.json) io.stdout.write(`${JSON.stringify({ verdict: v.verdict, score: v.score, findings: v.findings })}\n`);
    else {
      io.stdout.write(`${v.verdict} ${v.score.toFixed(3)}\n`);
      for (const f of v.findings) io.stdout.write(`  ${f.kind} [${f.start}, ${f.end}) ${f.evidence}\n`);
      if (v.verdict === "injection") io.stderr.write(`preflight: ${GUARD_HINT}\n`);
    }
    return v.verdict === "injection" ? EXIT.guard : EXIT.ok;
  }
  const out: string[] = [];
  const lines = input.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    let record: { id?: unknown; text?: unknown; channel?: unknown };
    try {
      record = JSON.parse(line) as typeof record;
    } catch {
      return usageError(io, `guard: line ${i + 1} is not JSON; each --jsonl line must be {"id": ..., "text": "...", "channel": "chat"}.`);
    }
    if (typeof record.text !== "string") return usageError(io, `guard: line ${i + 1} has no "text" string.`);
    if (record.channel !== undefined && !isChannel(record.channel)) return usageError(io, `guard: line ${i + 1} has channel ${JSON.stringify(record.channel)}; use chat, code or document.`);
    const v = scanInjection(record.text, isChannel(record.channel) ? record.channel : channel);
    out.push(JSON.stringify({ id: record.id ?? null, verdict: v.verdict, score: v.score, findings: v.findings }));
  }
  io.stdout.write(out.length > 0 ? `${out.join("\n")}\n` : "");
  return EXIT.ok;
};
