import { strict as assert } from "node:assert";
import { assignVariant, compareVersions, stableUnit } from "../../../server/src/prompts/abTest";

describe("prompts: A/B assignment", () => {
  const versions = [
    { version: "1", weight: 3 },
    { version: "2", weight: 1 },
  ];

  it("gives a conversation the same version every time", () => {
    for (let i = 0; i < 50; i++) {
      const first = assignVariant("chat", `conv-${i}`, versions);
      for (let j = 0; j < 5; j++) assert.equal(assignVariant("chat", `conv-${i}`, versions), first);
    }
  });

  it("is a deterministic function of the ids (fixed expectations)", () => {
    assert.equal(stableUnit("chat\u0000abc"), stableUnit("chat\u0000abc"));
    assert.notEqual(stableUnit("chat\u0000abc"), stableUnit("review\u0000abc"));
    const u = stableUnit("x");
    assert.ok(u >= 0 && u < 1);
    // sha256("x") starts with 2d711642b726, so the unit value is fixed forever.
    assert.equal(u, 0x2d711642b726 / 2 ** 48);
  });

  it("follows the weights over many conversations", () => {
    const counts = new Map<string, number>();
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const v = assignVariant("chat", `conversation-${i}`, versions)?.version ?? "none";
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const share = (counts.get("2") ?? 0) / n;
    // Expected 0.25; three standard deviations at n = 20,000 is about 0.009.
    assert.ok(Math.abs(share - 0.25) < 0.01, `share of version 2 was ${share}`);
  });

  it("never assigns a zero-weight version and returns undefined when all are zero", () => {
    const withZero = [
      { version: "1", weight: 0 },
      { version: "2", weight: 1 },
    ];
    for (let i = 0; i < 200; i++) assert.equal(assignVariant("t", String(i), withZero)?.version, "2");
    assert.equal(assignVariant("t", "c", [{ version: "1", weight: 0 }]), undefined);
  });

  it("orders versions numerically by part", () => {
    assert.ok(compareVersions("1.10", "1.9") > 0);
    assert.ok(compareVersions("2", "10") < 0);
    assert.ok(compareVersions("1", "1.0") < 0);
    assert.equal(compareVersions("1.2", "1.2"), 0);
  });
});
