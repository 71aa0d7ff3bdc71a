import { strict as assert } from "node:assert";
import { join } from "node:path";
import { symlinkSync } from "node:fs";
import { cacheSettingsFromRaw, DEFAULT_CACHE_SETTINGS } from "../../../server/src/cache/settings";
import { workspaceStoreDir } from "../../../server/src/cache/location";
import { isTypo, REWORDED_MIN_SIMILARITY, sameIntent } from "../../../server/src/cache/gate";
import { tempDir } from "./helpers/fixtures";

describe("cache settings and location", () => {
  it("parses preflight.cache and reports malformed values with the fix", () => {
    assert.deepEqual(cacheSettingsFromRaw(undefined), { settings: DEFAULT_CACHE_SETTINGS, problems: [] });
    const ok = cacheSettingsFromRaw({ ttlHours: 2, maxEntries: 50, similarityThreshold: 0.8, onlyTemperatureZero: false, embeddings: { provider: "compatible", model: "nomic-embed-text", baseUrl: "http://localhost:11434/v1/" } });
    assert.deepEqual(ok.problems, []);
    assert.equal(ok.settings.maxEntries, 50);
    assert.deepEqual(ok.settings.embeddings, { provider: "compatible", model: "nomic-embed-text", baseUrl: "http://localhost:11434/v1", timeoutMs: 5000 });
    const bad = cacheSettingsFromRaw({ ttlHours: -1, similarityThreshold: 2, enabled: "yes", embeddings: { provider: "compatible", model: "m" } });
    assert.equal(bad.problems.length, 4);
    assert.equal(bad.settings.ttlHours, DEFAULT_CACHE_SETTINGS.ttlHours);
    assert.equal(bad.settings.embeddings.provider, "offline");
    assert.match(bad.problems.join("\n"), /preflight\.cache\.similarityThreshold must be a number from 0\.3 to 1/);
  });

  it("names one store folder per real workspace path", () => {
    const t = tempDir();
    try {
      const link = join(t.dir, "link");
      symlinkSync(t.dir, link);
      const a = workspaceStoreDir("/home/x", t.dir);
      assert.equal(workspaceStoreDir("/home/x", link), a);
      assert.match(a, /^\/home\/x\/workspaces\/[0-9a-f]{16}$/);
      assert.notEqual(workspaceStoreDir("/home/x", "/elsewhere"), a);
    } finally {
      t.remove();
    }
  });
});

describe("intent gate", () => {
  it("repairs typing slips but not real differences", () => {
    for (const [a, b] of [["pyhton", "python"], ["delte", "delete"], ["brnach", "branch"], ["comit", "commit"], ["lsit", "list"]]) assert.ok(isTypo(a!, b!), `${a}/${b}`);
    for (const [a, b] of [["sync", "async"], ["encode", "decode"], ["route", "router"], ["serialize", "deserialize"], ["insert", "invert"], ["remote", "remove"], ["push", "pull"]]) assert.ok(!isTypo(a!, b!), `${a}/${b}`);
  });

  it("explains a refusal with the differing words", () => {
    const v = sameIntent("How do I sort a list ascending in Python?", "How do I sort a list descending in Python?");
    assert.equal(v.ok, false);
    assert.deepEqual(!v.ok && v.words.sort(), ["asc", "desc"]);
    const d = sameIntent("convert celsius to fahrenheit in js", "convert fahrenheit to celsius in js");
    assert.equal(!d.ok && d.reason, "the questions ask for opposite directions");
    assert.ok(sameIntent("In my Flask project, how do I read a JSON file in Python?", "How do I read a JSON file in Python?").ok);
    assert.equal(sameIntent("In my Flask app, how do I add a route?", "In my Django app, how do I add a route?").ok, false);
  });

  it("refuses a one-sided word of a policy category and names the category", () => {
    const cases: [string, string, string][] = [
      ["How do I validate a form with zod?", "How do I validate a form with yup?", "library"],
      ["How do I install Docker on Ubuntu?", "How do I install Docker on Fedora?", "os"],
      ["How do I get the keys of a dict in Python?", "How do I get the values of a dict in Python?", "scope"],
      ["How do I upload a file to S3?", "How do I download a file from S3?", "direction"],
      ["How do I sort a list in Python?", "How do I sort a list in Python in place?", "constraint"],
      ["How do I limit an API to 100 requests per minute?", "How do I limit an API to 100 requests per second?", "number"],
      // "generate" and "validate" fold to light groups (create, check) but are different operations.
      ["How do I generate a UUID in Python?", "How do I validate a UUID in Python?", "operation"],
    ];
    for (const [a, b, category] of cases) {
      const v = sameIntent(a, b, 0.95);
      assert.equal(v.ok, false, `${a} / ${b}`);
      assert.ok(!v.ok && v.reason.includes(category), `${a} / ${b}: ${!v.ok && v.reason}`);
    }
  });

  it("accepts unlisted rewording only when similar enough, not as a one-for-one swap, and not inside a condition", () => {
    // A clause no list names: accepted at a high similarity, refused below the reworded minimum.
    const verbose = "Vim suddenly appeared and confused me; how can I quit vim?";
    assert.ok(sameIntent("How do I exit vim?", verbose, REWORDED_MIN_SIMILARITY).ok);
    assert.equal(sameIntent("How do I exit vim?", verbose, REWORDED_MIN_SIMILARITY - 0.01).ok, false);
    assert.equal(sameIntent("How do I exit vim?", verbose).ok, false, "no similarity: strict");
    // One or two unlisted words added to the same question are a detail, not rewording.
    const detail = sameIntent("How do I parse a date in JavaScript?", "How do I parse an ISO date in JavaScript?", 0.95);
    assert.ok(!detail.ok && detail.reason.includes("detail"), JSON.stringify(detail));
    // An unknown word swapped for another unknown word is how near-misses look ("frobnicate" vs "defrobulate").
    const swap = sameIntent("How do I frobnicate a widget in Python?", "How do I defrobulate a widget in Python?", 0.9);
    assert.ok(!swap.ok && swap.reason.includes("swapped"), JSON.stringify(swap));
    // Unknown words after "with" add a condition.
    const cond = sameIntent("How do I deploy a site to Vercel?", "How do I deploy a site to Vercel with a vanity hostname?", 0.9);
    assert.ok(!cond.ok && cond.reason.includes("condition"), JSON.stringify(cond));
  });
});
