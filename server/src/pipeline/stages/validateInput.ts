/**
 * First real stage: refuses input that cannot be sent (empty, over the size limit, no model)
 * with a sentence that says what to do. Runs before redaction so a huge paste is never scanned.
 */
import { ErrorCode } from "../../../../shared/src/errors";
import { PipelineError } from "../../errors";
import type { RequestContext, Stage } from "../context";

export function inputSize(ctx: RequestContext): number {
  let total = ctx.input.text.length;
  for (const turn of ctx.input.history) total += turn.content.length;
  for (const file of ctx.input.attachments) total += file.text.length;
  for (const value of Object.values(ctx.input.variables ?? {})) total += value.length;
  return total;
}

export function validateInput(): Stage {
  return {
    name: "validateInput",
    async run(ctx, next) {
      if (ctx.input.text.trim() === "" && ctx.input.attachments.length === 0) {
        throw new PipelineError(ErrorCode.InvalidInput, "The message is empty: type a question or attach a selection.");
      }
      const size = inputSize(ctx);
      const limit = ctx.settings.limits.maxInputChars;
      if (size > limit) {
        throw new PipelineError(
          ErrorCode.InvalidInput,
          `The message and its attachments are ${size.toLocaleString("en-US")} characters; the limit is ${limit.toLocaleString("en-US")}. ` +
            "Attach a smaller selection, or raise preflight.limits.maxInputChars in your user settings.",
          { size, limit },
        );
      }
      if (ctx.route.length === 0) {
        throw new PipelineError(ErrorCode.InvalidSettings, "No model is configured: set preflight.model (e.g. openai:gpt-4o-mini) or leave it empty for the demo model.");
      }
      return next(ctx);
    },
  };
}
