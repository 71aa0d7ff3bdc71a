/**
 * Stage renderTemplate: picks the template version for this conversation (A/B by stable hash,
 * rolled-back versions skipped), renders ctx.redacted into ctx.prompt, emits a `template`
 * event and applies the template's overrides. A template's model is used only when its
 * provider is already in the user's chain: a file in a repository can pick among the user's
 * providers but cannot send traffic to a provider the user did not choose.
 */
import { ErrorCode } from "../../../../shared/src/errors";
import { formatModelRef } from "../../../../shared/src/settings";
import { PipelineError } from "../../errors";
import type { TemplateRegistry } from "../../prompts/registry";
import { DEFAULT_HISTORY_WINDOW, renderPrompt, type HistoryWindow } from "../../prompts/render";
import type { Template } from "../../prompts/types";
import type { RequestContext, Stage } from "../context";

export type RenderTemplateDeps = {
  /** The registry of the request's workspace. */
  registry: TemplateRegistry | ((ctx: RequestContext) => TemplateRegistry);
  history?: HistoryWindow;
};

/** What the stage leaves in ctx.state under "template", for the stages that record outcomes. */
export type TemplateState = { id: string; version: string; modelOverride: "applied" | "ignored" | "none" };

function applyOverrides(ctx: RequestContext, template: Template): TemplateState["modelOverride"] {
  if (template.temperature !== undefined) ctx.temperature = template.temperature;
  if (template.maxTokens !== undefined) ctx.maxTokens = template.maxTokens;
  const model = template.model;
  if (!model) return "none";
  if (!ctx.route.some((ref) => ref.provider === model.provider)) return "ignored";
  const key = formatModelRef(model);
  ctx.route = [model, ...ctx.route.filter((ref) => formatModelRef(ref) !== key)];
  return "applied";
}

export function renderTemplate(deps: RenderTemplateDeps): Stage {
  return {
    name: "renderTemplate",
    async run(ctx, next) {
      const redacted = ctx.redacted;
      if (!redacted) throw new PipelineError(ErrorCode.Internal, "Internal error: the template stage ran before redaction. See the Preflight log.");
      const registry = typeof deps.registry === "function" ? deps.registry(ctx) : deps.registry;
      const id = ctx.input.templateId ?? ctx.input.kind;
      const template = registry.select(id, ctx.options.conversationId);
      ctx.prompt = renderPrompt(template, redacted, redacted.variables, deps.history ?? DEFAULT_HISTORY_WINDOW);
      const pool = registry.pool(id).filter((t) => t.weight > 0);
      const variant = pool.length > 1 ? `A/B ${pool.findIndex((t) => t.version === template.version) + 1} of ${pool.length}` : undefined;
      ctx.emit({ type: "template", id: template.id, version: template.version, ...(variant ? { variant } : {}) });
      const modelOverride = applyOverrides(ctx, template);
      const state: TemplateState = { id: template.id, version: template.version, modelOverride };
      ctx.state.set("template", state);
      return next(ctx);
    },
  };
}
