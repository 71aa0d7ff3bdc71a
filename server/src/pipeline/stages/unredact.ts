/**
 * Stage unredact: restores placeholders to the user's values in what the user sees, and only
 * there. It wraps ctx.sink so streamed deltas are restored before the UI (a placeholder split
 * across chunks is held back until complete) and restores the final text it returns to the
 * caller. Stages inside it (cache store, ledger, log) see the provider's redacted text.
 */
import { PlaceholderMap } from "../../guards/placeholders";
import { defaultStore } from "../../guards/redactor";
import { restoreText, StreamRestorer } from "../../guards/restore";
import type { ConversationStore } from "../../guards/placeholders";
import type { Stage } from "../context";
import { REDACT_STATE, type RedactState } from "./redact";

export type UnredactDeps = { store?: ConversationStore };

export function unredact(deps: UnredactDeps = {}): Stage {
  const store = deps.store ?? defaultStore;
  return {
    name: "unredact",
    async run(ctx, next) {
      const state = ctx.state.get(REDACT_STATE) as RedactState | undefined;
      const map = state?.map ?? store.peek(ctx.options.conversationId) ?? new PlaceholderMap();
      const inner = ctx.sink;
      const restorer = new StreamRestorer(map);
      let ended = false;
      ctx.sink = {
        write(delta) {
          const out = restorer.push(delta);
          if (out.length > 0) inner.write(out);
        },
        end() {
          ended = true;
          const rest = restorer.flush();
          if (rest.length > 0) inner.write(rest);
          inner.end();
        },
      };
      try {
        const result = await next(ctx);
        return { ...result, text: restoreText(result.text, map) };
      } finally {
        if (!ended) {
          const rest = restorer.flush();
          if (rest.length > 0) inner.write(rest);
        }
        ctx.sink = inner;
      }
    },
  };
}
