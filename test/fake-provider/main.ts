/**
 * Runs the fake provider as its own process for the e2e tests and the demo:
 * `npx tsx test/fake-provider/main.ts --port N [--text "reply"] [--chunk-delay-ms MS]`. Prints its
 * URL on stdout (first line, `FAKE_PROVIDER_URL=<url>`) and stops on SIGINT/SIGTERM. Faults are
 * scripted over HTTP (see control.ts: POST /__fake/script, POST /__fake/release).
 */
import { parseArgs } from "node:util";
import { startFakeProvider } from "./server";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: "string", default: "0" }, text: { type: "string" }, "chunk-delay-ms": { type: "string", default: "0" } }, strict: true });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got "${values.port}"`);
  const chunkDelayMs = Number(values["chunk-delay-ms"]);
  if (!Number.isFinite(chunkDelayMs) || chunkDelayMs < 0) throw new Error(`--chunk-delay-ms must be a number of milliseconds, got "${values["chunk-delay-ms"]}"`);
  const fake = await startFakeProvider({ port, chunkDelayMs, ...(values.text !== undefined ? { defaultText: values.text } : {}) });
  process.stdout.write(`FAKE_PROVIDER_URL=${fake.url}\nOpenAI base URL: ${fake.openaiBaseUrl}\nAnthropic base URL: ${fake.anthropicBaseUrl}\n`);
  const stop = () => void fake.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`fake provider: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
