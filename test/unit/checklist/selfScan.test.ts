import { strict as assert } from "node:assert";
import * as path from "node:path";
import { DEFAULT_CHECKLIST_SETTINGS } from "../../../server/src/checklist/settings";
import { lintFiles, listFiles } from "../../../server/src/checklist/workspace";
import { engine } from "./helpers";

describe("checklist on Preflight's own source", function () {
  this.timeout(120_000);
  it("finds nothing in server/, client/ and shared/", async () => {
    const root = path.resolve(__dirname, "../../..");
    const files = await listFiles(["server", "client", "shared"].map((d) => path.join(root, d)), DEFAULT_CHECKLIST_SETTINGS);
    assert.ok(files.length > 20, "the product's sources should be found");
    const results = await lintFiles(await engine(), files, {});
    const findings = [...results].flatMap(([file, fs]) => fs.map((f) => `${path.relative(root, file)}:${f.span.startLine + 1} ${f.rule}`));
    assert.deepEqual(findings, []);
  });
});
