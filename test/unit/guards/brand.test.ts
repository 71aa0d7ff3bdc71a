import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

describe("guards/brand", () => {
  it("only the redaction module mints RedactedText", () => {
    const users = files("server/src")
      .filter((f) => /\bmintRedacted\b/.test(readFileSync(f, "utf8")))
      .map((f) => relative(".", f).replace(/\\/g, "/"))
      .sort();
    assert.deepEqual(users, ["server/src/guards/redactor.ts", "server/src/pipeline/brands.ts"]);
  });
});
