/**
 * The compact line under an answer: what the pipeline did for this message, e.g.
 * "redacted 2 · cache miss · retry 1 after 429 · fell back to anthropic · 812 tokens · $0.0031 · 1.4 s".
 * Pure, so unit tests cover it.
 */
import type { PipelineEvent } from "../../../shared/src/events";

export type Summary = { parts: string[]; details: string[] };

function money(usd: number): string {
  return usd === 0 ? "$0" : usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

export function summarizeEvents(events: readonly PipelineEvent[], latencyMs?: number): Summary {
  const parts: string[] = [];
  const details: string[] = [];
  let redacted = 0;
  let retries = 0;
  let lastRetryStatus: string | undefined;
  for (const e of events) {
    switch (e.type) {
      case "redacted": {
        const n = Object.values(e.counts).reduce((a, b) => a + b, 0);
        redacted += n;
        if (n > 0) details.push(`Redacted: ${Object.entries(e.counts).map(([t, c]) => `${t} ×${c}`).join(", ")}`);
        break;
      }
      case "guard":
        if (e.verdict === "injection") details.push(`Injection guard (${e.channel}): ${e.action}, score ${e.score.toFixed(2)}; ${e.evidence.map((x) => x.kind).join(", ")}`);
        if (e.verdict === "injection") parts.push(e.action === "wrapped" ? "injection in context (sent as data)" : `injection ${e.action}`);
        break;
      case "outputGuard":
        parts.push(`output ${e.action} ${e.count}`);
        details.push(`Output guard: ${e.action} ${e.count} × ${e.kind}`);
        break;
      case "cache":
        parts.push(e.status === "hit" ? `from cache${e.similarity !== undefined && e.kind === "semantic" ? ` (${(e.similarity * 100).toFixed(0)}% similar)` : ""}` : `cache ${e.status}`);
        if (e.status === "hit" && e.originalQuestion) details.push(`Cached answer to: “${e.originalQuestion}”`);
        if (e.reason) details.push(`Cache: ${e.reason}`);
        break;
      case "retry":
        retries += 1;
        lastRetryStatus = String(e.afterStatus);
        details.push(`Retry ${e.attempt} on ${e.provider} after ${e.afterStatus}, waited ${(e.waitMs / 1000).toFixed(1)} s`);
        break;
      case "fallback":
        parts.push(`fell back to ${e.to}`);
        details.push(`Fell back from ${e.from} to ${e.to}: ${e.reason}`);
        break;
      case "truncated":
        parts.push("truncated");
        details.push(`The answer was cut off (${e.reason}); raise max tokens to get the rest.`);
        break;
      case "budget":
        if (e.action === "downgraded" || e.action === "warned") parts.push(`budget ${e.action}`);
        if (e.detail) details.push(`Budget: ${e.detail}`);
        break;
      case "template":
        details.push(`Template ${e.id} v${e.version}${e.variant ? ` (${e.variant})` : ""}`);
        break;
      case "usage":
        parts.push(`${e.inputTokens + e.outputTokens} tokens`);
        parts.push(e.costUsd === null ? "price unknown" : money(e.costUsd));
        details.push(`Tokens: ${e.inputTokens} in (${e.cachedInputTokens} cached), ${e.outputTokens} out (${e.reasoningTokens} reasoning)`);
        break;
      default:
        break;
    }
  }
  if (retries > 0) parts.unshift(`retry ${retries}${lastRetryStatus ? ` after ${lastRetryStatus}` : ""}`);
  if (redacted > 0) parts.unshift(`redacted ${redacted}`);
  if (latencyMs !== undefined) parts.push(`${(latencyMs / 1000).toFixed(1)} s`);
  return { parts, details };
}
