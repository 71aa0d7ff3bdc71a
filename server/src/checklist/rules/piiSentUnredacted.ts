import type { Rule } from "./rule";

/** Known PII fields put into a prompt without a redaction step. */
export const piiSentUnredacted: Rule = {
  id: "pii-sent-unredacted",
  check(f) {
    return f.pii.map((node) => ({ node, message: "Personal data (e.g. email, phone, name, address) is put into the prompt unredacted: redact or pseudonymise it before sending, or leave it out." }));
  },
};
