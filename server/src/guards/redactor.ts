/**
 * The redactor: replaces findings with stable typed placeholders and is the only module that
 * mints `RedactedText`. When redaction is disabled in settings the text is still minted
 * unchanged (the user chose to send it as it is); a disabled or allowed type is sent as is.
 */
import { mintRedacted, type RedactedText } from "../pipeline/brands";
import type { UserInput } from "../pipeline/context";
import { detect } from "./detect";
import type { PlaceholderMap } from "./placeholders";
import { ConversationStore } from "./placeholders";
import { DEFAULT_GUARD_SETTINGS, type GuardSettings } from "./settings";
import type { FindingType } from "./types";

/** A finding as shown to the user: `placeholder` is null when the type is allowed. */
export type RedactionFinding = { type: FindingType; start: number; end: number; placeholder: string | null };

export type RedactionResult = { text: RedactedText; findings: RedactionFinding[]; counts: Partial<Record<FindingType, number>> };

/** Redacts one text with the conversation's placeholder map. */
export function redactText(text: string, map: PlaceholderMap, settings: GuardSettings = DEFAULT_GUARD_SETTINGS): RedactionResult {
  if (!settings.redaction.enabled) return { text: mintRedacted(text), findings: [], counts: {} };
  const allowTypes = new Set(settings.redaction.allowTypes);
  const found = detect(text, { disabledTypes: settings.redaction.disabledTypes, allowValues: settings.redaction.allowValues });
  const findings: RedactionFinding[] = [];
  const counts: Partial<Record<FindingType, number>> = {};
  let out = "";
  let last = 0;
  for (const f of found) {
    const allowed = allowTypes.has(f.type);
    const placeholder = allowed ? null : map.placeholderFor(f.type, text.slice(f.start, f.end), text);
    findings.push({ type: f.type, start: f.start, end: f.end, placeholder });
    if (placeholder === null) continue;
    counts[f.type] = (counts[f.type] ?? 0) + 1;
    out += text.slice(last, f.start) + placeholder;
    last = f.end;
  }
  out += text.slice(last);
  return { text: mintRedacted(out), findings, counts };
}

export type RedactedParts = {
  text: RedactionResult;
  history: RedactionResult[];
  attachments: RedactionResult[];
  variables: Record<string, RedactionResult>;
};

/** Redacts every part of a user input with one placeholder map, in a fixed order. */
export function redactInput(input: UserInput, map: PlaceholderMap, settings: GuardSettings): RedactedParts {
  const history = input.history.map((h) => redactText(h.content, map, settings));
  const text = redactText(input.text, map, settings);
  const attachments = input.attachments.map((a) => redactText(a.text, map, settings));
  const variables: Record<string, RedactionResult> = {};
  for (const [k, v] of Object.entries(input.variables ?? {})) variables[k] = redactText(v, map, settings);
  return { text, history, attachments, variables };
}

/** Sums per-type counts of several results. */
export function sumCounts(results: readonly RedactionResult[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const r of results) for (const [k, n] of Object.entries(r.counts)) total[k] = (total[k] ?? 0) + (n ?? 0);
  return total;
}

export type PreviewPart = { part: string; sent: string; findings: RedactionFinding[] };

/**
 * What would be sent for this input, part by part, with the findings (type, span,
 * placeholder). Uses a copy of the conversation's map, so the preview shows the placeholders
 * the real request will use without changing the conversation.
 */
export function previewRedaction(input: UserInput | string, settings: GuardSettings, conversationId: string, store: ConversationStore = defaultStore): PreviewPart[] {
  const map = (store.peek(conversationId) ?? store.get(conversationId)).clone();
  const full: UserInput = typeof input === "string" ? { kind: "chat", text: input, history: [], attachments: [] } : input;
  const parts = redactInput(full, map, settings);
  const out: PreviewPart[] = [];
  parts.history.forEach((r, i) => out.push({ part: `history[${i}]`, sent: r.text, findings: r.findings }));
  out.push({ part: "text", sent: parts.text.text, findings: parts.text.findings });
  parts.attachments.forEach((r, i) => out.push({ part: `attachment:${full.attachments[i]!.name}`, sent: r.text, findings: r.findings }));
  for (const [k, r] of Object.entries(parts.variables)) out.push({ part: `variable:${k}`, sent: r.text, findings: r.findings });
  return out;
}

/** The process-wide conversation store used when a caller does not pass its own. */
export const defaultStore = new ConversationStore();
