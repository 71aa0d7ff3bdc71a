/**
 * The part of js-yaml 4 that the front matter parser uses (the package ships no types and
 * @types/js-yaml is not installed).
 */
declare module "js-yaml" {
  export type Schema = { readonly __schema: unique symbol };
  export const FAILSAFE_SCHEMA: Schema;
  export function load(text: string, options?: { schema?: Schema; filename?: string; json?: boolean }): unknown;
  export class YAMLException extends Error {
    reason: string;
    mark?: { line: number; column: number; position: number };
  }
}
