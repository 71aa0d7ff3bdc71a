/**
 * The template registry of one workspace: built-ins plus `.preflight/prompts/*.md`. Reloading
 * a file that has become broken keeps its previous good version in use and reports the
 * problem; selection does the A/B assignment and skips versions that were rolled back.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { ErrorCode } from "../../../shared/src/errors";
import { formatModelRef } from "../../../shared/src/settings";
import { PipelineError } from "../errors";
import { assignVariant, compareVersions } from "./abTest";
import { builtinTemplates } from "./builtins";
import { badRate, DEFAULT_ROLLBACK_POLICY, OutcomeStore, shouldRollBack, type Outcome, type RollbackPolicy } from "./outcomes";
import { parseTemplate } from "./parseTemplate";
import type { Template, TemplateInfo, TemplateProblem, TemplateTextRedactor } from "./types";

export const PROMPTS_DIR = join(".preflight", "prompts");

export type RegistryOptions = {
  /** The workspace folder whose `.preflight/prompts/` is read; undefined means built-ins only. */
  workspaceDir?: string;
  /** Where outcomes are kept (the workspace store dir); undefined keeps them in memory. */
  storeDir?: string;
  redact: TemplateTextRedactor;
  rollback?: Partial<RollbackPolicy>;
};

type FileEntry = { good?: Template; problems: TemplateProblem[] };

/** True for a path that is a template file of some workspace. */
export function isTemplateFile(file: string): boolean {
  return /[\\/]\.preflight[\\/]prompts[\\/][^\\/]+\.md$/.test(file);
}

export class TemplateRegistry {
  readonly outcomes: OutcomeStore;
  private readonly builtins: Template[];
  private readonly files = new Map<string, FileEntry>();
  private readonly policy: RollbackPolicy;
  private storeProblem: string | undefined;

  constructor(private readonly opts: RegistryOptions) {
    this.builtins = builtinTemplates(opts.redact);
    this.outcomes = new OutcomeStore(opts.storeDir);
    this.policy = { ...DEFAULT_ROLLBACK_POLICY, ...opts.rollback };
  }

  get promptsDir(): string | undefined {
    return this.opts.workspaceDir ? join(this.opts.workspaceDir, PROMPTS_DIR) : undefined;
  }

  /** Reads the outcomes file and every template file; files that disappeared are dropped. */
  async loadAll(): Promise<void> {
    this.storeProblem = await this.outcomes.load();
    const dir = this.promptsDir;
    if (!dir) return;
    let names: string[] = [];
    try {
      names = (await readdir(dir)).filter((name) => name.endsWith(".md")).sort();
    } catch {
      names = [];
    }
    const present = new Set(names.map((name) => join(dir, name)));
    for (const file of [...this.files.keys()]) if (!present.has(file)) this.files.delete(file);
    for (const file of present) this.reloadFile(file, await readFile(file, "utf8").catch(() => null));
  }

  /** The problems `text` would have as `file`, without changing what is loaded (for unsaved edits). */
  check(file: string, text: string): TemplateProblem[] {
    return this.evaluate(file, text).problems;
  }

  /** Re-parses one file from `text` (null: the file was deleted); returns its problems. */
  reloadFile(file: string, text: string | null): TemplateProblem[] {
    if (text === null) {
      this.files.delete(file);
      return [];
    }
    const entry = this.evaluate(file, text);
    this.files.set(file, entry);
    return entry.problems;
  }

  private evaluate(file: string, text: string): FileEntry {
    const kept = this.files.get(file)?.good;
    const result = parseTemplate(text, { kind: "workspace", file }, this.opts.redact);
    if (!result.ok) {
      const note = kept ? ` Version ${kept.version} from before this change stays in use until the file is fixed.` : "";
      return { ...(kept ? { good: kept } : {}), problems: result.problems.map((p) => ({ ...p, message: p.message + note })) };
    }
    const clash = [...this.files].find(([other, entry]) => other !== file && entry.good?.id === result.template.id && entry.good.version === result.template.version);
    if (clash) {
      return { problems: [{ file, line: 1, severity: "error", message: `${clash[0]} already defines ${result.template.id} version ${result.template.version}: give this file another version.` }] };
    }
    return { good: result.template, problems: [] };
  }

