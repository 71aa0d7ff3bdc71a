/**
 * Shared helpers for the provider tests: settings pointing at a fake provider, a hand-built
 * RequestContext with a recording sink, and a sleep that records waits without waiting.
 */
import type { PipelineEvent } from "../../../shared/src/events";
import { DEFAULT_SETTINGS, type ModelRef, type Settings } from "../../../shared/src/settings";
import { mintRedacted, mintRendered } from "../../../server/src/pipeline/brands";
import type { RequestContext } from "../../../server/src/pipeline/context";
import type { Sleep } from "../../../server/src/providers/backoff";
import type { FakeProvider } from "../../fake-provider";

export const TEST_KEY = "sk-test-SECRETKEY1234567890";

export const OPENAI: ModelRef = { provider: "openai", model: "gpt-4o-mini" };
export const ANTHROPIC: ModelRef = { provider: "anthropic", model: "claude-haiku-4-5" };
export const COMPATIBLE: ModelRef = { provider: "compatible", model: "llama3" };

export function settingsFor(fake: FakeProvider, patch: Partial<Settings> = {}): Settings {
  return {
    ...DEFAULT_SETTINGS,
    endpoints: { openai: fake.openaiBaseUrl, anthropic: fake.anthropicBaseUrl, compatible: fake.openaiBaseUrl },
    retry: { maxAttempts: 3, baseMs: 100, maxWaitMs: 10_000 },
    ...patch,
  };
}

export type TestCtx = { ctx: RequestContext; deltas: string[]; events: PipelineEvent[]; controller: AbortController; ended: () => boolean };

export function makeCtx(settings: Settings, route: ModelRef[], opts: { question?: string; onDelta?: (d: string, c: AbortController) => void } = {}): TestCtx {
  const controller = new AbortController();
  const deltas: string[] = [];
  const events: PipelineEvent[] = [];
  let ended = false;
  const prompt = mintRendered(
    [
      { role: "system", content: mintRedacted("You are a helpful assistant.") },
      { role: "user", content: mintRedacted(opts.question ?? "How do I add a timeout to a fetch call?") },
    ],
    "chat",
    "1",
  );
  const ctx: RequestContext = {
    requestId: "req-test",
    signal: controller.signal,
    settings,
    options: { noCache: true, sendAnyway: false, conversationId: "c1" },
    startedAt: Date.now(),
    input: { kind: "chat", text: opts.question ?? "q", history: [], attachments: [] },
    prompt,
    route,
    maxTokens: 256,
    temperature: 0,
    sink: {
      write(d) {
        deltas.push(d);
        opts.onDelta?.(d, controller);
      },
      end() {
        ended = true;
      },
    },
    emit: (e) => events.push(e),
    events,
    state: new Map(),
  };
  return { ctx, deltas, events, controller, ended: () => ended };
}

/** A sleep that records each wait and returns at once (still honouring abort). */
export function recordingSleep(): { sleep: Sleep; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms, signal) => {
      signal.throwIfAborted();
      waits.push(ms);
    },
  };
}

export const getKey = async () => TEST_KEY;

export function ofType<T extends PipelineEvent["type"]>(events: PipelineEvent[], type: T): Extract<PipelineEvent, { type: T }>[] {
  return events.filter((e): e is Extract<PipelineEvent, { type: T }> => e.type === type);
}

/** Runs a promise that must reject and returns the error. */
export async function rejects(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error("expected the promise to reject");
}
