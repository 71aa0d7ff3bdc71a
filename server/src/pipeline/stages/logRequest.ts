/**
 * Stage logRequest: the outermost stage. It times the whole request and, when it ends,
 * appends one line to the workspace's request log, feeds the latency tracker and records the
 * template version's outcome (ok, truncated or error) for A/B and rollback. Errors are
 * rethrown unchanged; recording never throws and never waits for the disk, and the log line
 * itself is built after the answer has been delivered.
 */
import { ErrorCode } from "../../../../shared/src/errors";
import { toPipelineError } from "../../errors";
import { buildLogRecord, summarize, type RequestEnd } from "../../log/record";
import type { RequestLog } from "../../log/requestLog";
import type { LatencyTracker } from "../../metrics/latencyTracker";
import type { Outcome } from "../../prompts/outcomes";
import type { PipelineResult, RequestContext, Stage } from "../context";

type PerRequest<T> = T | ((ctx: RequestContext) => T);

export type LogRequestDeps = {
  log: PerRequest<RequestLog>;
  latency: PerRequest<LatencyTracker>;
  /** Where template outcomes go (the workspace's TemplateRegistry). */
  outcomes?: PerRequest<{ recordOutcome(id: string, version: string, outcome: Outcome): void }>;
  /** Milliseconds clock; performance.now by default. */
  clock?: () => number;
  /** Told when recording itself fails (a bug), so it can reach the server log. */
  onRecordError?: (err: unknown) => void;
};

/** Errors that say nothing about the template or model: the user's or the configuration's doing. */
const NOT_THE_TEMPLATES_FAULT: ReadonlySet<number> = new Set([
  ErrorCode.RequestCancelled,
  ErrorCode.BudgetExceeded,
  ErrorCode.GuardrailBlocked,
  ErrorCode.AuthFailed,
  ErrorCode.InvalidSettings,
  ErrorCode.InvalidInput,
  ErrorCode.InvalidParams,
]);

const resolve = <T>(value: PerRequest<T>, ctx: RequestContext): T => (typeof value === "function" ? (value as (ctx: RequestContext) => T)(ctx) : value);

function record(deps: LogRequestDeps, ctx: RequestContext, end: RequestEnd): void {
  try {
    const log = resolve(deps.log, ctx);
    log.maxBytes = ctx.settings.logging.maxLogBytes;
    // The line (prompt hash, attempts, serialisation) is built by the log's writer after the
    // answer is delivered, from the events as they are now.
    const events = ctx.events.slice();
    const now = new Date();
    log.appendLater(() => {
      try {
        return buildLogRecord(ctx, end, now, events);
      } catch (err) {
        deps.onRecordError?.(err);
        return undefined;
      }
    });
    const summary = summarize(events, end);
    if (summary.outcome !== "cancelled") {
      resolve(deps.latency, ctx).record({ latencyMs: end.latencyMs, ttftMs: summary.ttftMs, ok: summary.outcome !== "error", cacheHit: summary.cacheStatus === "hit" });
    }
    const outcomes = deps.outcomes ? resolve(deps.outcomes, ctx) : undefined;
    if (!outcomes || !ctx.prompt) return;
    // A cache hit did not exercise the template version, so it is not counted for it.
    if ("result" in end && end.result.cache === "hit") return;
    if ("error" in end && NOT_THE_TEMPLATES_FAULT.has(toPipelineError(end.error).code)) return;
    const outcome: Outcome = summary.outcome === "error" ? "error" : summary.outcome === "truncated" ? "truncated" : "ok";
    outcomes.recordOutcome(ctx.prompt.templateId, ctx.prompt.templateVersion, outcome);
  } catch (err) {
    deps.onRecordError?.(err);
  }
}

export function logRequest(deps: LogRequestDeps): Stage {
  const clock = deps.clock ?? (() => performance.now());
  return {
    name: "logRequest",
    async run(ctx, next) {
      const started = clock();
      let result: PipelineResult;
      try {
        result = await next(ctx);
      } catch (error) {
        record(deps, ctx, { error, latencyMs: clock() - started });
        throw error;
      }
      record(deps, ctx, { result, latencyMs: clock() - started });
      return result;
    },
  };
}
