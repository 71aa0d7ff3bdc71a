/**
 * Accuracy on every labelled set present (tune/, and holdout/ written independently by the
 * corpus builder): per-type precision and recall on exact spans, the hard-negative rate, and
 * injection recall and false-positive rates (overall and on "trigger-words" texts). The
 * issue's targets are asserted on the tune sets; other sets are scored and printed.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { formatInjection, formatRedaction, precision, readSet, recall, scoreInjection, scoreRedaction, type InjectionRecord, type RedactionRecord } from "./scoring";

const ROOT = "test/fixtures";
const sets = (kind: string): string[] => (existsSync(join(ROOT, kind)) ? readdirSync(join(ROOT, kind)).filter((d) => !d.startsWith(".")).sort() : []);

describe("guards/accuracy", function () {
  this.timeout(120_000);

  for (const set of sets("redaction")) {
    it(`redaction on ${set}`, () => {
      const records = readSet<RedactionRecord>(join(ROOT, "redaction", set));
      assert.ok(records.length > 0, `no records in ${set}`);
      const s = scoreRedaction(records);
      console.log(formatRedaction(set, s));
      if (set !== "tune") return;
      assert.ok(records.length >= 300, "the tune set has hundreds of records");
      assert.ok(recall(s.secrets) >= 0.97 && precision(s.secrets) >= 0.95, "secrets: recall >= 0.97, precision >= 0.95");
      assert.ok(recall(s.pii) >= 0.9 && precision(s.pii) >= 0.9, "PII: recall and precision >= 0.90");
      assert.ok(s.hardNegativesWithFinding / s.hardNegatives <= 0.03, "hard-negative texts with a finding <= 3%");
    });
  }

  for (const set of sets("injection")) {
    it(`injection on ${set}`, () => {
      const records = readSet<InjectionRecord>(join(ROOT, "injection", set));
      assert.ok(records.length > 0, `no records in ${set}`);
      const s = scoreInjection(records);
      console.log(formatInjection(set, s));
      if (set !== "tune") return;
      assert.ok(records.length >= 200, "the tune set has hundreds of records");
      assert.ok(s.caught / s.injections >= 0.85, "injection recall >= 0.85");
      assert.ok(s.falsePositives / s.benign <= 0.05, "false-positive rate <= 5%");
      assert.ok(s.triggerFalsePositives / s.triggerBenign <= 0.05, "false-positive rate on trigger-word texts <= 5%");
    });
  }
});
