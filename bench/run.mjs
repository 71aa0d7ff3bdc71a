// Runs every bench/*.bench.ts (each exports `run()` and prints its own table next to a
// reference measured in the same run). `npm run bench -- cache` runs only matching files.
import { readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const filter = process.argv.slice(2);
const files = readdirSync("bench")
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const code = `require(${JSON.stringify(join(process.cwd(), "bench", file))}).run().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });`;
  const r = spawnSync(process.execPath, ["--import", "tsx", "--expose-gc", "-e", code], { stdio: "inherit", env: process.env });
  if (r.status !== 0) {
    failed += 1;
    console.log(`!!! ${file} failed (exit ${r.status})`);
  }
}
console.log(`\n${files.length - failed} benchmarks ran, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
