/**
 * The request context that flows through the pipeline stages, and the stage shape.
 * Each stage is `(ctx, next) => Promise<PipelineResult>`; index.ts lists them in order.
 */
import type { PipelineEvent, Usage } from "../../../shared/src/events";
import type { ModelRef, Settings } from "../../../shared/src/settings";
import type { RedactedText, RenderedPrompt } from "./brands";

export type Channel = "chat" | "code" | "document";

/** What the user sent, raw. Only the redaction stage reads it. */
export type UserInput = {
  kind: "chat" | "review";
  text: string;
  history: { role: "user" | "assistant"; content: string }[];
  attachments: { name: string; text: string; channel: "code" | "document"; languageId?: string }[];
  templateId?: string;
  variables?: Record<string, string>;
};

/** The same input after redaction. Each attachment keeps its channel for the injection guard. */
export type RedactedInput = {
  text: RedactedText;
  history: { role: "user" | "assistant"; content: RedactedText }[];
  attachments: { name: string; text: RedactedText; channel: "code" | "document"; languageId?: string; wrapAsData?: boolean }[];
  variables: Record<string, RedactedText>;
};

/** A streaming sink: deltas flow provider → output guard → un-redaction → UI. */
export type DeltaSink = { write(delta: string): void; end(): void };

export type RequestOptions = {
  noCache: boolean;
  sendAnyway: boolean;
  conversationId: string;
};

export type RequestContext = {
  readonly requestId: string;
  readonly signal: AbortSignal;
  readonly settings: Settings;
  readonly options: RequestOptions;
  readonly startedAt: number;
  /** Raw user input; only stages/redact.ts reads it. */
  readonly input: UserInput;
  redacted?: RedactedInput;
  prompt?: RenderedPrompt;
  /** The model chain: primary first, then fallbacks. A budget downgrade may rewrite it. */
  route: ModelRef[];
  maxTokens: number;
  temperature: number;
  /** Where the provider writes deltas. Stages wrap it (the last wrapper sees deltas first). */
  sink: DeltaSink;
  /** Records an event and forwards it to the UI. */
  emit(event: PipelineEvent): void;
  readonly events: PipelineEvent[];
  /** Per-stage scratch state keyed by stage name (e.g. the placeholder map). */
  readonly state: Map<string, unknown>;
};

export type PipelineResult = {
  text: string;
  complete: boolean;
  finishReason: string;
  provider: string;
  model: string;
  usage: Usage;
  costUsd: number | null;
  cache: "hit" | "miss" | "skip";
  ttftMs: number | null;
};

export type Next = (ctx: RequestContext) => Promise<PipelineResult>;

export type Stage = {
  readonly name: string;
  run(ctx: RequestContext, next: Next): Promise<PipelineResult>;
};

/** Composes stages into one callable; the first stage runs outermost. */
export function compose(stages: readonly Stage[], terminal: Next): Next {
  return stages.reduceRight<Next>((next, stage) => (ctx) => stage.run(ctx, next), terminal);
}
