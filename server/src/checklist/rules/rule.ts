import type { Node } from "../tree";
import type { FileFacts } from "../facts/extract";
import type { QuickFix, RuleId } from "../types";

/** One hit of a rule: where, what to do, and any mechanical fixes. */
export type RuleHit = { node: Node; message: string; fixes?: QuickFix[] };

/** A checklist rule: reasons over a file's facts, never over raw syntax. */
export type Rule = { id: RuleId; check(f: FileFacts): RuleHit[] };
