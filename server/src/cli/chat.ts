/**
 * `preflight chat`: one request through the same pipeline the editor uses. The answer streams
 * to stdout, or `--json` prints one object at the end (CLI.md). Keys come from the environment.
 */
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { ErrorCode } from "../../../shared/src/errors";
import { fromRaw, parseModelRef } from "../../../shared/src/settings";
import { createCore } from "../core/core";
import { storeDirsFor } from "../core/storeDirs";
import { toPipelineError } from "../errors";
import { EXIT, readAll, usageError, type CliCommand, type CliIO } from "./io";

const EXIT_FOR: Partial<Record<number, number>> = {
  [ErrorCode.BudgetExceeded]: EXIT.budget,
  [ErrorCode.GuardrailBlocked]: EXIT.guard,
  [ErrorCode.ProviderUnavailable]: EXIT.provider,
  [ErrorCode.RateLimited]: EXIT.provider,
  [ErrorCode.AuthFailed]: EXIT.provider,
  [ErrorCode.BadProviderResponse]: EXIT.provider,
  [ErrorCode.StreamInterrupted]: EXIT.provider,
  [ErrorCode.InvalidInput]: EXIT.usage,
  [ErrorCode.InvalidSettings]: EXIT.usage,
  [ErrorCode.TemplateError]: EXIT.usage,
};

/** Raw settings for the CLI from flags and the providers' own environment variables. */
function rawSettings(values: Record<string, unknown>, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const timeout = values.timeout !== undefined ? Number(values.timeout) : undefined;
  return {
    model: values.model ?? env.PREFLIGHT_MODEL ?? "",
    fallbacks: values.fallback ?? [],
    endpoints: {
      openai: env.OPENAI_BASE_URL ?? "",
      anthropic: env.ANTHROPIC_BASE_URL ?? "",
      compatible: (values["base-url"] as string | undefined) ?? env.PREFLIGHT_COMPATIBLE_BASE_URL ?? "",
    },
    ...(values["max-tokens"] !== undefined ? { maxTokens: Number(values["max-tokens"]) } : {}),
    ...(values.temperature !== undefined ? { temperature: Number(values.temperature) } : {}),
    ...(timeout !== undefined ? { timeouts: { totalSeconds: timeout, attemptSeconds: timeout } } : {}),
    logging: { logRawPrompts: env.PREFLIGHT_LOG_RAW_PROMPTS === "1" },
  };
}

export const chat: CliCommand = async (io: CliIO) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: io.argv,
      allowPositionals: true,
      options: {
        model: { type: "string" }, fallback: { type: "string", multiple: true }, "max-tokens": { type: "string" },
        temperature: { type: "string" }, template: { type: "string" }, "no-cache": { type: "boolean" },
        timeout: { type: "string" }, json: { type: "boolean" }, workspace: { type: "string" }, "base-url": { type: "string" },
      },
    });
  } catch (err) {
    return usageError(io, err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  for (const ref of [values.model, ...(values.fallback ?? [])]) {
    if (ref !== undefined && typeof parseModelRef(ref) === "string") return usageError(io, parseModelRef(ref) as string);
  }
  const raw = rawSettings(values, io.env);
  const { settings, problems } = fromRaw(raw);
  if (problems.length > 0) return usageError(io, problems.join(" "));
  const text = positionals.length > 0 ? positionals.join(" ") : await readAll(io.stdin);
  if (text.trim() === "") return usageError(io, "give the prompt as an argument or on stdin.");
  const workspaceDir = resolve(io.cwd, values.workspace ?? ".");
  const dirs = storeDirsFor(workspaceDir, io.env);
  const keys: Record<string, string | undefined> = { openai: io.env.OPENAI_API_KEY, anthropic: io.env.ANTHROPIC_API_KEY, compatible: io.env.PREFLIGHT_COMPATIBLE_API_KEY };
  const core = await createCore({
    ...dirs, workspaceDir, settings, rawSettings: raw, surface: "cli",
    getKey: async (kind) => keys[kind] ?? null,
    log: (m) => { if (io.env.PREFLIGHT_DEBUG) io.stderr.write(`${m}\n`); },
  });
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once("SIGINT", onSignal);
  try {
    const result = await core.chat(
      { streamId: "cli", text, history: [], ...(values.template ? { templateId: values.template } : {}), ...(values["no-cache"] ? { noCache: true } : {}) },
      controller.signal,
      { onDelta: (d) => { if (!values.json) io.stdout.write(d); }, onEvent: () => undefined },
    );
    if (values.json) {
      const attempts = result.events.filter((e) => e.type === "attempt").map((e) => ({ provider: e.provider, model: e.model, status: e.status, ...(e.error ? { error: e.error } : {}) }));
      const redactions = result.events.filter((e) => e.type === "redacted").reduce((n, e) => n + Object.values(e.counts).reduce((a, b) => a + b, 0), 0);
      const { cacheWriteTokens: _w, ...usage } = result.usage;
      io.stdout.write(`${JSON.stringify({
        text: result.text, provider: result.provider, model: result.model, complete: result.complete, attempts,
        usage, costUsd: result.costUsd, cache: result.cache, redactions, blocked: false,
        latencyMs: result.latencyMs, ttftMs: result.ttftMs, requestId: result.requestId,
      })}\n`);
    } else {
      io.stdout.write("\n");
      if (result.finishReason === "length") io.stderr.write("preflight: the answer was truncated at --max-tokens; raise it to get the rest.\n");
    }
    return EXIT.ok;
  } catch (err) {
    const e = toPipelineError(err);
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) }, blocked: e.code === ErrorCode.GuardrailBlocked, complete: false, ...(e.partialText !== undefined ? { text: e.partialText } : {}) })}\n`);
    }
    io.stderr.write(`preflight: ${e.message}\n`);
    return EXIT_FOR[e.code] ?? 1;
  } finally {
    process.off("SIGINT", onSignal);
    await core.dispose();
  }
};
