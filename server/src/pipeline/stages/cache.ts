/**
 * Stage cache: serves a repeated question from the semantic cache, and stores fresh answers.
 * Placed after guardOutput and unredact (see core/pipeline.ts): a cached answer is written
 * through ctx.sink, so it is guarded and un-redacted like a fresh one, and the text stored is
 * the provider's redacted text. Only temperature-0 requests are served by default; the user
 * can bypass the cache for one message (ctx.options.noCache).
 */
import { ZERO_USAGE } from "../../../../shared/src/events";
import type { CacheKeyInput } from "../../cache/keys";
import { questionOf } from "../../cache/keys";
import type { SemanticCache } from "../../cache/semanticCache";
import type { CacheSettings } from "../../cache/settings";
import type { PipelineResult, RequestContext, Stage } from "../context";

export type SemanticCacheDeps = {
  cache: SemanticCache;
  settings: () => CacheSettings;
  /**
   * The versions of a template requests can currently be rendered with (the registry's A/B
   * pool). Optional: without it, a template rendered without an A/B variant has one live
   * version, the one in the request; during an A/B test nothing is dropped.
   */
  liveTemplateVersions?: (templateId: string) => readonly string[];
};

function skipReason(ctx: RequestContext, settings: CacheSettings): string | undefined {
  if (!settings.enabled) return "the cache is turned off (preflight.cache.enabled)";
  if (ctx.options.noCache) return "bypassed for this message";
  if (settings.onlyTemperatureZero && ctx.temperature !== 0) return `temperature ${ctx.temperature} > 0 (preflight.cache.onlyTemperatureZero)`;
  if (ctx.prompt === undefined || ctx.route.length === 0) return "no rendered prompt";
  return undefined;
}

/** The cache key of a request: its first model, sampling settings, template and every message. */
export function cacheKeyOf(ctx: RequestContext): CacheKeyInput {
  const prompt = ctx.prompt!;
  const ref = ctx.route[0]!;
  return {
    provider: ref.provider,
    model: ref.model,
    temperature: ctx.temperature,
    params: { maxTokens: ctx.maxTokens },
    templateId: prompt.templateId,
    templateVersion: prompt.templateVersion,
    messages: prompt.messages.map((m) => ({ role: m.role, content: m.content })),
  };
}

/**
 * Invalidation on template change: the first request rendered with a template's current
 * version(s) drops the cached answers of its other versions (they could never be served again:
 * the version is part of every key). Once per template and set of live versions per process.
 */
function templateInvalidator(deps: SemanticCacheDeps): (ctx: RequestContext) => void {
  const applied = new Map<string, string>();
  return (ctx) => {
    const prompt = ctx.prompt;
    if (prompt === undefined) return;
    let live = deps.liveTemplateVersions?.(prompt.templateId);
    if (live === undefined) {
      const rendered = [...ctx.events].reverse().find((e) => e.type === "template" && e.id === prompt.templateId);
      // Only the renderTemplate event says whether an A/B test is running; without it, leave the cache alone.
      if (rendered?.type !== "template" || rendered.variant !== undefined) return;
      live = [prompt.templateVersion];
    }
    if (live.length === 0 || !live.includes(prompt.templateVersion)) return;
    const signature = [...live].sort().join("\u0000");
    if (applied.get(prompt.templateId) === signature) return;
    applied.set(prompt.templateId, signature);
    deps.cache.invalidateTemplate(prompt.templateId, live);
  };
}

export function semanticCache(deps: SemanticCacheDeps): Stage {
  const invalidateStale = templateInvalidator(deps);
  return {
    name: "cache",
    async run(ctx, next) {
      const settings = deps.settings();
      deps.cache.configure(settings);
      if (settings.enabled) invalidateStale(ctx);
      const reason = skipReason(ctx, settings);
      if (reason !== undefined) {
        ctx.emit({ type: "cache", status: "skip", reason });
        return { ...(await next(ctx)), cache: "skip" };
      }
      const key = cacheKeyOf(ctx);
      const question = questionOf(key.messages);
      const startedAt = performance.now();
      const hit = await deps.cache.lookup(key, question);
      if (hit) {
        ctx.emit({ type: "cache", status: "hit", kind: hit.kind, similarity: Math.round(hit.similarity * 1000) / 1000, originalQuestion: hit.entry.question });
        ctx.sink.write(hit.entry.answer);
        ctx.sink.end();
        const result: PipelineResult = {
          text: hit.entry.answer,
          complete: true,
          finishReason: "stop",
          provider: hit.entry.provider,
          model: hit.entry.model,
          usage: { ...ZERO_USAGE },
          costUsd: 0,
          cache: "hit",
          ttftMs: Math.round(performance.now() - startedAt),
        };
        return result;
      }
      deps.cache.recordMiss();
      ctx.emit({ type: "cache", status: "miss" });
      const result = await next(ctx);
      const fellBack = ctx.events.some((e) => e.type === "fallback") || result.provider !== key.provider;
      if (result.complete && result.finishReason === "stop" && !fellBack && result.text !== "") {
        await deps.cache.store(key, question, result.text, {
          provider: result.provider,
          model: result.model,
          inputTokens: result.usage.inputTokens,
          outputTokens: result.usage.outputTokens,
          costUsd: result.costUsd,
        });
      }
      return { ...result, cache: "miss" };
    },
  };
}
