import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ignore, { type Ignore } from "ignore";
import type { ModuleExports, ModuleLookup } from "./facts/model";
import { Checklist, type LintOptions } from "./linter";
import { lintInWorkers } from "./scan/pool";
import type { ChecklistSettings } from "./settings";
import type { Finding } from "./types";

const ALWAYS_SKIPPED = new Set([".git", "node_modules", ".hg", ".svn", "__pycache__", ".venv", "venv", ".tox", ".mypy_cache"]);

/** Something that can be asked whether to stop (an AbortSignal or an LSP CancellationToken). */
export type Cancel = { readonly aborted?: boolean; readonly isCancellationRequested?: boolean };

function cancelled(c: Cancel | undefined): boolean {
  return !!c && (c.aborted === true || c.isCancellationRequested === true);
}

type Layer = { base: string; ig: Ignore };

function loadIgnore(dir: string, extra: string[]): Layer | undefined {
  const ig = ignore();
  let any = false;
  const file = path.join(dir, ".gitignore");
  if (fs.existsSync(file)) {
    try {
      ig.add(fs.readFileSync(file, "utf8"));
      any = true;
    } catch {
      // An unreadable .gitignore ignores nothing.
    }
  }
  if (extra.length > 0) {
    ig.add(extra);
    any = true;
  }
  return any ? { base: dir, ig } : undefined;
}

