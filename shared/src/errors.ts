/**
 * Error codes shared by the server, the client and the webview. LSP's own codes keep their
 * values; project codes sit in the JSON-RPC server-error range (-32000 to -32099).
 */
export const ErrorCode = {
  /** LSP: the client cancelled the request ($/cancelRequest or Stop). */
  RequestCancelled: -32800,
  /** LSP: the params did not match the request's shape. */
  InvalidParams: -32602,
  /** A workspace budget would be exceeded; data says which budget and how to raise it. */
  BudgetExceeded: -32001,
  /** An input or output guard blocked the request; data carries the evidence. */
  GuardrailBlocked: -32002,
  /** Every provider of the chain failed after retries (or their breakers were open). */
  ProviderUnavailable: -32003,
  /** The provider kept answering 429 after retries. */
  RateLimited: -32004,
  /** A setting was malformed; the message names it and the fix. */
  InvalidSettings: -32005,
  /** The provider rejected the key: set it with "Preflight: Set API Key". */
  AuthFailed: -32006,
  /** The input was over a size limit or otherwise unusable. */
  InvalidInput: -32007,
  /** The provider answered something that is not its wire protocol. */
  BadProviderResponse: -32008,
  /** A stream broke after tokens were shown; the partial text is marked incomplete. */
  StreamInterrupted: -32009,
  /** A prompt template is broken or missing. */
  TemplateError: -32010,
  /** Anything unexpected: a bug. The log has the stack. */
  Internal: -32603,
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The `data` of a ResponseError: what the UI needs to show the error and offer a fix. */
export type ErrorData = {
  code: ErrorCode;
  /** One sentence that says what happened and what to do. Never contains a secret. */
  message: string;
  /** Partial answer text when a stream broke after tokens were shown. */
  partialText?: string;
  /** Extra machine-readable details (budget name, guard evidence, attempts). */
  details?: Record<string, unknown>;
};

/** Names of codes, for logs and the CLI. */
export function errorCodeName(code: number): string {
  for (const [name, value] of Object.entries(ErrorCode)) if (value === code) return name;
  return `Error${code}`;
}
