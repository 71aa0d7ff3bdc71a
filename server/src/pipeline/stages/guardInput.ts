/**
 * Stage guardInput: scans the redacted input for prompt injection. In the chat channel an
 * injection is blocked with an explanation and what the user can do about it on their surface
 * (the editor's chat offers "Send anyway", and ctx.options.sendAnyway lets that one message
 * through; the command line has no such switch, so it says to rephrase and how to see what
 * matched); code and documents under review are marked `wrapAsData`, so the template renderer
 * wraps them as data and tells the model they are data, and a `guard` event carries the
 * evidence spans for the UI. Evidence never contains input text.
 */
import { ErrorCode } from "../../../../shared/src/errors";
import type { GuardEvidence } from "../../../../shared/src/events";
import { PipelineError } from "../../errors";
import { scanInjection } from "../../guards/injection/detector";
import { DEFAULT_GUARD_SETTINGS, type GuardSettings } from "../../guards/settings";
import type { RequestContext, Stage } from "../context";
import { resolveDep } from "./redact";

/** Where the request came from, which decides how a block is explained. */
export type GuardSurface = "editor" | "cli";

export type GuardInputDeps = {
  settings?: GuardSettings | ((ctx: RequestContext) => GuardSettings);
  /** The surface the pipeline serves (default "editor"); the CLI's core passes "cli". */
  surface?: GuardSurface | ((ctx: RequestContext) => GuardSurface);
};

/**
 * The block explanation for a surface: why the message was held back (the kinds of evidence
 * and the score, never the text) and what the user can do there. Exported so a surface that
 * receives a GuardrailBlocked error from elsewhere can phrase it from `details` itself.
 */
export function blockMessage(surface: GuardSurface, score: number, evidence: readonly GuardEvidence[]): string {
  const kinds = [...new Set(evidence.map((e) => e.kind))].join(", ");
  const why = `Preflight held this message back because it looks like a prompt injection (${kinds}; score ${score.toFixed(2)}); nothing was sent to the model.`;
  if (surface === "cli") {
    return `${why} If you meant it, rephrase the prompt and run the command again; to see which words matched, pipe the same text to \`preflight guard --json\`.`;
  }
  return `${why} If you meant to send it, choose "Send anyway" to send this one message unchanged.`;
}

export function guardInput(deps: GuardInputDeps = {}): Stage {
  return {
    name: "guardInput",
    async run(ctx, next) {
      const redacted = ctx.redacted;
      if (!redacted) throw new PipelineError(ErrorCode.Internal, "Internal error: the input guard ran before redaction. See the Preflight log.");
      const threshold = resolveDep(deps.settings, ctx, DEFAULT_GUARD_SETTINGS).guard.injectionThreshold;
      const chatParts = [redacted.text, ...Object.values(redacted.variables)];
      for (const part of chatParts) {
        const v = scanInjection(part, "chat", threshold);
        if (v.verdict !== "injection") continue;
        const action = ctx.options.sendAnyway ? "allowed" : "blocked";
        ctx.emit({ type: "guard", channel: "chat", verdict: "injection", score: v.score, action, evidence: v.findings });
        if (action === "blocked") {
          const surface = resolveDep(deps.surface, ctx, "editor");
          throw new PipelineError(ErrorCode.GuardrailBlocked, blockMessage(surface, v.score, v.findings), { evidence: v.findings, score: v.score });
        }
      }
      redacted.attachments = redacted.attachments.map((a) => {
        const v = scanInjection(a.text, a.channel, threshold);
        if (v.verdict !== "injection") return a;
        ctx.emit({ type: "guard", channel: a.channel, verdict: "injection", score: v.score, action: "wrapped", evidence: v.findings });
        return { ...a, wrapAsData: true };
      });
      return next(ctx);
    },
  };
}
