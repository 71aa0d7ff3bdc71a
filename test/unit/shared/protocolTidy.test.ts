/**
 * The protocol's tidy check (after rust-analyzer's): every message in shared/src/lsp.ts has a
 * doc line naming its direction, and a handler on the side that receives it.
 */
import { strict as assert } from "node:assert";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..", "..", "..");

function sources(dir: string): string {
  let text = "";
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) text += sources(p);
    else if (p.endsWith(".ts")) text += readFileSync(p, "utf8");
  }
  return text;
}

describe("protocol tidy check", () => {
  const lsp = readFileSync(join(root, "shared", "src", "lsp.ts"), "utf8");
  const messages = [...lsp.matchAll(/\/\*\* (Client → server|Server → client)\.[^\n]*\*\/\nexport const (\w+) = new (Request|Notification)Type/g)].map((m) => ({
    direction: m[1],
    name: m[2],
  }));
  const declared = [...lsp.matchAll(/export const (\w+) = new (?:Request|Notification)Type/g)].map((m) => m[1]);

  it("documents every message with its direction", () => {
    assert.ok(declared.length >= 8);
    assert.deepEqual(messages.map((m) => m.name).sort(), declared.sort());
  });

  it("handles every message on the receiving side", () => {
    const server = sources(join(root, "server", "src"));
    const client = sources(join(root, "client", "src"));
    const missing = messages.filter((m) => {
      const receiver = m.direction === "Client → server" ? server : client;
      return !new RegExp(`on(Request|Notification)\\(${m.name}\\b`).test(receiver);
    });
    assert.deepEqual(missing.map((m) => `${m.name} (${m.direction})`), []);
  });
});
