/**
 * Stage enforceBudget: reserves the request's maximum cost in the workspace's ledger before
 * anything is sent, settles the real cost afterwards (written just after the answer is
 * delivered, off its critical path) and releases the reservation when the request fails. Over budget it blocks (BudgetExceeded), warns, or rewrites ctx.route to a
 * cheaper model of the chain, as the workspace's budget says; every step is a `budget` event.
 * Place it after the template is rendered (it estimates input tokens from ctx.prompt) and before
 * the cache lookup (so cache hits are recorded with what they saved).
 */
import { ErrorCode } from "../../../../shared/src/errors";
import type { Usage } from "../../../../shared/src/events";
import { formatModelRef, type ModelRef } from "../../../../shared/src/settings";
import type { BudgetAlert } from "../../budget/alerts";
import type { Ledger, SettleOutcome } from "../../budget/ledger";
import { PipelineError } from "../../errors";
import type { PipelineResult, RequestContext, Stage } from "../context";

export type BudgetDeps = {
  /** The ledger of the workspace the request belongs to. */
  ledger: Ledger | ((ctx: RequestContext) => Ledger | Promise<Ledger>);
  /** The most this request can cost on `ref` (prompt tokens plus ctx.maxTokens at its prices); null when the price is unknown. */
  maxCost(ref: ModelRef, ctx: RequestContext): number | null;
  /** What `usage` costs on `ref`, used to value a cache hit's savings; null when unknown. */
  costOf?(ref: ModelRef, usage: Usage): number | null;
  /** Called with the 50/80/100 % alerts a settlement crossed, for notifications. */
  onAlerts?(alerts: BudgetAlert[], ctx: RequestContext): void;
};

/**
 * What the stage leaves in ctx.state for the layers above. `settled` resolves when the
 * settlement is written (null if it could not be); `alerts` is filled in then.
 */
export type BudgetState = { reservedUsd: number; alerts: BudgetAlert[]; priceUnknown: boolean; settled: Promise<SettleOutcome | null> };

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export function enforceBudget(deps: BudgetDeps): Stage {
  return {
    name: "budget",
    async run(ctx, next) {
      const ledger = typeof deps.ledger === "function" ? await deps.ledger(ctx) : deps.ledger;
      const route = ctx.route;
      const candidates = route.map((ref) => ({ model: formatModelRef(ref), estimateUsd: deps.maxCost(ref, ctx) }));
      const outcome = await ledger.reserve(ctx.requestId, candidates);
      if (!outcome.ok) {
        throw new PipelineError(ErrorCode.BudgetExceeded, outcome.message, { ...outcome.refusal, workspace: ledger.workspaceDir });
      }
      const changed = outcome.order.length !== route.length || outcome.order.some((index, i) => index !== i);
      if (changed) ctx.route = outcome.order.map((i) => route[i]!);
      const detail = outcome.notes.join(" ");
      ctx.emit({ type: "budget", action: "reserved", reservedUsd: outcome.reservedUsd, ...(detail ? { detail } : {}) });
      if (outcome.action !== "reserved") ctx.emit({ type: "budget", action: outcome.action, reservedUsd: outcome.reservedUsd, detail });
      const state: BudgetState = { reservedUsd: outcome.reservedUsd, alerts: [], priceUnknown: false, settled: Promise.resolve(null) };
      ctx.state.set("budget", state);

      let result: PipelineResult;
      try {
        result = await next(ctx);
      } catch (err) {
        const reason = ctx.signal.aborted ? "cancelled" : `failed: ${errorText(err)}`;
        await ledger.release(ctx.requestId, reason).then(
          (released) => { if (released) ctx.emit({ type: "budget", action: "released", reservedUsd: outcome.reservedUsd, detail: reason }); },
          () => undefined,
        );
        throw err;
      }

      const used = ctx.route.find((ref) => ref.provider === result.provider && ref.model === result.model) ?? ctx.route[0]!;
      const usedEstimate = candidates[route.indexOf(used)]?.estimateUsd ?? null;
      state.priceUnknown = result.costUsd === null;
      // An answer that cannot be priced is recorded at its model's estimate (the most it could
      // cost), or at 0 when that model has no price at all (a local model); both are flagged.
      const usd = result.costUsd ?? usedEstimate ?? 0;
      const saved = result.cache === "hit" ? deps.costOf?.(used, result.usage) ?? null : null;
      // The settlement is written just after the answer is delivered, not before (see
      // Ledger.settle); the reservation, at least the real cost, counts until then.
      const settling = ledger.settle({
        requestId: ctx.requestId, usd, model: `${result.provider}:${result.model}`, usage: result.usage,
        latencyMs: Date.now() - ctx.startedAt, ttftMs: result.ttftMs, cache: result.cache,
        ...(ctx.prompt ? { templateId: ctx.prompt.templateId, templateVersion: ctx.prompt.templateVersion } : {}),
        ...(saved !== null ? { savedUsd: saved } : {}),
        ...(state.priceUnknown ? { priceUnknown: true } : {}),
      });
      const note = state.priceUnknown ? `The price of ${formatModelRef(used)} is unknown; recorded the estimate ${usd.toFixed(4)} USD.` : undefined;
      if (!outcome.alreadySettled) ctx.emit({ type: "budget", action: "settled", costUsd: usd, reservedUsd: outcome.reservedUsd, ...(note ? { detail: note } : {}) });
      state.settled = settling.then(
        (settled) => {
          state.alerts = settled.alerts;
          if (settled.alerts.length > 0) deps.onAlerts?.(settled.alerts, ctx);
          return settled;
        },
        (err: unknown) => {
          // The answer is already paid for and shown; say the spend could not be written (yet:
          // it stays queued for the ledger's next write, and the reservation counts until then).
          ctx.emit({ type: "budget", action: "settled", costUsd: usd, detail: `Could not record this request's cost in the ledger: ${errorText(err)}` });
          return null;
        },
      );
      return result;
    },
  };
}

