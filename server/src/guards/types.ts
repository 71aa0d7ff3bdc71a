/**
 * Finding types of the redaction policy (../shared/specs/redaction.md), in the spec's order.
 * The first 13 are secrets, the last 6 are personal data.
 */
export const SECRET_TYPES = [
  "OPENAI_KEY",
  "ANTHROPIC_KEY",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET",
  "GITHUB_TOKEN",
  "SLACK_TOKEN",
  "STRIPE_KEY",
  "GOOGLE_API_KEY",
  "JWT",
  "PRIVATE_KEY",
  "DB_URL_PASSWORD",
  "GENERIC_SECRET",
] as const;

export const PII_TYPES = ["EMAIL", "PHONE", "SSN", "CREDIT_CARD", "IBAN", "IP_ADDRESS", "PERSON_NAME"] as const;

export type SecretType = (typeof SECRET_TYPES)[number];
export type PiiType = (typeof PII_TYPES)[number];
export type FindingType = SecretType | PiiType;

export const ALL_TYPES: readonly FindingType[] = [...SECRET_TYPES, ...PII_TYPES];

/** True for a known finding type name. */
export function isFindingType(value: string): value is FindingType {
  return (ALL_TYPES as readonly string[]).includes(value);
}

/** True when the type is one of the secret types (as opposed to personal data). */
export function isSecretType(type: FindingType): boolean {
  return (SECRET_TYPES as readonly string[]).includes(type);
}

/**
 * One detected span: 0-based, end-exclusive UTF-16 offsets of the original text.
 * `priority` breaks ties when spans overlap (a vendor format beats a context rule).
 */
export type Finding = { type: FindingType; start: number; end: number; priority: number };

/** Collects findings; detectors push into it. */
export type FindingSink = (type: FindingType, start: number, end: number, priority?: number) => void;
