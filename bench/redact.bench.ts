/**
 * Redaction numbers, side by side in one process: throughput (MB/s) and secret recall of
 * Preflight's redactor and of secretlint with its recommended preset on the same corpus (the
 * redaction tune set), and the time of each detector on 1 MB adversarial inputs (long runs of
 * near-matches; warm, worst input per detector). Times are CPU time of this process (best of several
 * runs), so other processes sharing the machine inflate them less than wall-clock time.
 */
import { cpus, loadavg } from "node:os";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { lintSource } from "@secretlint/core";
import { creator as recommended } from "@secretlint/secretlint-rule-preset-recommend";
import { DETECTORS, detect } from "../server/src/guards/detect";
import { SECRET_TYPES } from "../server/src/guards/types";

type Rec = { text: string; findings: { start: number; end: number; type: string }[] };

function corpus(): Rec[] {
  const dir = join(__dirname, "..", "test", "fixtures", "redaction", "tune");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".jsonl"))
    .flatMap((f) => readFileSync(join(dir, f), "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as Rec));
}

function adversarial(size: number): Record<string, string> {
  const fill = (unit: string): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  const units = ["a", "4", "4242 4242 ", "a@b.", "abcdefgh@", "sk-proj-", "AKIA", "eyJhbGciOi.", "password=password ", "postgres://u:", "1.2.3.", "+1 (617) 555-", "DE89 3704 ", "Maria Maria ", "QUJDRA", "login x password ", "--token --api-key ", "name: API_TOKEN\n  value: ", "new mysqli('h', 'u', ", "Thabiso Mokoena "];
  return Object.fromEntries(units.map((u) => [u, fill(u)]));
}

const isSecret = (t: string): boolean => (SECRET_TYPES as readonly string[]).includes(t);

/** CPU milliseconds of this process (robust to other processes sharing the machine). */
function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Wall-clock times (best of each call kind), printed next to the CPU-time numbers. */
const wall = new Map<string, number>();

/** Best (lowest) CPU time of `runs` calls; the best wall-clock time is kept under `label`. */
async function best(runs: number, f: () => unknown, label = ""): Promise<number> {
  let b = Infinity;
  let w = Infinity;
  for (let k = 0; k < runs; k++) {
    const s = cpuNow();
    const t = performance.now();
    await f();
    w = Math.min(w, performance.now() - t);
    b = Math.min(b, cpuNow() - s);
  }
  if (label) wall.set(label, w);
  return b;
}

export async function run(): Promise<void> {
  const recs = corpus();
  const texts = recs.map((r) => r.text);
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  for (const t of texts) detect(t);
  const oursMs = await best(7, () => {
    for (const t of texts) detect(t);
  }, "ours");

  const config = { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: recommended }] };
  const lint = (content: string) => lintSource({ source: { content, filePath: "/virtual/input.txt", ext: ".txt", contentType: "text" }, options: { config, noPhysicFilePath: true } });
  for (const t of texts.slice(0, 20)) await lint(t);
  const theirs: { start: number; end: number }[][] = [];
  for (const t of texts) theirs.push((await lint(t)).messages.map((m) => ({ start: m.range[0], end: m.range[1] })));
  const theirMs = await best(3, async () => {
    for (const t of texts) await lint(t);
  }, "theirs");

  let expected = 0;
  let oursFound = 0;
  let theirsFound = 0;
  recs.forEach((r, i) => {
    const ours = detect(r.text);
    for (const f of r.findings.filter((x) => isSecret(x.type))) {
      expected++;
      if (ours.some((o) => o.start === f.start && o.end === f.end && o.type === f.type)) oursFound++;
      if (theirs[i]!.some((m) => m.start < f.end && f.start < m.end)) theirsFound++;
    }
  });
  const mb = bytes / 1024 / 1024;
  console.log(`machine: ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}; times are CPU time of this process, best of several runs`);
  console.log(`redaction corpus: ${recs.length} texts, ${(bytes / 1024).toFixed(0)} KB, ${expected} labelled secrets`);
  console.log("tool                     MB/s    ms/corpus  secret recall");
  console.log(`preflight redactor   ${(mb / (oursMs / 1000)).toFixed(1).padStart(8)} ${oursMs.toFixed(1).padStart(10)}  ${(oursFound / expected).toFixed(3)} (exact span and type)`);
  console.log(`secretlint recommend ${(mb / (theirMs / 1000)).toFixed(1).padStart(8)} ${theirMs.toFixed(1).padStart(10)}  ${(theirsFound / expected).toFixed(3)} (any overlap)`);
  console.log(`speed-up: ${(theirMs / oursMs).toFixed(1)}x (per text, CPU time); wall clock: preflight ${wall.get("ours")!.toFixed(1)} ms, secretlint ${wall.get("theirs")!.toFixed(1)} ms, ${(wall.get("theirs")! / wall.get("ours")!).toFixed(1)}x`);

  // The same corpus as one document (the shape of a pasted file or a long prompt).
  const joined = texts.join("\n").repeat(10);
  const joinedMb = Buffer.byteLength(joined) / 1024 / 1024;
  detect(joined);
  const oursJoinedMs = await best(7, () => detect(joined), "oursJoined");
  await lint(joined);
  const theirJoinedMs = await best(3, () => lint(joined), "theirsJoined");
  console.log(`as one ${(joinedMb * 1024).toFixed(0)} KB document: preflight ${(joinedMb / (oursJoinedMs / 1000)).toFixed(1)} MB/s, secretlint ${(joinedMb / (theirJoinedMs / 1000)).toFixed(1)} MB/s, speed-up ${(theirJoinedMs / oursJoinedMs).toFixed(1)}x (CPU time); wall clock ${(joinedMb / (wall.get("oursJoined")! / 1000)).toFixed(1)} vs ${(joinedMb / (wall.get("theirsJoined")! / 1000)).toFixed(1)} MB/s`);

  const adv = adversarial(1024 * 1024);
  console.log("detector        worst ms on 1 MB adversarial input (warm, CPU time, best of 3)");
  for (const d of DETECTORS) {
    let worst = 0;
    let worstName = "";
    for (const [name, text] of Object.entries(adv)) {
      d.run(text, () => undefined);
      const ms = await best(3, () => d.run(text, () => undefined));
      if (ms > worst) [worst, worstName] = [ms, name];
    }
    console.log(`${d.name.padEnd(15)} ${worst.toFixed(1).padStart(8)}  (${JSON.stringify(worstName)} repeated)`);
  }
}

if (require.main === module) void run();
