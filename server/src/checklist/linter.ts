import { isDisabled, readDisables } from "./disables";
import { extractFacts, type FileFacts } from "./facts/extract";
import { jsSyntax } from "./facts/jsSyntax";
import type { ModuleExports, ModuleLookup } from "./facts/model";
import { pySyntax } from "./facts/pySyntax";
import { disableEdit } from "./fixes/edits";
import { grammarFamily, grammarFor, type Grammar, Parsers } from "./parser";
import { RULES } from "./rules";
import { DEFAULT_CHECKLIST_SETTINGS, type ChecklistSettings } from "./settings";
import type { Finding, RuleId } from "./types";

/** Options for one lint: settings (severities, enabled rules), a rule filter and import lookup. */
export type LintOptions = {
  settings?: ChecklistSettings;
  only?: readonly RuleId[];
  lookup?: ModuleLookup;
  /** Keep this file's tree and re-parse incrementally on the next lint (editors re-linting on change). */
  incremental?: boolean;
  /** Skip files without any trigger word before parsing (default true; false only to test that the gate changes nothing). */
  gate?: boolean;
};

/**
 * Cheap pre-filter run before parsing: a file without any of these words cannot produce a finding
 * (no LLM client or call, credential, CORS setting, route or bot framework). Most files of an
 * ordinary workspace are never parsed. A test checks that the gate changes no finding.
 */
const TRIGGERS = /system|instruction|role|openai|anthropic|completion|llm|langchain|litellm|generate|chat|prompt|message|msg|query|question|input|history|conversation|payload|body|cors|origin|key|token|secret|sk-|AKIA|gh[pousr]_|xox|AIza|hf_|gsk_|fetch|axios|requests|httpx|\bai\b|agent|assistant|summar|gpt|claude|model|bot\b|socket|route|express|fastapi|flask|django|hono|worker/i;

/** The checklist engine: parses a file, extracts facts, runs the rules, applies disables. */
export class Checklist {
  private constructor(
    private readonly parsers: Parsers,
    /** Where the grammars are loaded from (undefined: node_modules); scan workers load theirs from the same place. */
    readonly wasmDir: string | undefined,
  ) {}

  /**
   * A checklist engine (grammars from `wasmDir` when bundled, else node_modules). By default all
   * grammars are loaded before it resolves; with `lazy` nothing is loaded until `prepare()` asks
   * for the grammars of the files about to be linted (a server that only ever sees Python never
   * loads the TypeScript grammars).
   */
  static async create(wasmDir?: string, opts: { lazy?: boolean } = {}): Promise<Checklist> {
    return new Checklist(opts.lazy ? Parsers.lazy(wasmDir) : await Parsers.load(wasmDir), wasmDir);
  }

  /** False when `text` has none of the trigger words, so `lint()` would return no finding without parsing it. */
  static mayFind(text: string): boolean {
    return TRIGGERS.test(text);
  }

  /** True when the checklist lints this kind of file. */
  static supports(file: string): boolean {
    return grammarFor(file) !== undefined;
  }

  /**
   * Loads the grammars `files` need (with the rest of their language family, which their imports
   * may need); `lint()` of a file is synchronous once its grammar is prepared.
   */
  async prepare(files: string | Iterable<string>): Promise<void> {
    const need = new Set<Grammar>();
    for (const f of typeof files === "string" ? [files] : files) {
      const g = grammarFor(f);
      if (g && !this.parsers.has(g)) for (const x of grammarFamily(g)) need.add(x);
    }
    if (need.size > 0) await this.parsers.ensure(need);
  }

  /** The grammars loaded so far. */
  loadedGrammars(): Grammar[] {
    return this.parsers.loaded();
  }

  private withFacts<T>(file: string, text: string, lookup: ModuleLookup | undefined, use: (f: FileFacts) => T, incremental = false, withExports = false): T | undefined {
    const grammar = grammarFor(file);
    if (!grammar) return undefined;
    const copy = this.parsers.copy(grammar, text, incremental ? file : undefined);
    return use(extractFacts(grammar === "python" ? pySyntax : jsSyntax, copy, file, text, lookup, withExports));
  }

  /** What this file exports to importers (clients, LLM-calling functions), for cross-file facts. */
  exportsOf(file: string, text: string, lookup?: ModuleLookup): ModuleExports | undefined {
    const grammar = grammarFor(file);
    if (!grammar || !this.parsers.has(grammar)) return undefined;
    return this.withFacts(file, text, lookup, (f) => {
      const clients: ModuleExports["clients"] = new Map();
      for (const [k, v] of f.exports.clients) {
        const { ctor: _ctor, ...rest } = v;
        clients.set(k, rest);
      }
      return f.exports.limits ? { clients, llmFunctions: f.exports.llmFunctions, limits: true } : { clients, llmFunctions: f.exports.llmFunctions };
    }, false, true);
  }

  /** Lints one file's text; findings are sorted by line. */
  lint(file: string, text: string, opts: LintOptions = {}): Finding[] {
    if (opts.gate !== false && !TRIGGERS.test(text)) return [];
    const settings = opts.settings ?? DEFAULT_CHECKLIST_SETTINGS;
    if (!settings.enabled) return [];
    return this.withFacts(file, text, opts.lookup, (f) => {
      const disables = readDisables(f.comments);
      const out: Finding[] = [];
      const seen = new Set<string>();
      for (const rule of RULES) {
        const level = settings.rules[rule.id];
        if (level === "off" || (opts.only && !opts.only.includes(rule.id))) continue;
        for (const hit of rule.check(f)) {
          const line = hit.node.startPosition.row;
          const key = `${rule.id}:${line}:${hit.node.startPosition.column}`;
          if (seen.has(key) || isDisabled(disables, rule.id, line)) continue;
          seen.add(key);
          const fixes = [...(hit.fixes ?? []), { title: `Disable ${rule.id} for this line`, edits: [disableEdit(f, rule.id, line)] }];
          out.push({
            rule: rule.id,
            severity: level,
            message: hit.message,
            span: { startLine: line, startCol: hit.node.startPosition.column, endLine: hit.node.endPosition.row, endCol: hit.node.endPosition.column },
            fixes,
          });
        }
      }
      return out.sort((a, b) => a.span.startLine - b.span.startLine || a.span.startCol - b.span.startCol);
    }, opts.incremental === true) ?? [];
  }
}
