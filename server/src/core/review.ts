/**
 * Code review: the code goes through the same pipeline as chat, on the `code` channel of the
 * injection guard, with the built-in `review` template; the answer's JSON findings are
 * validated and mapped from snippet lines to document lines.
 */
import type { ReviewFinding, ReviewParams, ReviewResult } from "../../../shared/src/lsp";
import type { Settings } from "../../../shared/src/settings";
import { parseReviewFindings } from "../prompts/review";
import type { Next } from "../pipeline/context";
import { runChat, type ChatHooks } from "./runChat";

export type RunReviewOptions = { pipeline: Next; settings: Settings; params: ReviewParams; signal: AbortSignal; hooks: ChatHooks };

export async function runReview(opts: RunReviewOptions): Promise<ReviewResult> {
  const { params } = opts;
  const name = decodeURIComponent(params.uri.replace(/^file:\/\//, ""));
  const chat = await runChat({
    pipeline: opts.pipeline,
    settings: opts.settings,
    kind: "review",
    signal: opts.signal,
    hooks: opts.hooks,
    params: {
      streamId: params.streamId,
      text: `Review this ${params.languageId} code from ${name.split("/").pop() ?? name}.`,
      history: [],
      attachments: [{ name, text: params.text, channel: "code", languageId: params.languageId }],
      templateId: "review",
      conversationId: `review:${params.uri}`,
      ...(params.model ? { model: params.model } : {}),
      ...(params.noCache ? { noCache: true } : {}),
    },
  });
  const parsed = parseReviewFindings(chat.text);
  const snippetLines = params.text.split("\n").length;
  const findings: ReviewFinding[] = [];
  const problems = [...parsed.problems];
  for (const f of parsed.findings) {
    if (f.line > snippetLines) {
      problems.push(`A finding on line ${f.line} was skipped: the code has ${snippetLines} lines.`);
      continue;
    }
    const end = Math.min(f.endLine ?? f.line, snippetLines);
    findings.push({
      line: params.startLine + f.line - 1,
      endLine: params.startLine + end - 1,
      severity: f.severity,
      message: f.message,
      ...(f.replacement !== undefined ? { replacement: f.replacement } : {}),
    });
  }
  return { findings, problems, chat };
}
