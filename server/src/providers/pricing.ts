/**
 * Cost of a request from the price table (prices.json, with the date it was checked).
 * Unknown models cost `null` ("price unknown"), never 0. Usage.inputTokens is the total input:
 * cached reads and cache writes are billed at their own prices and the rest at the input price;
 * outputTokens already include reasoning tokens, which are billed as output.
 */
import type { Usage } from "../../../shared/src/events";
import type { ProviderKind } from "../../../shared/src/settings";
import table from "./prices.json";

/** USD per million tokens. */
export type ModelPrice = { input: number; cachedInput?: number; cacheWrite?: number; output: number };

const MODELS: Record<string, ModelPrice> = table.models;

/** The date the price table was last checked against the providers' pricing pages. */
export const PRICES_CHECKED: string = table.checked;

/** Dated snapshots (`-20250929`, `-2024-07-18`) and `-latest` aliases share the base model's price. */
function baseModel(model: string): string {
  return model.replace(/-latest$/, "").replace(/-\d{4}-\d{2}-\d{2}$/, "").replace(/-\d{8}$/, "");
}

export function priceOf(provider: ProviderKind | string, model: string): ModelPrice | null {
  return MODELS[`${provider}:${model}`] ?? MODELS[`${provider}:${baseModel(model)}`] ?? null;
}

export function costOf(provider: ProviderKind | string, model: string, usage: Usage): number | null {
  const p = priceOf(provider, model);
  if (!p) return null;
  const cachedRead = Math.min(usage.cachedInputTokens, usage.inputTokens);
  const cacheWrite = Math.min(usage.cacheWriteTokens, usage.inputTokens - cachedRead);
  const plainInput = usage.inputTokens - cachedRead - cacheWrite;
  const micro =
    plainInput * p.input + cachedRead * (p.cachedInput ?? p.input) + cacheWrite * (p.cacheWrite ?? p.input) + usage.outputTokens * p.output;
  return micro / 1_000_000;
}

/** The most a request can cost: every input token uncached and the full output allowance used. */
export function maxCostOf(provider: ProviderKind | string, model: string, inputTokens: number, maxTokens: number): number | null {
  const p = priceOf(provider, model);
  if (!p) return null;
  return (inputTokens * Math.max(p.input, p.cacheWrite ?? 0) + maxTokens * p.output) / 1_000_000;
}
