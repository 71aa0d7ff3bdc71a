/**
 * One editor session per e2e run, shared by every suite: mocha root hooks start the fake
 * provider and code-server (with the packaged VSIX installed and Preflight pointed at the fake
 * provider) before the first suite and stop both after the last one.
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { startFakeProvider, type FakeProvider } from "../fake-provider";
import { missingPrerequisites, OUTPUT_DIR, startEditor, VSIX, type Editor } from "./editor";

/** Where the extension-host test runner (test/e2e/host/index.js) writes its mocha results. */
export const HOST_RESULTS = path.join(OUTPUT_DIR, "host-results.json");
/** The model id the fake provider reports; Preflight is configured to use it as `compatible:`. */
export const FAKE_MODEL = "fake-model";

type Session = { editor: Editor; fake: FakeProvider };
let session: Session | undefined;

/** The running session; only valid inside tests (after the root beforeAll hook). */
export function current(): Session {
  if (!session) throw new Error("The e2e session is not running: the root hook in test/e2e/session.ts did not start it.");
  return session;
}

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(180_000);
    const missing = missingPrerequisites();
    if (missing.length > 0) {
      throw new Error(`The real-editor tests cannot run; missing:\n  - ${missing.join("\n  - ")}`);
    }
    mkdirSync(OUTPUT_DIR, { recursive: true });
    rmSync(HOST_RESULTS, { force: true });
    const fake = await startFakeProvider({ model: FAKE_MODEL });
    try {
      const editor = await startEditor({
        vsix: VSIX,
        settings: {
          "preflight.model": `compatible:${FAKE_MODEL}`,
          "preflight.endpoints.compatible": fake.openaiBaseUrl,
        },
        env: { PREFLIGHT_E2E_HOST_RESULTS: HOST_RESULTS },
      });
      session = { editor, fake };
    } catch (err) {
      await fake.close();
      throw err;
    }
  },
  beforeEach(): void {
    session?.fake.clearScript();
  },
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(60_000);
    const s = session;
    session = undefined;
    if (!s) return;
    await s.editor.stop();
    await s.fake.close();
  },
};
