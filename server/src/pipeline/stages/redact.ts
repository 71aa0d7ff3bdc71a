/**
 * Stage redactPii: the only reader of ctx.input. Redacts the chat text, history, attachments
 * and template variables with the conversation's placeholder map (the same value gets the
 * same placeholder across messages), fills ctx.redacted and emits a `redacted` event with
 * counts per type (never values). The map stays in memory for the unredact stage.
 */
import type { PlaceholderMap } from "../../guards/placeholders";
import { ConversationStore } from "../../guards/placeholders";
import { defaultStore, redactInput, sumCounts } from "../../guards/redactor";
import { DEFAULT_GUARD_SETTINGS, type GuardSettings } from "../../guards/settings";
import type { RedactedInput, RequestContext, Stage } from "../context";

type PerRequest<T> = T | ((ctx: RequestContext) => T);

export type RedactDeps = {
  /** Where placeholder maps live, keyed by conversation id; the process-wide store by default. */
  store?: ConversationStore;
  settings?: PerRequest<GuardSettings>;
};

/** What the stage leaves in ctx.state under "redact" for the unredact stage. */
export type RedactState = { map: PlaceholderMap };

export const REDACT_STATE = "redact";

/** Resolves a per-request dependency. */
export function resolveDep<T>(value: PerRequest<T> | undefined, ctx: RequestContext, fallback: T): T {
  if (value === undefined) return fallback;
  return typeof value === "function" ? (value as (ctx: RequestContext) => T)(ctx) : value;
}

export function redactPii(deps: RedactDeps = {}): Stage {
  const store = deps.store ?? defaultStore;
  return {
    name: "redact",
    async run(ctx, next) {
      const settings = resolveDep(deps.settings, ctx, DEFAULT_GUARD_SETTINGS);
      const map = store.get(ctx.options.conversationId);
      const parts = redactInput(ctx.input, map, settings);
      const redacted: RedactedInput = {
        text: parts.text.text,
        history: ctx.input.history.map((h, i) => ({ role: h.role, content: parts.history[i]!.text })),
        attachments: ctx.input.attachments.map((a, i) => ({
          name: a.name,
          text: parts.attachments[i]!.text,
          channel: a.channel,
          ...(a.languageId !== undefined ? { languageId: a.languageId } : {}),
        })),
        variables: Object.fromEntries(Object.entries(parts.variables).map(([k, r]) => [k, r.text])),
      };
      ctx.redacted = redacted;
      const state: RedactState = { map };
      ctx.state.set(REDACT_STATE, state);
      ctx.emit({ type: "redacted", counts: sumCounts([parts.text, ...parts.history, ...parts.attachments, ...Object.values(parts.variables)]) });
      return next(ctx);
    },
  };
}
