/**
 * Mocha reporter used by test/run.mjs: prints like the spec reporter and, at the end, writes the
 * run's counts to the JSON file named by PREFLIGHT_MOCHA_SUMMARY, so the runner can add them up
 * without parsing console text.
 */
const fs = require("node:fs");
const { reporters } = require("mocha");

class SummaryReporter extends reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const failures = [];
    runner.on("fail", (test, err) => failures.push({ title: test.fullTitle(), error: String((err && err.message) || err) }));
    runner.once("end", () => {
      const out = process.env.PREFLIGHT_MOCHA_SUMMARY;
      if (!out) return;
      const s = this.stats;
      fs.writeFileSync(out, JSON.stringify({ passes: s.passes, failures: s.failures, pending: s.pending, durationMs: s.duration, failed: failures }));
    });
  }
}

module.exports = SummaryReporter;
