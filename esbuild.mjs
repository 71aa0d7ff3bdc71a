// Builds the three bundles (client, server + CLI, webviews) and copies the wasm files the
// server loads at run time next to its bundle. Flags: --production (minify, no sourcemaps),
// --watch (rebuild on change, with a problem-matcher friendly log), --out <dir> (default out).
import * as esbuild from "esbuild";
import { cpSync, existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const production = process.argv.includes("--production");
const watch = process.argv.includes("--watch");
/** `--out <dir>` builds somewhere else than out/ (the foundation benchmark measures a production build). */
const outArg = process.argv.indexOf("--out");
const out = outArg >= 0 ? process.argv[outArg + 1] : "out";

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : "linked",
  logLevel: "warning",
  legalComments: "none",
};

/** Prints start/end lines that VS Code's esbuild problem matcher understands. */
const problemMatcher = {
  name: "problem-matcher",
  setup(build) {
    build.onStart(() => console.log("[watch] build started"));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log("[watch] build finished");
    });
  },
};

/**
 * gpt-tokenizer's tables are megabytes of literals: parsed as part of the server bundle they cost
 * about 70 MB of memory even when nothing counts tokens. They ship as their own file next to the
 * server bundle, which `require("gpt-tokenizer")` (server/src/tokenizer.ts) loads on first use.
 */
const tokenizerAsOwnFile = {
  name: "tokenizer-as-own-file",
  setup(build) {
    build.onResolve({ filter: /^gpt-tokenizer$/ }, () => ({ path: "./gpt-tokenizer.js", external: true }));
  },
};

const webviewEntries = [
  ["chat", "client/webview/chat/main.ts"],
  ["dashboard", "client/webview/dashboard/main.ts"],
].filter(([, entry]) => existsSync(entry));

/** The language server, the CLI and what they load at run time: node CommonJS files side by side. */
const serverSide = { ...common, outdir: `${out}/server`, platform: "node", format: "cjs", target: "node20" };

const builds = [
  {
    ...common,
    entryPoints: { extension: "client/src/extension.ts" },
    outdir: `${out}/client`,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: ["vscode"],
    // Marks when the bundle starts evaluating, so activation time includes code loading.
    banner: { js: "var __preflightLoadStart = performance.now();" },
  },
  {
    ...serverSide,
    // scan-worker: the workspace scan's worker threads (server/src/checklist/scan/pool.ts looks
    // for it next to server.js / cli.js).
    entryPoints: { server: "server/src/main.ts", "scan-worker": "server/src/checklist/scan/worker.ts" },
    plugins: [tokenizerAsOwnFile],
  },
  {
    ...serverSide,
    entryPoints: { "gpt-tokenizer": createRequire(import.meta.url).resolve("gpt-tokenizer") },
  },
  {
    ...serverSide,
    entryPoints: { cli: "server/src/cli/main.ts" },
    banner: { js: "#!/usr/bin/env node" },
    plugins: [tokenizerAsOwnFile],
  },
  {
    ...common,
    entryPoints: Object.fromEntries(webviewEntries),
    outdir: `${out}/webview`,
    platform: "browser",
    format: "iife",
    target: "es2022",
    loader: { ".css": "css" },
  },
];

/** Wasm and CSS assets the bundles load at run time, copied next to them. */
const assets = [
  ["node_modules/sql.js/dist/sql-wasm.wasm", `${out}/server/sql-wasm.wasm`],
  ["node_modules/web-tree-sitter/web-tree-sitter.wasm", `${out}/server/web-tree-sitter.wasm`],
  ["node_modules/tree-sitter-python/tree-sitter-python.wasm", `${out}/server/tree-sitter-python.wasm`],
  ["node_modules/tree-sitter-javascript/tree-sitter-javascript.wasm", `${out}/server/tree-sitter-javascript.wasm`],
  ["node_modules/tree-sitter-typescript/tree-sitter-typescript.wasm", `${out}/server/tree-sitter-typescript.wasm`],
  ["node_modules/tree-sitter-typescript/tree-sitter-tsx.wasm", `${out}/server/tree-sitter-tsx.wasm`],
  ["node_modules/uplot/dist/uPlot.min.css", `${out}/webview/uPlot.min.css`],
];

function copyAssets() {
  for (const [from, to] of assets) {
    if (!existsSync(from)) throw new Error(`esbuild.mjs: missing asset ${from}; run npm ci.`);
    mkdirSync(dirname(to), { recursive: true });
    cpSync(from, to);
  }
}

const started = Date.now();
copyAssets();
if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context({ ...options, plugins: [...(options.plugins ?? []), problemMatcher] });
    await ctx.watch();
  }
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  // The CLI is run directly as `preflight`, so it needs the executable bit.
  const cli = join(out, "server", "cli.js");
  if (existsSync(cli)) (await import("node:fs")).chmodSync(cli, 0o755);
  console.log(`built in ${Date.now() - started} ms${production ? " (production)" : ""}`);
}
