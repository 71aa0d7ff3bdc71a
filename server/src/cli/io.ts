/**
 * What a CLI command receives: its own arguments and the process streams, so commands can be
 * run in-process by tests. A command returns its exit code (see ../shared/design/CLI.md):
 * 0 success, 1 findings/refused, 2 usage or input error, 3 provider failure, 4 budget refused,
 * 5 guard blocked.
 */
export type CliIO = {
  argv: string[];
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
};

export type CliCommand = (io: CliIO) => Promise<number>;

export const EXIT = { ok: 0, findings: 1, usage: 2, provider: 3, budget: 4, guard: 5 } as const;

/** Reads all of stdin as UTF-8. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString("utf8");
}

/** A usage error: message on stderr saying what to do, exit 2. */
export function usageError(io: CliIO, message: string): number {
  io.stderr.write(`preflight: ${message}\nRun "preflight --help" for usage.\n`);
  return EXIT.usage;
}