function ignored(layers: Layer[], full: string, isDir: boolean): boolean {
  for (const l of layers) {
    const rel = path.relative(l.base, full).split(path.sep).join("/");
    if (rel === "" || rel.startsWith("..")) continue;
    if (l.ig.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/**
 * Lists the lintable files under `roots` (files or directories), honouring every `.gitignore`
 * on the way down, the `exclude` globs and the per-file size limit.
 */
export async function listFiles(roots: string[], settings: Pick<ChecklistSettings, "maxFileKb" | "exclude">, cancel?: Cancel): Promise<string[]> {
  const out: string[] = [];
  const maxBytes = settings.maxFileKb * 1024;
  let dirs = 0;
  const visit = async (dir: string, layers: Layer[]): Promise<void> => {
    if (cancelled(cancel)) return;
    if (++dirs % 200 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const layer = loadIgnore(dir, layers.length === 0 ? settings.exclude : []);
    const here = layer ? [...layers, layer] : layers;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (ALWAYS_SKIPPED.has(e.name) || ignored(here, full, true)) continue;
        await visit(full, here);
      } else if (e.isFile() && Checklist.supports(e.name) && !ignored(here, full, false)) {
        try {
          if (fs.statSync(full).size <= maxBytes) out.push(full);
        } catch {
          // The file vanished while scanning.
        }
      }
    }
  };
  for (const r of roots) {
    const abs = path.resolve(r);
    let st: fs.Stats;
    try {
      st = await fs.promises.stat(abs);
    } catch {
      continue;
    }
    if (st.isDirectory()) await visit(abs, []);
    else if (st.isFile() && Checklist.supports(abs) && st.size <= maxBytes) out.push(abs);
  }
  return out.sort();
}

const JS_EXTS = ["", ".ts", ".tsx", ".js", ".mjs", ".cjs", ".jsx", "/index.ts", "/index.js"];

/** Resolves an import to a file on disk (relative JS imports; Python absolute and relative modules). */
export function resolveModule(fromFile: string, module: string, exists: (p: string) => boolean): string | undefined {
  const dir = path.dirname(fromFile);
  if (module.startsWith("./") || module.startsWith("../")) {
    const base = path.resolve(dir, module);
    const stripped = base.replace(/\.(js|mjs|cjs)$/, "");
    for (const b of [base, stripped]) for (const ext of JS_EXTS) if (exists(b + ext) && Checklist.supports(b + ext)) return b + ext;
    return undefined;
  }
  const alias = /^[@~]\/(.+)$/.exec(module);
  if (alias) {
    for (let root = dir, i = 0; i < 8; i++, root = path.dirname(root)) {
      for (const base of [path.join(root, alias[1] ?? ""), path.join(root, "src", alias[1] ?? "")]) {
        for (const ext of JS_EXTS) if (exists(base + ext) && Checklist.supports(base + ext)) return base + ext;
      }
      if (path.dirname(root) === root) break;
    }
    return undefined;
  }
  if (!/^[.\w]+$/.test(module) || fromFile.endsWith(".ts") || fromFile.endsWith(".js") || fromFile.endsWith(".tsx")) return undefined;
  const dots = /^\.*/.exec(module)?.[0].length ?? 0;
  const parts = module.slice(dots).split(".").filter(Boolean);
  const candidates = (root: string): string[] => [path.join(root, ...parts) + ".py", path.join(root, ...parts, "__init__.py")];
  if (dots > 0) {
    let root = dir;
    for (let i = 1; i < dots; i++) root = path.dirname(root);
    return candidates(root).find(exists);
  }
  let root = dir;
  for (let i = 0; i < 6; i++) {
    const hit = candidates(root).find(exists);
    if (hit) return hit;
    const up = path.dirname(root);
    if (up === root) break;
    root = up;
  }
  return undefined;
}

/**
 * An `exists` for files that lists each directory once, and a directory only when its parent's
 * listing says it is one (module resolution probes many paths under directories that do not exist).
 */
function listedExists(): (file: string) => boolean {
  const dirs = new Map<string, Map<string, boolean> | null>();
  const list = (dir: string): Map<string, boolean> | null => {
    const known = dirs.get(dir);
    if (known !== undefined) return known;
    const parent = path.dirname(dir);
    if (parent !== dir && list(parent)?.get(path.basename(dir)) !== true) {
      dirs.set(dir, null);
      return null;
    }
    const names = new Map<string, boolean>();
    try {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        let isDir = e.isDirectory();
        if (e.isSymbolicLink()) {
          try {
            isDir = fs.statSync(path.join(dir, e.name)).isDirectory();
          } catch {
            continue;
          }
        }
        names.set(e.name, isDir);
      }
    } catch {
      // An unreadable directory holds no modules.
    }
    dirs.set(dir, names);
    return names;
  };
  return (file: string): boolean => list(path.dirname(file))?.get(path.basename(file)) === false;
}

/** Cross-file facts: what each imported module exports, computed lazily and cached. */
export class ProjectIndex {
  private readonly cache = new Map<string, ModuleExports | null>();
  private readonly resolved = new Map<string, string | undefined>();
  private readonly existing = new Map<string, boolean>();

  private readonly exists: (file: string) => boolean;

  /**
   * `exists` tells whether a file exists (editors also count unsaved open documents); by default
   * each directory is listed once and answers for all its files (a scan asks about the same
   * candidate module paths from many files).
   */
  constructor(
    private readonly checklist: Checklist,
    private readonly read: (file: string) => string | undefined,
    exists?: (file: string) => boolean,
  ) {
    this.exists = exists ?? listedExists();
  }

  private fileExists(p: string): boolean {
    let e = this.existing.get(p);
    if (e === undefined) this.existing.set(p, (e = this.exists(p)));
    return e;
  }

  /** Forgets a file's exports (after it changed). */
  invalidate(file: string): void {
    this.cache.delete(file);
  }

  private readonly middleware = new Map<string, boolean>();

  /** True when a Next.js-style middleware file above `file` applies a rate limiter. */
  middlewareLimits(file: string): boolean {
    const dir = path.dirname(file);
    const hit = this.middleware.get(dir);
    if (hit !== undefined) return hit;
    let limited = false;
    for (let root = dir, i = 0; i < 8 && !limited; i++, root = path.dirname(root)) {
      for (const name of ["middleware.ts", "middleware.js", "src/middleware.ts", "src/middleware.js"]) {
        const candidate = path.join(root, name);
        if (candidate === file || !this.fileExists(candidate)) continue;
        const exp = this.exportsFor(candidate);
        if (exp?.limits) limited = true;
      }
      if (path.dirname(root) === root) break;
    }
    this.middleware.set(dir, limited);
    return limited;
  }

  private exportsFor(target: string): ModuleExports | undefined {
    if (this.cache.has(target)) return this.cache.get(target) ?? undefined;
    this.cache.set(target, null);
    const text = this.read(target);
    const exp = text === undefined ? undefined : this.checklist.exportsOf(target, text, this.lookup);
    this.cache.set(target, exp ?? null);
    return exp;
  }

  readonly lookup: ModuleLookup = Object.assign((fromFile: string, module: string): ModuleExports | undefined => this.lookupModule(fromFile, module), {
    middlewareLimits: (file: string): boolean => this.middlewareLimits(file),
  });

  private lookupModule(fromFile: string, module: string): ModuleExports | undefined {
    const key = `${path.dirname(fromFile)}\0${module}`;
    let target = this.resolved.get(key);
    if (!this.resolved.has(key)) {
      target = resolveModule(fromFile, module, (p) => this.fileExists(p));
      this.resolved.set(key, target);
    }
    if (!target) return undefined;
    return this.exportsFor(target);
  }
}

/** Reads a file from disk, or undefined when it does not exist. */
export function readDisk(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * Lints `files` in order with one index: reads each, skips the files without a trigger word
 * (`Checklist.mayFind`, unless `gate` is false), loads the grammars the rest need, lints them.
 * Unreadable files get no entry; `stop()` is asked before each file. The in-process scan and the
 * scan workers both lint through here, so they find the same things.
 */
export async function lintChunk(
  checklist: Checklist,
  index: ProjectIndex,
  files: readonly string[],
  read: (file: string) => string | undefined,
  opts: LintOptions,
  stop: () => boolean,
): Promise<Map<string, Finding[]>> {
  const out = new Map<string, Finding[]>();
  const texts: (string | undefined)[] = [];
  const parse: string[] = [];
  for (const file of files) {
    if (stop()) break;
    const text = read(file);
    texts.push(text);
    if (text !== undefined && (opts.gate === false || Checklist.mayFind(text))) parse.push(file);
  }
  if (parse.length > 0) await checklist.prepare(parse);
  const lintOpts = { ...opts, lookup: index.lookup };
  for (let i = 0; i < texts.length; i++) {
    if (stop()) break;
    const text = texts[i];
    if (text !== undefined) out.set(files[i] as string, checklist.lint(files[i] as string, text, lintOpts));
  }
  return out;
}

/** Options of a workspace scan. */
export type ScanOptions = LintOptions & {
  /**
   * Reads a file (default: from disk). A custom `read` keeps the scan in this thread (workers
   * cannot call it); pass `overlay` instead to scan in workers with unsaved texts.
   */
  read?: (file: string) => string | undefined;
  /** Texts that replace the disk for these files (e.g. open editor documents); works with workers. */
  overlay?: ReadonlyMap<string, string>;
  cancel?: Cancel;
  onProgress?: (done: number, total: number) => void;
  /**
   * Worker threads that lint alongside this thread (default: `defaultWorkers()`, one per idle
   * core for scans of at least `MIN_FILES_FOR_WORKERS` files; 0 = only this thread, yielding to
   * the event loop between chunks).
   */
  workers?: number;
};

/** Below this many files a scan stays in-process: starting workers costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 400;

/**
 * Worker threads for a scan of `files` files on `cores` cores with this 1-minute load average:
 * one per core left idle (rounded) beyond this thread's. Each worker is a fresh isolate whose JIT and wasm
 * warm-up costs over a second of CPU; on a busy machine (2 cores, load 4-7) a scan with one
 * worker took longer than in-process in 4 of 4 alternating runs, so workers are only started
 * for cores that are actually idle (Windows reports a load of 0).
 */
export function defaultWorkers(files: number, cores: number, load: number): number {
  if (files < MIN_FILES_FOR_WORKERS) return 0;
  return Math.max(0, Math.min(cores - 1, Math.round(cores - load - 1)));
}

/** Lints many files (on worker threads too when it pays); reports progress and stops early when cancelled. */
export async function lintFiles(checklist: Checklist, files: string[], opts: ScanOptions): Promise<Map<string, Finding[]>> {
  const { read: customRead, overlay, cancel, onProgress, workers: asked, ...lintOpts } = opts;
  const read = customRead ?? (overlay && overlay.size > 0 ? (f: string): string | undefined => overlay.get(f) ?? readDisk(f) : readDisk);
  const index = new ProjectIndex(checklist, read);
  const stop = (): boolean => cancelled(cancel);
  const workers = customRead ? 0 : (asked ?? defaultWorkers(files.length, os.availableParallelism(), os.loadavg()[0] ?? 0));
  if (workers > 0) {
    const local = (chunk: string[]): Promise<Map<string, Finding[]>> => lintChunk(checklist, index, chunk, read, lintOpts, stop);
    const pooled = await lintInWorkers(checklist.wasmDir, files, { opts: lintOpts, overlay, onProgress, workers, local, stopped: stop });
    if (pooled) return pooled;
  }
  const out = new Map<string, Finding[]>();
  for (let i = 0; i < files.length && !stop(); i += CHUNK) {
    for (const [f, found] of await lintChunk(checklist, index, files.slice(i, i + CHUNK), read, lintOpts, stop)) out.set(f, found);
    if (i + CHUNK < files.length) {
      onProgress?.(i + CHUNK, files.length);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  onProgress?.(files.length, files.length);
  return out;
}

/** Files linted between yields to the event loop (in-process) or per message (workers). */
const CHUNK = 50;
