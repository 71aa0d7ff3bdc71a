/**
 * What each pipeline stage did for one request. The server emits these as the request runs,
 * the UI shows them as the compact line under a message, and the log records them.
 * Events never carry prompt text, secrets or redacted values: only counts, ids and numbers.
 */
export type PipelineEvent =
  | { type: "redacted"; counts: Record<string, number> }
  | { type: "guard"; channel: "chat" | "code" | "document"; verdict: "injection" | "benign"; score: number; action: "blocked" | "wrapped" | "allowed"; evidence: GuardEvidence[] }
  | { type: "outputGuard"; action: "redacted" | "neutralised" | "blocked"; count: number; kind: string }
  | { type: "template"; id: string; version: string; variant?: string }
  | { type: "cache"; status: "hit" | "miss" | "skip"; kind?: "exact" | "semantic"; similarity?: number; originalQuestion?: string; reason?: string }
  | { type: "budget"; action: "reserved" | "settled" | "released" | "downgraded" | "warned"; reservedUsd?: number; costUsd?: number; detail?: string }
  | { type: "attempt"; provider: string; model: string; status: number | "ok" | "network" | "timeout" | "cancelled" | "breaker-open"; error?: string; waitMs?: number }
  | { type: "retry"; provider: string; attempt: number; afterStatus: number | "network" | "timeout"; waitMs: number }
  | { type: "fallback"; from: string; to: string; reason: string }
  | { type: "firstToken"; ttftMs: number }
  | { type: "truncated"; reason: string }
  | { type: "usage"; inputTokens: number; cachedInputTokens: number; outputTokens: number; reasoningTokens: number; costUsd: number | null };

/** One piece of evidence for an injection verdict: which pattern matched where, in which form. */
export type GuardEvidence = { kind: string; start: number; end: number; evidence: string };

/** Token counts normalised across providers. */
export type Usage = {
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number;
};

export const ZERO_USAGE: Usage = Object.freeze({
  inputTokens: 0,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  outputTokens: 0,
  reasoningTokens: 0,
});
