/**
 * Placeholder mapping per conversation: the same value always gets the same typed
 * placeholder (`[EMAIL_1]`) within a conversation, and the mapping lives only in memory.
 */
import type { FindingType } from "./types";

/** The shape of every placeholder the redactor mints. */
export const PLACEHOLDER_RE = /\[([A-Z]+(?:_[A-Z]+)*)_(\d{1,6})\]/g;

/** One conversation's value ↔ placeholder mapping. */
export class PlaceholderMap {
  private readonly byValue = new Map<string, string>();
  private readonly byPlaceholder = new Map<string, string>();
  private readonly counters = new Map<string, number>();

  /** The placeholder for a value, minting `[TYPE_n]` the first time; avoids forms present in `text`. */
  placeholderFor(type: FindingType, value: string, text = ""): string {
    const key = `${type}\u0000${value}`;
    const existing = this.byValue.get(key);
    if (existing !== undefined) return existing;
    let n = this.counters.get(type) ?? 0;
    let placeholder: string;
    do {
      n++;
      placeholder = `[${type}_${n}]`;
    } while (text.includes(placeholder) || this.byPlaceholder.has(placeholder));
    this.counters.set(type, n);
    this.byValue.set(key, placeholder);
    this.byPlaceholder.set(placeholder, value);
    return placeholder;
  }

  /** The original value of a placeholder minted in this conversation. */
  valueOf(placeholder: string): string | undefined {
    return this.byPlaceholder.get(placeholder);
  }

  get size(): number {
    return this.byPlaceholder.size;
  }

  /** An independent copy (used by the preview so it does not change the conversation). */
  clone(): PlaceholderMap {
    const copy = new PlaceholderMap();
    for (const [k, v] of this.byValue) copy.byValue.set(k, v);
    for (const [k, v] of this.byPlaceholder) copy.byPlaceholder.set(k, v);
    for (const [k, v] of this.counters) copy.counters.set(k, v);
    return copy;
  }
}

/** In-memory store of placeholder maps keyed by conversation id, bounded (oldest dropped first). */
export class ConversationStore {
  private readonly maps = new Map<string, PlaceholderMap>();

  constructor(private readonly maxConversations = 200) {}

  /** The conversation's map, created on first use. */
  get(conversationId: string): PlaceholderMap {
    let map = this.maps.get(conversationId);
    if (map) {
      this.maps.delete(conversationId);
      this.maps.set(conversationId, map);
      return map;
    }
    map = new PlaceholderMap();
    this.maps.set(conversationId, map);
    while (this.maps.size > this.maxConversations) {
      const oldest = this.maps.keys().next().value;
      if (oldest === undefined) break;
      this.maps.delete(oldest);
    }
    return map;
  }

  /** The map if the conversation has one, without creating it. */
  peek(conversationId: string): PlaceholderMap | undefined {
    return this.maps.get(conversationId);
  }

  /** Forgets a conversation's values. */
  forget(conversationId: string): void {
    this.maps.delete(conversationId);
  }
}
