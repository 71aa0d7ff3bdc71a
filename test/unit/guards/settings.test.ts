import assert from "node:assert/strict";
import { DEFAULT_GUARD_SETTINGS, guardSettingsFromRaw } from "../../../server/src/guards/settings";

describe("guards/settings", () => {
  it("uses defaults for an empty section", () => {
    assert.deepEqual(guardSettingsFromRaw({}), { settings: DEFAULT_GUARD_SETTINGS, problems: [] });
  });

  it("reads every field", () => {
    const { settings, problems } = guardSettingsFromRaw({
      redaction: { enabled: false, disabledTypes: ["PHONE"], allowValues: ["ops@globex.com"], allowTypes: ["IP_ADDRESS"] },
      guard: { linkAllowList: ["Docs.Example.org"], bannedPatterns: ["DROP TABLE"], injectionThreshold: 0.7 },
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, {
      redaction: { enabled: false, disabledTypes: ["PHONE"], allowValues: ["ops@globex.com"], allowTypes: ["IP_ADDRESS"] },
      guard: { linkAllowList: ["docs.example.org"], bannedPatterns: ["DROP TABLE"], injectionThreshold: 0.7 },
    });
  });

  it("reports malformed values with the setting name and the fix, and keeps going", () => {
    const { settings, problems } = guardSettingsFromRaw({
      redaction: { enabled: "yes", disabledTypes: ["PHONE", "SOCIAL"] },
      guard: { bannedPatterns: ["(a+)+$", "[unclosed"], injectionThreshold: 3 },
    });
    assert.deepEqual(settings.redaction.disabledTypes, ["PHONE"]);
    assert.deepEqual(settings.guard.bannedPatterns, []);
    assert.equal(settings.guard.injectionThreshold, 0.5);
    assert.equal(problems.length, 5);
    assert.ok(problems.some((p) => p.includes("preflight.redaction.disabledTypes") && p.includes("SOCIAL")));
    assert.ok(problems.some((p) => p.includes("unsafe") && p.includes("(a+)+$")));
  });
});
