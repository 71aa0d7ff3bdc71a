/**
 * The provider layer's public surface, for the pipeline, the CLI, the budget stage and tests.
 */
export { createProviderChain, type ProviderChainDeps } from "./chain";
export { disposeProviders, createProviderSource, setKeyMessage, type KeyLookup, type ProviderSource } from "./registry";
export { BreakerRegistry, CircuitBreaker, type BreakerOptions, type BreakerState } from "./breaker";
export { abortableSleep, backoffMs, systemClock, type Clock, type Sleep } from "./backoff";
export { costOf, maxCostOf, priceOf, PRICES_CHECKED, type ModelPrice } from "./pricing";
export { estimateTokens } from "./tokens";
export { startDemoServer, type DemoServer } from "./demo/demoServer";
export { DEMO_MODEL_ID } from "./demo/demoReply";
