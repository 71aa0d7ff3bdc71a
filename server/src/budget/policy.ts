/**
 * The reservation decision, as a pure function of the ledger's totals: does the request's
 * maximum cost fit the daily and monthly budgets, and if not, block, warn or downgrade to a
 * model of the chain that fits. Emergency mode moves to the cheapest model when the last
 * hour's spend rate would exhaust the daily budget before local midnight.
 */
import type { BudgetConfig } from "./config";
import { formatUsd } from "./format";

export type Candidate = { model: string; estimateUsd: number | null };

export type Totals = { daySpent: number; monthSpent: number; reserved: number };

export type Refusal = {
  budget: "daily" | "monthly";
  spentUsd: number;
  reservedUsd: number;
  limitUsd: number;
  estimateUsd: number;
};

export type Decision =
  | {
      ok: true;
      action: "reserved" | "warned" | "downgraded";
      /** Indexes into the candidates: the route to use, primary first. */
      order: number[];
      reservedUsd: number;
      emergency: boolean;
      notes: string[];
    }
  | { ok: false; refusal: Refusal };

export type RateInfo = { now: number; endOfDay: number; lastHourUsd: number };

const EPSILON = 1e-9;

const estimate = (c: readonly Candidate[], i: number): number => c[i]!.estimateUsd ?? 0;

function maxEstimate(c: readonly Candidate[], order: readonly number[]): number {
  return order.reduce((m, i) => Math.max(m, estimate(c, i)), 0);
}

/**
 * The first budget that `amount` would exceed, or null when it fits both. A zero amount of a
 * model whose price is unknown is refused once a budget is used up; a known-free one never is.
 */
export function exceeded(amount: number, totals: Totals, config: BudgetConfig, knownFree = false): Refusal | null {
  if (amount === 0 && knownFree) return null;
  const checks: [Refusal["budget"], number | null, number][] = [
    ["daily", config.dailyUsd, totals.daySpent],
    ["monthly", config.monthlyUsd, totals.monthSpent],
  ];
  for (const [budget, limitUsd, spentUsd] of checks) {
    if (limitUsd === null) continue;
    const committed = spentUsd + totals.reserved;
    const over = committed + amount > limitUsd + EPSILON || (amount === 0 && committed >= limitUsd - EPSILON);
    if (over) return { budget, spentUsd, reservedUsd: totals.reserved, limitUsd, estimateUsd: amount };
  }
  return null;
}

/** Cheapest of `pool` first, then the rest of `pool` in chain order. */
function cheapestFirst(c: readonly Candidate[], pool: readonly number[]): number[] {
  const cheapest = pool.reduce((best, i) => (estimate(c, i) < estimate(c, best) ? i : best), pool[0]!);
  return [cheapest, ...pool.filter((i) => i !== cheapest)];
}

/** True when the last hour's rate would use up the rest of today's budget before midnight. */
export function emergencyDue(totals: Totals, config: BudgetConfig, rate: RateInfo): boolean {
  if (!config.emergency || config.dailyUsd === null || rate.lastHourUsd <= 0) return false;
  const remaining = config.dailyUsd - totals.daySpent - totals.reserved;
  const hoursLeft = (rate.endOfDay - rate.now) / 3_600_000;
  return remaining <= 0 || remaining / rate.lastHourUsd < hoursLeft;
}

export function decide(candidates: readonly Candidate[], totals: Totals, config: BudgetConfig, rate: RateInfo): Decision {
  const notes: string[] = [];
  let order = candidates.map((_, i) => i);
  let action: "reserved" | "downgraded" = "reserved";
  const emergency = emergencyDue(totals, config, rate);
  if (emergency) {
    const cheap = cheapestFirst(candidates, order);
    const floor = estimate(candidates, cheap[0]!);
    if (cheap[0] !== 0 && floor < estimate(candidates, 0)) {
      order = [cheap[0]!, ...order.filter((i) => i !== cheap[0] && estimate(candidates, i) <= floor)];
      action = "downgraded";
      notes.push(
        `Emergency mode: at ${formatUsd(rate.lastHourUsd)} in the last hour the daily budget of ${formatUsd(config.dailyUsd ?? 0)} would run out before midnight, so this request uses ${candidates[order[0]!]!.model}.`,
      );
    } else {
      notes.push(`Emergency mode: at ${formatUsd(rate.lastHourUsd)} in the last hour the daily budget would run out before midnight; ${candidates[0]!.model} is already the cheapest model of the chain.`);
    }
  }
  const amount = maxEstimate(candidates, order);
  const knownFree = (i: number) => candidates[i]!.estimateUsd === 0;
  const refusal = exceeded(amount, totals, config, order.every(knownFree));
  if (refusal === null) return { ok: true, action, order, reservedUsd: amount, emergency, notes };
  if (config.onExceed === "warn") {
    notes.push(`Over the ${refusal.budget} budget (${formatUsd(refusal.spentUsd + refusal.reservedUsd)} of ${formatUsd(refusal.limitUsd)} used); sending anyway because the budget is set to warn.`);
    return { ok: true, action: "warned", order, reservedUsd: amount, emergency, notes };
  }
  if (config.onExceed === "downgrade") {
    const fitting = order.filter((i) => exceeded(estimate(candidates, i), totals, config, knownFree(i)) === null);
    if (fitting.length > 0) {
      const next = cheapestFirst(candidates, fitting);
      notes.push(`The ${refusal.budget} budget has ${formatUsd(Math.max(0, refusal.limitUsd - refusal.spentUsd - refusal.reservedUsd))} left, not enough for ${candidates[order[0]!]!.model}; using ${candidates[next[0]!]!.model} instead.`);
      return { ok: true, action: "downgraded", order: next, reservedUsd: maxEstimate(candidates, next), emergency, notes };
    }
  }
  return { ok: false, refusal };
}
