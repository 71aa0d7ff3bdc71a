/**
 * The shapes shared by the template modules: a parsed template, a load problem (shaped like a
 * diagnostic) and the redactor that turns template text into RedactedText.
 */
import type { ModelRef } from "../../../shared/src/settings";
import type { RedactedText } from "../pipeline/brands";

/**
 * Runs template text (built-in or from a workspace file) through the same redaction as user
 * input, so a secret pasted into a template never reaches a provider. The lead passes the
 * guards module's redactor; tests pass their own.
 */
export type TemplateTextRedactor = (text: string) => RedactedText;

/** One piece of a template's message: literal text or a `{{variable}}` placeholder. */
export type Segment = { kind: "text"; text: RedactedText } | { kind: "var"; name: string };

/** A problem with a template file, shaped like a diagnostic: 1-based line. */
export type TemplateProblem = { file: string; line: number; message: string; severity: "error" | "warning" };

export type TemplateSource = { kind: "builtin" } | { kind: "workspace"; file: string };

/** A parsed, validated template version. */
export type Template = {
  readonly id: string;
  readonly version: string;
  readonly description: string;
  /** Declared variables and their (redacted) defaults; `undefined` means the caller must pass it. */
  readonly variables: ReadonlyMap<string, RedactedText | undefined>;
  readonly model?: ModelRef;
  readonly temperature?: number;
  readonly maxTokens?: number;
  /** A/B weight among the versions of this id; 0 keeps a version loaded but never assigned. */
  readonly weight: number;
  /** Prefix attached code with line numbers (the review template reports findings by line). */
  readonly numberLines: boolean;
  readonly system: readonly Segment[];
  /** The user message; `{{input}}` is the user's text. Absent means the user's text as is. */
  readonly user?: readonly Segment[];
  readonly source: TemplateSource;
};

/** The variable every template can use: the user's message. */
export const INPUT_VARIABLE = "input";

/** A short, JSON-friendly description of a template for lists and the CLI. */
export type TemplateInfo = {
  id: string;
  version: string;
  description: string;
  variables: string[];
  model?: string;
  temperature?: number;
  maxTokens?: number;
  weight: number;
  source: string;
  rolledBack: boolean;
};
