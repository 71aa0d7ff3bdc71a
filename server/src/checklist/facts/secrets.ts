import type { Node } from "../tree";
import type { Ctx } from "./model";
import { walkTypes, T } from "./syntax";

/** Known credential shapes, matched against one string literal's value. */
const KEY_SHAPES: RegExp[] = [
  /^sk-(proj-|ant-(api\d\d-)?|live-|svcacct-)?[A-Za-z0-9_-]{20,}$/,
  /^(AKIA|ASIA)[A-Z0-9]{16}$/, /^gh[pousr]_[A-Za-z0-9]{30,}$/, /^xox[abpr]-[A-Za-z0-9-]{20,}$/, /^AIza[0-9A-Za-z_-]{30,}$/,
  /^hf_[A-Za-z0-9]{30,}$/, /^gsk_[A-Za-z0-9]{30,}$/, /^r8_[A-Za-z0-9]{30,}$/, /^(pk|sk)-lf-[A-Za-z0-9-]{20,}$/,
  /^sk_(live|test)_[A-Za-z0-9]{20,}$/, /^co-[A-Za-z0-9]{30,}$/, /^pplx-[A-Za-z0-9]{30,}$/, /^xai-[A-Za-z0-9]{30,}$/,
  /^[A-Za-z0-9]{24}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,}$/,
];
const KEY_NAMES = /(api_?key|apikey|secret|token|password|passwd|access_?key|private_?key|auth|bearer|credential|(^|_)keys?$)/i;
const PLACEHOLDER = /your|xxx|\.\.\.|<|>|example|placeholder|dummy|not[-_ ]?needed|not[-_ ]?real|fake|changeme|change[-_]me|replace|insert|todo|redacted|\*\*\*|^sk-\.\.\.|^test|-test-|_test_|mock|sample|none|null|ollama|lm-studio|lmstudio|local|no-key|nokey|unused|^sk-$|^sk-1234/i;

function isPlaceholder(v: string): boolean {
  if (PLACEHOLDER.test(v)) return true;
  if (/^(.)\1+$/.test(v.replace(/^sk-/, ""))) return true;
  return false;
}

function looksRandom(v: string): boolean {
  if (v.length < 20 || /\s/.test(v) || /^[a-z]+([-_][a-z]+)*$/.test(v) || /^https?:/.test(v) || /[/.]/.test(v.replace(/^sk-/, ""))) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(v)).length;
  return classes >= 2 && /[0-9]/.test(v);
}

/** The name a literal is bound to: assignment target, keyword, dict/object key, or env-var default. */
function contextName(ctx: Ctx, lit: Node): string {
  let n: Node = lit;
  for (let p = lit.parent; p; n = p, p = p.parent) {
    if (p.type === "keyword_argument") return p.childForFieldName("name")?.text ?? "";
    if (p.type === "pair") return p.childForFieldName("key")?.text ?? "";
    const a = ctx.sx.assignment(p);
    if (a) return a.targets.map((t) => t.text).join(",");
    if (p.type === "argument_list" || p.type === "arguments") {
      const call = p.parent ? ctx.sx.call(p.parent) : undefined;
      if (call && /getenv|environ\.get|env\.get/.test(call.path.join(".")) && call.positional[1] && call.positional[1].startIndex === n.startIndex) return `env-default:${call.positional[0]?.text ?? ""}`;
      return call?.path.join(".") ?? "";
    }
    if (p.type === "set" || p.type === "list" || p.type === "array" || p.type === "tuple") continue;
    if (p.type.endsWith("statement") || p.type === "module" || p.type === "program") return "";
  }
  return "";
}

/** String literals that look like real credentials. */
export function findSecrets(ctx: Ctx, isTestFile: boolean): Node[] {
  const out: Node[] = [];
  walkTypes(ctx.root, T.strings, (n) => {
    if (n.type !== "string") return true;
    const v = ctx.sx.str(n);
    if (v === undefined || v.length < 16 || v.length > 200) return false;
    const shaped = KEY_SHAPES.some((r) => r.test(v));
    const name = contextName(ctx, n);
    const named = KEY_NAMES.test(name) && !/(header|name|url|path|file|env|type|id$)/i.test(name);
    if (!shaped && !(named && looksRandom(v))) return false;
    if (isPlaceholder(v)) return false;
    if (isTestFile && /test|dummy|fake|mock/i.test(v)) return false;
    out.push(n);
    return false;
  });
  return out;
}
