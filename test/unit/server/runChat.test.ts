import { strict as assert } from "node:assert";
import { fromRaw } from "../../../shared/src/settings";
import { routeFor } from "../../../server/src/core/runChat";
import { validateInput } from "../../../server/src/pipeline/stages/validateInput";
import { compose, type RequestContext } from "../../../server/src/pipeline/context";
import { ErrorCode } from "../../../shared/src/errors";
import { PipelineError } from "../../../server/src/errors";

function ctxWith(text: string, maxInputChars = 100): RequestContext {
  const { settings } = fromRaw({ limits: { maxInputChars } });
  return {
    requestId: "r", signal: new AbortController().signal, settings, options: { noCache: false, sendAnyway: false, conversationId: "c" },
    startedAt: 0, input: { kind: "chat", text, history: [], attachments: [] }, route: routeFor(settings, undefined),
    maxTokens: 10, temperature: 0, sink: { write: () => undefined, end: () => undefined }, emit: () => undefined, events: [], state: new Map(),
  };
}

describe("routeFor", () => {
  it("puts the chosen model first and removes duplicates", () => {
    const { settings } = fromRaw({ model: "openai:gpt-4o-mini", fallbacks: ["anthropic:claude-3-5-haiku-latest", "openai:gpt-4o-mini"] });
    const route = routeFor(settings, "compatible:llama3.1").map((r) => `${r.provider}:${r.model}`);
    assert.deepEqual(route, ["compatible:llama3.1", "anthropic:claude-3-5-haiku-latest", "openai:gpt-4o-mini"]);
  });
});

describe("validateInput stage", () => {
  const terminal = async () => ({ text: "ok", complete: true, finishReason: "stop", provider: "demo", model: "m", usage: { inputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 0, reasoningTokens: 0 }, costUsd: 0, cache: "skip" as const, ttftMs: 1 });
  const run = compose([validateInput()], terminal);

  it("passes input within the limit", async () => {
    assert.equal((await run(ctxWith("hello"))).text, "ok");
  });

  it("refuses input over the limit with the size, the limit and the setting to raise", async () => {
    await assert.rejects(run(ctxWith("x".repeat(150))), (e: unknown) => e instanceof PipelineError && e.code === ErrorCode.InvalidInput && /150 characters; the limit is 100.*maxInputChars/.test(e.message));
  });

  it("refuses an empty message", async () => {
    await assert.rejects(run(ctxWith("   ")), (e: unknown) => e instanceof PipelineError && e.code === ErrorCode.InvalidInput);
  });
});