  /** Every current problem, plus one for an unreadable outcomes file. */
  problems(): TemplateProblem[] {
    const all = [...this.files.values()].flatMap((entry) => entry.problems);
    if (this.storeProblem) all.push({ file: this.opts.storeDir ?? "", line: 1, severity: "warning", message: this.storeProblem });
    return all;
  }

  problemsFor(file: string): TemplateProblem[] {
    return this.files.get(file)?.problems ?? [];
  }

  /** All versions of `id` in version order; a workspace version replaces a built-in one. */
  versions(id: string): Template[] {
    const byVersion = new Map<string, Template>();
    for (const t of this.builtins) if (t.id === id) byVersion.set(t.version, t);
    for (const entry of this.files.values()) if (entry.good?.id === id) byVersion.set(entry.good.version, entry.good);
    return [...byVersion.values()].sort((a, b) => compareVersions(a.version, b.version));
  }

  ids(): string[] {
    const ids = new Set([...this.builtins.map((t) => t.id), ...[...this.files.values()].flatMap((e) => (e.good ? [e.good.id] : []))]);
    return [...ids].sort();
  }

  get(id: string, version?: string): Template | undefined {
    const versions = this.versions(id);
    if (version !== undefined) return versions.find((t) => t.version === version);
    const active = versions.filter((t) => !this.outcomes.rolledBack(t.id, t.version));
    return active[active.length - 1] ?? versions[versions.length - 1];
  }

  /** The versions a conversation can be assigned: not rolled back (all of them if every one was). */
  pool(id: string): Template[] {
    const versions = this.versions(id);
    const active = versions.filter((t) => !this.outcomes.rolledBack(t.id, t.version));
    return active.length > 0 ? active : versions;
  }

  /** The version of `id` for a conversation: A/B by weight among versions not rolled back. */
  select(id: string, conversationId: string): Template {
    const pool = this.pool(id);
    if (pool.length === 0) {
      throw new PipelineError(ErrorCode.TemplateError, `There is no template "${id}": use one of ${this.ids().join(", ")}, or add .preflight/prompts/${id}.md.`, { templateId: id });
    }
    return assignVariant(id, conversationId, pool) ?? (pool[pool.length - 1] as Template);
  }

  /** Records one outcome and applies the rollback rule to that version. */
  recordOutcome(id: string, version: string, outcome: Outcome): void {
    this.outcomes.record(id, version, outcome);
    this.checkRollback(id, version);
  }

  private checkRollback(id: string, version: string): void {
    if (this.outcomes.rolledBack(id, version)) return;
    const versions = this.versions(id);
    const index = versions.findIndex((t) => t.version === version);
    const baseline = versions.slice(0, Math.max(0, index)).reverse().find((t) => !this.outcomes.rolledBack(t.id, t.version));
    if (!baseline) return;
    const stats = this.outcomes.get(id, version);
    const base = this.outcomes.get(id, baseline.version);
    if (!shouldRollBack(stats, base, this.policy)) return;
    this.outcomes.markRolledBack(id, version, {
      at: new Date().toISOString(),
      to: baseline.version,
      rate: badRate(stats),
      baselineRate: badRate(base),
      samples: stats.requests,
    });
  }

  info(t: Template): TemplateInfo {
    return {
      id: t.id,
      version: t.version,
      description: t.description,
      variables: [...t.variables.keys()],
      weight: t.weight,
      source: t.source.kind === "builtin" ? "built-in" : t.source.file,
      rolledBack: this.outcomes.rolledBack(t.id, t.version) !== undefined,
      ...(t.model ? { model: formatModelRef(t.model) } : {}),
      ...(t.temperature !== undefined ? { temperature: t.temperature } : {}),
      ...(t.maxTokens !== undefined ? { maxTokens: t.maxTokens } : {}),
    };
  }

  list(): TemplateInfo[] {
    return this.ids().flatMap((id) => this.versions(id).map((t) => this.info(t)));
  }
}
