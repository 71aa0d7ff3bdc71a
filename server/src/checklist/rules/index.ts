import { cacheNondeterministic } from "./cacheNondeterministic";
import { corsWildcard } from "./corsWildcard";
import { hardcodedApiKey } from "./hardcodedApiKey";
import { missingCostTracking } from "./missingCostTracking";
import { missingMaxTokens } from "./missingMaxTokens";
import { missingRateLimit } from "./missingRateLimit";
import { missingRetry } from "./missingRetry";
import { missingStreaming } from "./missingStreaming";
import { missingTimeout } from "./missingTimeout";
import { noFallbackProvider } from "./noFallbackProvider";
import { piiSentUnredacted } from "./piiSentUnredacted";
import { promptInjectionRisk } from "./promptInjectionRisk";
import { rawPromptLogged } from "./rawPromptLogged";
import type { Rule } from "./rule";
import { unboundedHistory } from "./unboundedHistory";
import { uncheckedFinishReason } from "./uncheckedFinishReason";

/** Every checklist rule, in the order of the spec's table. */
export const RULES: readonly Rule[] = [
  hardcodedApiKey, missingTimeout, missingRetry, missingMaxTokens, uncheckedFinishReason, noFallbackProvider,
  rawPromptLogged, promptInjectionRisk, unboundedHistory, corsWildcard, missingRateLimit, cacheNondeterministic,
  missingStreaming, piiSentUnredacted, missingCostTracking,
];
