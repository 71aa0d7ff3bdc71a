/**
 * The `preflight` command line (../shared/design/CLI.md): dispatches to one module per
 * command, each of which runs the same core as the language server.
 */
import { VERSION } from "../version";
import { EXIT, type CliCommand, type CliIO } from "./io";
import { commands } from "./commands";

const HELP = `preflight ${VERSION}: the Preflight pipeline and checklist on the command line

Usage: preflight <command> [options]

Commands:
  scan [PATH...] [--format text|json|sarif] [--rules a,b] [--fail-on warning|error]
  redact [--json|--jsonl]                          redact secrets and PII from stdin
  guard [--channel chat|code|document] [--json|--jsonl]   prompt-injection verdicts for stdin
  cache probe [--jsonl] | stats | clear [--workspace DIR] [--json]
  chat [PROMPT] [--model provider:model] [--fallback provider:model]... [--max-tokens N]
       [--temperature T] [--template ID] [--no-cache] [--timeout SECONDS] [--json] [--workspace DIR]
  budget set --workspace DIR [--daily-usd X] [--monthly-usd Y] [--on-exceed block|warn|downgrade]
  spend --workspace DIR [--json] [--since DATE]
  templates list | show ID | render ID --var k=v

Environment: OPENAI_API_KEY, OPENAI_BASE_URL, ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL,
PREFLIGHT_COMPATIBLE_BASE_URL, PREFLIGHT_HOME (where per-workspace stores live).
Exit codes: 0 ok, 1 findings or refused, 2 usage or input error, 3 provider failure,
4 budget refused, 5 guard blocked.
`;

export async function main(io: CliIO): Promise<number> {
  const [name, ...rest] = io.argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? io.stderr : io.stdout).write(HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === "--version" || name === "-v") {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command: CliCommand | undefined = (commands as Record<string, CliCommand>)[name];
  if (!command) {
    io.stderr.write(`preflight: unknown command "${name}". Run "preflight --help" for the list.\n`);
    return EXIT.usage;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  return command({ ...io, argv: rest });
}

if (require.main === module) {
  main({ argv: process.argv.slice(2), stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`preflight: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
