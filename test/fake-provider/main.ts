/**
 * Runs the fake provider as its own process for the e2e tests and the demo:
 * `npx tsx test/fake-provider/main.ts --port N [--text "reply"]`. Prints its URL on stdout
 * (first line, `FAKE_PROVIDER_URL=<url>`) and stops on SIGINT/SIGTERM.
 */
import { parseArgs } from "node:util";
import { startFakeProvider } from "./server";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: "string", default: "0" }, text: { type: "string" } }, strict: true });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got "${values.port}"`);
  const fake = await startFakeProvider({ port, ...(values.text !== undefined ? { defaultText: values.text } : {}) });
  process.stdout.write(`FAKE_PROVIDER_URL=${fake.url}\nOpenAI base URL: ${fake.openaiBaseUrl}\nAnthropic base URL: ${fake.anthropicBaseUrl}\n`);
  const stop = () => void fake.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`fake provider: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