export type CacheSavingsDeps = {
  ledger: BudgetDeps["ledger"];
  /** What the cached answer would have cost from the provider; null when unknown. */
  savedUsd(ctx: RequestContext, result: PipelineResult): number | null;
};

/**
 * Stage recordCacheSavings: place it just before (outside) the cache stage when the budget
 * stage sits after the cache. A cache hit never reaches enforceBudget, so this records it in
 * the ledger as a free request with what it saved (settle is idempotent, so a request the
 * budget stage already settled is not recorded twice). Misses pass through untouched.
 */
export function recordCacheSavings(deps: CacheSavingsDeps): Stage {
  return {
    name: "cacheSavings",
    async run(ctx, next) {
      const result = await next(ctx);
      if (result.cache !== "hit") return result;
      try {
        const ledger = typeof deps.ledger === "function" ? await deps.ledger(ctx) : deps.ledger;
        const saved = deps.savedUsd(ctx, result);
        // Written just after the answer is delivered, like the budget stage's settlements.
        ledger.settle({
          requestId: ctx.requestId, usd: 0, model: `${result.provider}:${result.model}`, usage: result.usage,
          latencyMs: Date.now() - ctx.startedAt, ttftMs: result.ttftMs, cache: "hit",
          ...(ctx.prompt ? { templateId: ctx.prompt.templateId, templateVersion: ctx.prompt.templateVersion } : {}),
          ...(saved !== null ? { savedUsd: saved } : {}),
        }).catch((err: unknown) => ctx.emit({ type: "budget", action: "settled", costUsd: 0, detail: `Could not record this cache hit in the ledger: ${errorText(err)}` }));
      } catch (err) {
        ctx.emit({ type: "budget", action: "settled", costUsd: 0, detail: `Could not record this cache hit in the ledger: ${errorText(err)}` });
      }
      return result;
    },
  };
}
