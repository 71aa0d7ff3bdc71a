/**
 * Stage guardOutput: wraps ctx.sink so the model's deltas pass the output guard before
 * anything else (it is listed after unredact, and the last wrapper sees deltas first):
 * secrets are redacted, markdown images and links outside the allow-list are neutralised,
 * banned patterns are blocked. Each action emits an `outputGuard` event. The returned text
 * gets the same treatment.
 */
import { OutputGuard, type OutputAction } from "../../guards/outputGuard";
import { DEFAULT_GUARD_SETTINGS, type GuardSettings } from "../../guards/settings";
import type { RequestContext, Stage } from "../context";
import { resolveDep } from "./redact";

export type GuardOutputDeps = { settings?: GuardSettings | ((ctx: RequestContext) => GuardSettings) };

export function guardOutput(deps: GuardOutputDeps = {}): Stage {
  return {
    name: "guardOutput",
    async run(ctx, next) {
      const settings = resolveDep(deps.settings, ctx, DEFAULT_GUARD_SETTINGS);
      const report = (a: OutputAction): void => ctx.emit({ type: "outputGuard", action: a.action, count: a.count, kind: a.kind });
      const streamGuard = new OutputGuard(settings, report);
      const inner = ctx.sink;
      let ended = false;
      ctx.sink = {
        write(delta) {
          const out = streamGuard.push(delta);
          if (out.length > 0) inner.write(out);
        },
        end() {
          ended = true;
          const rest = streamGuard.flush();
          if (rest.length > 0) inner.write(rest);
          inner.end();
        },
      };
      try {
        const result = await next(ctx);
        const finalGuard = new OutputGuard(settings, () => undefined);
        return { ...result, text: finalGuard.guard(result.text) };
      } finally {
        if (!ended) {
          const rest = streamGuard.flush();
          if (rest.length > 0) inner.write(rest);
        }
        ctx.sink = inner;
      }
    },
  };
}
