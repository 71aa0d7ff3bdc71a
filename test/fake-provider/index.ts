/** Entry point of the fake provider for tests: `import { startFakeProvider } from "../fake-provider"`. */
export { startFakeProvider } from "./server";
export { splitChunks } from "./respond";
export type { Fault, FaultPicker, FakeProvider, FakeProviderOptions, FakeUsage, RecordedRequest } from "./types";
