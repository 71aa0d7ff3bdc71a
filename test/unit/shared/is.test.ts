import { strict as assert } from "node:assert";
import { isWebviewToHost } from "../../../shared/src/is";

describe("isWebviewToHost", () => {
  const send = { kind: "request", id: "1", method: "chat/send", params: { streamId: "s", text: "hi", history: [], conversationId: "c" } };

  it("accepts well-formed messages", () => {
    assert.ok(isWebviewToHost({ kind: "ready" }));
    assert.ok(isWebviewToHost({ kind: "abort", id: "1" }));
    assert.ok(isWebviewToHost(send));
    assert.ok(isWebviewToHost({ kind: "request", id: "2", method: "chat/feedback", params: { requestId: "r", templateId: "chat", templateVersion: "1", rating: "up" } }));
  });

  it("rejects wrong shapes, unknown methods and bad params", () => {
    assert.ok(!isWebviewToHost(null));
    assert.ok(!isWebviewToHost({ kind: "request", id: "1", method: "fs/delete", params: {} }));
    assert.ok(!isWebviewToHost({ ...send, params: { ...send.params, text: 5 } }));
    assert.ok(!isWebviewToHost({ ...send, params: { ...send.params, history: [{ role: "system", content: "x" }] } }));
    assert.ok(!isWebviewToHost({ ...send, params: { ...send.params, attach: "disk" } }));
    assert.ok(!isWebviewToHost({ kind: "request", id: "2", method: "chat/feedback", params: { requestId: "r", templateId: "c", templateVersion: "1", rating: "meh" } }));
    assert.ok(!isWebviewToHost({ kind: "abort" }));
  });
});
