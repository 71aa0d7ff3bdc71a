import assert from "node:assert/strict";
import fc from "fast-check";
import { ConversationStore, PlaceholderMap } from "../../../server/src/guards/placeholders";
import { previewRedaction, redactText } from "../../../server/src/guards/redactor";
import { restoreText, StreamRestorer } from "../../../server/src/guards/restore";
import { DEFAULT_GUARD_SETTINGS, type GuardSettings } from "../../../server/src/guards/settings";

const SECRET_TEXT = "Mail maria.garcia@acme-corp.io and bob@globex.com; key AKIAZ3MSJV4WWNKWW5FG; mail maria.garcia@acme-corp.io again.";

/** Streams `text` through a restorer cut at the given points and returns what was emitted. */
function streamed(text: string, cuts: number[], map: PlaceholderMap): string {
  const r = new StreamRestorer(map);
  let out = "";
  let last = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    out += r.push(text.slice(last, c));
    last = c;
  }
  return out + r.push(text.slice(last)) + r.flush();
}

describe("guards/placeholders and restore", () => {
  it("gives the same value the same placeholder within a conversation, and counts per type", () => {
    const map = new PlaceholderMap();
    const r = redactText(SECRET_TEXT, map);
    assert.equal(r.text, "Mail [EMAIL_1] and [EMAIL_2]; key [AWS_ACCESS_KEY_ID_1]; mail [EMAIL_1] again.");
    assert.deepEqual(r.counts, { EMAIL: 3, AWS_ACCESS_KEY_ID: 1 });
    assert.equal(redactText("again bob@globex.com", map).text, "again [EMAIL_2]");
  });

  it("keeps conversations apart and forgets them", () => {
    const store = new ConversationStore(2);
    redactText("a maria.garcia@acme-corp.io", store.get("one"));
    assert.equal(redactText("b bob@globex.com", store.get("two")).text, "b [EMAIL_1]");
    store.get("three");
    assert.equal(store.peek("one"), undefined, "the oldest conversation is dropped beyond the bound");
    store.forget("two");
    assert.equal(store.peek("two"), undefined);
  });

  it("never mints a placeholder that already occurs in the text", () => {
    const text = "literal [EMAIL_1] and maria.garcia@acme-corp.io";
    const map = new PlaceholderMap();
    const r = redactText(text, map);
    assert.equal(r.text, "literal [EMAIL_1] and [EMAIL_2]");
    assert.equal(restoreText(r.text, map), text);
  });

  it("restores a placeholder split across chunks at every possible cut", () => {
    const map = new PlaceholderMap();
    const redacted = redactText(SECRET_TEXT, map).text;
    for (let i = 0; i <= redacted.length; i++) {
      for (const j of [i + 1, i + 3, i + 7]) {
        assert.equal(streamed(redacted, [i, Math.min(j, redacted.length)], map), SECRET_TEXT, `cuts ${i}, ${j}`);
      }
    }
  });

  it("passes unknown placeholders and ordinary brackets through unchanged", () => {
    const map = new PlaceholderMap();
    redactText("x maria.garcia@acme-corp.io", map);
    const text = "arr[0] = [EMAIL_9]; see [link] and [EMAIL_1][";
    assert.equal(streamed(text, [5, 13, 30], map), "arr[0] = [EMAIL_9]; see [link] and maria.garcia@acme-corp.io[");
  });

  it("property: offsets are valid and redact then restore is the identity", () => {
    const piece = fc.oneof(
      fc.string(),
      fc.string({ unit: "binary" }),
      fc.constantFrom("maria.garcia@acme-corp.io", "AKIAZ3MSJV4WWNKWW5FG", "617-555-0199", "password = \"Tr0ub4dor&3\"", "[EMAIL_1]", "[", "]", "\n", "8.8.8.8", "4242 4242 4242 4242", "sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90Uv12Wx34"),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 6 }), (parts, rawCuts) => {
        const text = parts.join(" ");
        const map = new PlaceholderMap();
        const r = redactText(text, map);
        let prevEnd = 0;
        for (const f of r.findings) {
          assert.ok(f.start >= prevEnd && f.start < f.end && f.end <= text.length, "findings are ordered, non-overlapping and inside the text");
          prevEnd = f.end;
        }
        assert.equal(restoreText(r.text, map), text);
        const cuts = rawCuts.map((c) => c % (r.text.length + 1));
        assert.equal(streamed(r.text, cuts, map), text);
      }),
      { numRuns: 400 },
    );
  });

  it("previews exactly what will be sent, without changing the conversation", () => {
    const store = new ConversationStore();
    redactText("earlier bob@globex.com", store.get("c1"));
    const preview = previewRedaction(
      { kind: "chat", text: "ping bob@globex.com and maria.garcia@acme-corp.io", history: [], attachments: [{ name: "a.env", text: "DB_PASSWORD=Tr0ub4dor&3", channel: "code" }] },
      DEFAULT_GUARD_SETTINGS,
      "c1",
      store,
    );
    assert.deepEqual(preview.map((p) => [p.part, p.sent]), [["text", "ping [EMAIL_1] and [EMAIL_2]"], ["attachment:a.env", "DB_PASSWORD=[GENERIC_SECRET_1]"]]);
    assert.deepEqual(preview[0]!.findings, [{ type: "EMAIL", start: 5, end: 19, placeholder: "[EMAIL_1]" }, { type: "EMAIL", start: 24, end: 49, placeholder: "[EMAIL_2]" }]);
    assert.equal(redactText("x maria.garcia@acme-corp.io", store.get("c1")).text, "x [EMAIL_2]", "the preview's placeholder is the one the request uses");
  });

  it("sends allowed types unchanged and shows them in the preview without a placeholder", () => {
    const settings: GuardSettings = { ...DEFAULT_GUARD_SETTINGS, redaction: { ...DEFAULT_GUARD_SETTINGS.redaction, allowTypes: ["EMAIL"] } };
    const r = redactText("mail bob@globex.com key AKIAZ3MSJV4WWNKWW5FG", new PlaceholderMap(), settings);
    assert.equal(r.text, "mail bob@globex.com key [AWS_ACCESS_KEY_ID_1]");
    assert.deepEqual(r.findings.map((f) => [f.type, f.placeholder]), [["EMAIL", null], ["AWS_ACCESS_KEY_ID", "[AWS_ACCESS_KEY_ID_1]"]]);
  });
});
