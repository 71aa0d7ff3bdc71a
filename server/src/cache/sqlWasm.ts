/**
 * Loads sql.js once per process. At run time the wasm file sits next to the bundle
 * (out/server/sql-wasm.wasm, copied by esbuild.mjs); from sources and tests it is found in
 * node_modules/sql.js/dist/.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import initSqlJs, { type SqlJsStatic } from "sql.js";

const WASM = "sql-wasm.wasm";

/** The folder holding sql-wasm.wasm: next to this file (the bundle) first, then node_modules. */
export function findSqlWasm(): string {
  const candidates = [__dirname, join(__dirname, "..", "..", "..", "node_modules", "sql.js", "dist")];
  try {
    candidates.push(dirname(require.resolve("sql.js/dist/sql-wasm.wasm")));
  } catch {
    // Not resolvable from here (e.g. inside a bundle without node_modules); the other candidates remain.
  }
  for (let dir = process.cwd(), i = 0; i < 6; i++, dir = dirname(dir)) candidates.push(join(dir, "node_modules", "sql.js", "dist"));
  const found = candidates.find((dir) => existsSync(join(dir, WASM)));
  if (found === undefined) {
    throw new Error(`sql-wasm.wasm was not found next to ${__dirname} or in node_modules/sql.js/dist; rebuild with "npm run build" or reinstall dependencies.`);
  }
  return found;
}

let loading: Promise<SqlJsStatic> | undefined;

export function loadSqlJs(): Promise<SqlJsStatic> {
  if (loading === undefined) {
    const dir = findSqlWasm();
    loading = initSqlJs({ locateFile: (file: string) => join(dir, file) });
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}
