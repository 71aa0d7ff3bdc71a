import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ErrorCode } from "../../../shared/src/errors";
import { DEFAULT_SETTINGS } from "../../../shared/src/settings";
import { PipelineError } from "../../../server/src/errors";
import { buildLogRecord, promptSha256, tokensPerSecond } from "../../../server/src/log/record";
import { RequestLog } from "../../../server/src/log/requestLog";
import { LatencyTracker } from "../../../server/src/metrics/latencyTracker";
import { compose, type RequestContext } from "../../../server/src/pipeline/context";
import { mintRedacted } from "../../../server/src/pipeline/brands";
import { logRequest } from "../../../server/src/pipeline/stages/logRequest";
import { renderTemplate } from "../../../server/src/pipeline/stages/renderTemplate";
import { TemplateRegistry } from "../../../server/src/prompts/registry";
import type { Outcome } from "../../../server/src/prompts/outcomes";
import { makeContext, okResult } from "./context";

const MARKER = "ZEBRA-MARKER-7f3a91";

describe("log: request records and the logRequest stage", () => {
  let dir: string;
  let log: RequestLog;
  let latency: LatencyTracker;
  let outcomes: { id: string; version: string; outcome: Outcome }[];
  const registry = new TemplateRegistry({ redact: mintRedacted });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "preflight-logstage-"));
    log = new RequestLog(dir, { maxBytes: 1_000_000 });
    latency = new LatencyTracker();
    outcomes = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Redaction stand-in, then the real template stage, then a scripted provider. */
  function pipeline(terminal: (ctx: RequestContext) => Promise<ReturnType<typeof okResult>>, clockTimes: number[] = [0, 1000]) {
    const times = [...clockTimes];
    const redact = {
      name: "redact",
      run(ctx: RequestContext, next: (ctx: RequestContext) => Promise<ReturnType<typeof okResult>>) {
        ctx.redacted = { text: mintRedacted(ctx.input.text), history: [], attachments: [], variables: {} };
        ctx.emit({ type: "redacted", counts: { EMAIL: 2, OPENAI_KEY: 1 } });
        return next(ctx);
      },
    };
    return compose(
      [
        logRequest({ log, latency, outcomes: { recordOutcome: (id, version, outcome) => outcomes.push({ id, version, outcome }) }, clock: () => times.shift() ?? 0 }),
        redact,
        renderTemplate({ registry }),
      ],
      terminal,
    );
  }

  const readLines = async () => {
    await log.flush();
    return readFileSync(log.path, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  };

  it("logs ids, numbers and the prompt's hash, never the prompt or the answer", async () => {
    const run = pipeline(async (ctx) => {
      ctx.emit({ type: "attempt", provider: "openai", model: "gpt-4o-mini", status: 429, error: "rate limited" });
      ctx.emit({ type: "retry", provider: "openai", attempt: 1, afterStatus: 429, waitMs: 300 });
      ctx.emit({ type: "attempt", provider: "openai", model: "gpt-4o-mini", status: "ok" });
      ctx.emit({ type: "cache", status: "miss", originalQuestion: `question with ${MARKER}` });
      ctx.emit({ type: "guard", channel: "chat", verdict: "benign", score: 0.1, action: "allowed", evidence: [{ kind: "k", start: 0, end: 3, evidence: MARKER }] });
      return okResult({ text: `answer ${MARKER}` });
    });
    const ctx = makeContext({ text: `Please review ${MARKER} now` });
    await run(ctx);
    const raw = readdirSync(dir).map((f) => readFileSync(join(dir, f), "utf8")).join("");
    assert.ok(!raw.includes(MARKER), "the marker must not reach the log");
    const [line] = await readLines();
    assert.equal(line.requestId, "req-1");
    assert.deepEqual(line.template, { id: "chat", version: "1" });
    assert.equal(line.outcome, "ok");
    assert.equal(line.latencyMs, 1000);
    assert.equal(line.ttftMs, 100);
    assert.equal(line.tokensPerSecond, 55.6, "50 tokens over the 900 ms after the first token");
    assert.equal(line.retries, 1);
    assert.deepEqual(line.attempts, [
      { provider: "openai", model: "gpt-4o-mini", status: 429, error: "rate limited", waitMs: 300 },
      { provider: "openai", model: "gpt-4o-mini", status: "ok" },
    ]);
    assert.deepEqual(line.redactions, { total: 3, byType: { EMAIL: 2, OPENAI_KEY: 1 } });
    assert.equal(line.promptSha256, promptSha256(ctx.prompt!));
    assert.match(line.promptSha256, /^[0-9a-f]{64}$/);
    assert.equal(line.prompt, undefined);
    assert.deepEqual(outcomes, [{ id: "chat", version: "1", outcome: "ok" }]);
    assert.equal(latency.snapshot().count, 1);
  });

  it("logs the prompt only when logRawPrompts is on", async () => {
    const run = pipeline(async () => okResult());
    await run(makeContext({ text: MARKER, settings: { ...DEFAULT_SETTINGS, logging: { ...DEFAULT_SETTINGS.logging, logRawPrompts: true } } }));
    const [line] = await readLines();
    assert.ok(JSON.stringify(line.prompt).includes(MARKER));
  });

  it("records an error, rethrows it unchanged and counts it against the template", async () => {
    const failure = new PipelineError(ErrorCode.ProviderUnavailable, "Every provider failed.");
    const run = pipeline(async () => {
      throw failure;
    });
    await assert.rejects(run(makeContext()), (err) => err === failure);
    const [line] = await readLines();
    assert.equal(line.outcome, "error");
    assert.deepEqual(line.error, { code: ErrorCode.ProviderUnavailable, name: "ProviderUnavailable", message: "Every provider failed." });
    assert.deepEqual(outcomes.map((o) => o.outcome), ["error"]);
    assert.equal(latency.snapshot().errors, 1);
  });

  it("does not count cancellations or budget refusals against the template", async () => {
    for (const code of [ErrorCode.RequestCancelled, ErrorCode.BudgetExceeded]) {
      const run = pipeline(async () => {
        throw new PipelineError(code, "stop");
      });
      await assert.rejects(run(makeContext()));
    }
    assert.deepEqual(outcomes, []);
    const lines = await readLines();
    assert.deepEqual(lines.map((l) => l.outcome), ["cancelled", "error"]);
    assert.equal(latency.snapshot().count, 1, "a cancellation is not a latency sample");
  });

  it("records a truncated answer as truncated", async () => {
    const run = pipeline(async () => okResult({ finishReason: "length" }));
    await run(makeContext());
    assert.equal((await readLines())[0].outcome, "truncated");
    assert.deepEqual(outcomes.map((o) => o.outcome), ["truncated"]);
  });

  it("computes tokens per second from the streaming time", () => {
    assert.equal(tokensPerSecond(100, 2000, 1000), 100);
    assert.equal(tokensPerSecond(100, 2000, null), 50);
    assert.equal(tokensPerSecond(0, 2000, 100), null);
  });

  it("builds a record for a request that failed before rendering", () => {
    const ctx = makeContext();
    const record = buildLogRecord(ctx, { error: new Error("boom"), latencyMs: 5 });
    assert.equal(record.template, null);
    assert.equal(record.promptSha256, null);
    assert.equal(record.provider, "openai");
    assert.equal(record.model, "gpt-4o-mini");
    assert.equal(record.error?.name, "Internal");
  });
});
