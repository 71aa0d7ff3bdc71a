/**
 * The request pipeline's table of contents: the order of the stages is policy.
 *
 *   log → validate → redact → guard input → (un-redact ← guard output on the stream)
 *       → render template → (cache savings) → cache → budget → provider chain (retry, breaker, fallback)
 *
 * Sink wrappers run in reverse: guardOutput is listed after unredact, so it sees each delta
 * first (still redacted), then unredact restores placeholders for the UI. The cache sits after
 * both, so a cached answer is guarded and un-redacted like a fresh one, and it stores only the
 * provider's (redacted) text.
 */
import { compose, type Next } from "../pipeline/context";
import { logRequest } from "../pipeline/stages/logRequest";
import { validateInput } from "../pipeline/stages/validateInput";
import { redactPii } from "../pipeline/stages/redact";
import { guardInput, type GuardSurface } from "../pipeline/stages/guardInput";
import { unredact } from "../pipeline/stages/unredact";
import { guardOutput } from "../pipeline/stages/guardOutput";
import { renderTemplate } from "../pipeline/stages/renderTemplate";
import { semanticCache } from "../pipeline/stages/cache";
import { enforceBudget, recordCacheSavings } from "../pipeline/stages/budget";
import { countTokens } from "../tokenizer";
import { ZERO_USAGE } from "../../../shared/src/events";
import { createProviderChain, costOf, maxCostOf, estimateTokens, type BreakerRegistry } from "../providers";
import type { Services } from "./services";

export function buildPipeline(s: Services, breakers: BreakerRegistry, surface: GuardSurface = "editor"): Next {
  return compose(
    [
      logRequest({ log: s.requestLog, latency: s.latency, outcomes: s.templates, onRecordError: (e) => s.log(`Request log: ${String(e)}`) }),
      validateInput(),
      redactPii({ store: s.conversations, settings: () => s.guardSettings }),
      guardInput({ settings: () => s.guardSettings, surface }),
      unredact({ store: s.conversations }),
      guardOutput({ settings: () => s.guardSettings }),
      renderTemplate({ registry: s.templates }),
      recordCacheSavings({
        ledger: s.ledger,
        savedUsd: (ctx, r) => (ctx.prompt ? costOf(r.provider, r.model, { ...ZERO_USAGE, inputTokens: estimateTokens(ctx.prompt), outputTokens: countTokens(r.text) }) : null),
      }),
      semanticCache({ cache: s.cache, settings: () => s.cacheSettings, liveTemplateVersions: (id) => s.templates.pool(id).map((t) => t.version) }),
      enforceBudget({
        ledger: s.ledger,
        maxCost: (ref, ctx) => (ctx.prompt ? maxCostOf(ref.provider, ref.model, estimateTokens(ctx.prompt), ctx.maxTokens) : null),
        costOf: (ref, usage) => costOf(ref.provider, ref.model, usage),
        onAlerts: (alerts) => s.onBudgetAlerts(alerts),
      }),
    ],
    createProviderChain({ getKey: s.getKey, breakers }),
  );
}
