/**
 * PipelineError: what stages throw. Only the LSP adapter (server.ts) and the CLI turn these
 * into protocol errors or exit codes, each in one place.
 */
import { ErrorCode, type ErrorData } from "../../shared/src/errors";

export class PipelineError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly partialText?: string,
  ) {
    super(message);
    this.name = "PipelineError";
  }

  toData(): ErrorData {
    const data: ErrorData = { code: this.code, message: this.message };
    if (this.details) data.details = this.details;
    if (this.partialText !== undefined) data.partialText = this.partialText;
    return data;
  }
}

export function isAbortError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return err.name === "AbortError" || err.name === "APIUserAbortError" || (err as { code?: string }).code === "ABORT_ERR";
}

/** Any thrown value as PipelineError; unknown errors become Internal with their message. */
export function toPipelineError(err: unknown): PipelineError {
  if (err instanceof PipelineError) return err;
  if (isAbortError(err)) return new PipelineError(ErrorCode.RequestCancelled, "The request was cancelled.");
  const message = err instanceof Error ? err.message : String(err);
  return new PipelineError(ErrorCode.Internal, `Internal error: ${message}. See the Preflight log.`);
}
