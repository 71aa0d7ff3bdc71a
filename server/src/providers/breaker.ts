/**
 * A circuit breaker per provider, so a dead provider is skipped quickly instead of costing
 * every request its full retries. Closed → open after `threshold` consecutive failures; after
 * `cooldownMs` one probe is let through (half-open); its success closes the breaker, its
 * failure opens it again for another cool-down.
 */
import { systemClock, type Clock } from "./backoff";

export type BreakerState = "closed" | "open" | "half-open";

export type BreakerOptions = { threshold?: number; cooldownMs?: number; clock?: Clock };

export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private probing = false;
  readonly threshold: number;
  readonly cooldownMs: number;
  private readonly clock: Clock;

  constructor(opts: BreakerOptions = {}) {
    this.threshold = opts.threshold ?? 5;
    this.cooldownMs = opts.cooldownMs ?? 30_000;
    this.clock = opts.clock ?? systemClock;
  }

  get state(): BreakerState {
    if (this.openedAt === null) return "closed";
    return this.clock.now() - this.openedAt >= this.cooldownMs ? "half-open" : "open";
  }

  /** True when a request may go out now. In half-open state only one probe at a time gets true. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === "closed") return true;
    if (state === "open" || this.probing) return false;
    this.probing = true;
    return true;
  }

  onSuccess(): void {
    this.failures = 0;
    this.openedAt = null;
    this.probing = false;
  }

  onFailure(): void {
    this.failures++;
    if (this.probing || this.failures >= this.threshold) this.openedAt = this.clock.now();
    this.probing = false;
  }

  /** Gives the probe slot back without a verdict (the user cancelled, or the request was bad). */
  release(): void {
    this.probing = false;
  }
}

/** One breaker per provider key, created on first use with shared options. */
export class BreakerRegistry {
  private readonly breakers = new Map<string, CircuitBreaker>();
  constructor(private readonly opts: BreakerOptions = {}) {}

  get(key: string): CircuitBreaker {
    let b = this.breakers.get(key);
    if (!b) {
      b = new CircuitBreaker(this.opts);
      this.breakers.set(key, b);
    }
    return b;
  }
}
