/**
 * Linear time. Every guard regex is checked for nested quantifiers (the shape behind
 * catastrophic backtracking), and each detector's work on adversarial inputs (long runs of
 * near-matches) is compared at two sizes: the CPU time of a linear scan grows about 4x from
 * 256 KB to 1 MB, a quadratic one about 16x. The comparison uses CPU-time ratios (best of
 * three), not wall-clock limits; absolute times are in bench/redact.bench.ts.
 */
import assert from "node:assert/strict";
import { DETECTORS } from "../../../server/src/guards/detect";
import { scanInjection } from "../../../server/src/guards/injection/detector";
import { OutputGuard } from "../../../server/src/guards/outputGuard";
import { regexProblem } from "../../../server/src/guards/regexSafety";
import { REGISTERED_PATTERNS } from "../../../server/src/guards/scan";
import { DEFAULT_GUARD_SETTINGS } from "../../../server/src/guards/settings";

/** Adversarial inputs: near-matches for each detector, repeated to a given size. */
export function adversarial(size: number): Record<string, string> {
  const fill = (unit: string): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  return {
    "letters": fill("a"),
    "digits": fill("4"),
    "digit groups": fill("4242 4242 "),
    "at signs": fill("a@b."),
    "emails without tld": fill("abcdefgh@"),
    "key prefixes": fill("sk-proj-"),
    "aws prefixes": fill("AKIA"),
    "jwt-like": fill("eyJhbGciOi."),
    "password keys": fill("password=password "),
    "url userinfo": fill("postgres://u:"),
    "ip-like": fill("1.2.3."),
    "phone-like": fill("+1 (617) 555-"),
    "iban-like": fill("DE89 3704 "),
    "brackets": fill("![a]("),
    "capitalised names": fill("Maria Maria "),
    "base64": fill("QUJDRA"),
    "spaced config keys": fill("login x password "),
    "flags": fill("--token --api-key "),
    "name/value pairs": fill("name: API_TOKEN\n  value: "),
    "connect calls": fill("new mysqli('h', 'u', "),
    "surname pairs": fill("Thabiso Mokoena "),
  };
}

function cpuMs(f: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = process.cpuUsage();
    f();
    const d = process.cpuUsage(t);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  return best;
}

describe("guards/linear", function () {
  this.timeout(120_000);

  it("has no regex with nested unbounded quantifiers or back-references", () => {
    assert.ok(REGISTERED_PATTERNS.length > 30);
    const bad = REGISTERED_PATTERNS.map((re) => [re.source.slice(0, 80), regexProblem(re.source)]).filter(([, p]) => p !== null);
    assert.deepEqual(bad, []);
  });

  it("the regex checker itself rejects the classic catastrophic shapes", () => {
    assert.notEqual(regexProblem("(a+)+$"), null);
    assert.notEqual(regexProblem("(?:\\w+\\s?)*x"), null);
    assert.notEqual(regexProblem("(a|b)\\1"), null);
    assert.equal(regexProblem("(?:ab{1,3})+c"), null);
  });

  const small = adversarial(256 * 1024);
  const large = adversarial(1024 * 1024);
  for (const d of DETECTORS) {
    it(`detector ${d.name} grows linearly on adversarial input`, () => {
      for (const name of Object.keys(large)) {
        const a = cpuMs(() => d.run(small[name]!, () => undefined));
        const b = cpuMs(() => d.run(large[name]!, () => undefined));
        assert.ok(b < Math.max(8 * a, 30), `${d.name} on ${name}: ${a.toFixed(1)} ms at 256 KB, ${b.toFixed(1)} ms at 1 MB`);
      }
    });
  }

  it("the injection scan and the output guard grow linearly too", () => {
    for (const name of ["letters", "brackets", "base64", "password keys"]) {
      const a = cpuMs(() => scanInjection(small[name]!, "document"));
      const b = cpuMs(() => scanInjection(large[name]!, "document"));
      assert.ok(b < Math.max(8 * a, 30), `injection on ${name}: ${a.toFixed(1)} / ${b.toFixed(1)} ms`);
      const g = (s: string) => () => new OutputGuard(DEFAULT_GUARD_SETTINGS, () => undefined).guard(s);
      const c = cpuMs(g(small[name]!));
      const e = cpuMs(g(large[name]!));
      assert.ok(e < Math.max(8 * c, 30), `output guard on ${name}: ${c.toFixed(1)} / ${e.toFixed(1)} ms`);
    }
  });
});
