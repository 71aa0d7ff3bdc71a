/**
 * The template text redactor built on the guards module: template files pass through the same
 * detectors as user input before any of their text can reach a provider. Each call gets its
 * own placeholder map; template text never needs restoring.
 */
import { PlaceholderMap } from "../guards/placeholders";
import { redactText } from "../guards/redactor";
import { DEFAULT_GUARD_SETTINGS, type GuardSettings } from "../guards/settings";
import type { TemplateTextRedactor } from "./types";

export function templateRedactor(settings: GuardSettings = DEFAULT_GUARD_SETTINGS): TemplateTextRedactor {
  return (text) => redactText(text, new PlaceholderMap(), settings).text;
}
