import type { ConversationMessage, TokenUsage } from './types.ts';

/** Context-window management settings. */
export interface ContextOptions {
  /** Tokens the model's context window holds. @default 200_000 */
  readonly windowTokens?: number;
  /** Summarise older turns (AUTO_COMPACT) when the prompt estimate reaches this share of the window. @default 0.8 */
  readonly compactAt?: number;
  /** Clear stale tool results (MICRO_COMPACT) from this share of the window on. @default 0.6 */
  readonly microCompactAt?: number;
  /** Most recent tool results micro-compaction keeps whole. @default 3 */
  readonly keepToolResults?: number;
  /** Most recent assistant turns a full compaction keeps verbatim after the summary. @default 2 */
  readonly keepTurns?: number;
  /** Set false to never summarise. @default true */
  readonly autoCompact?: boolean;
  /** Set false to never clear tool results. @default true */
  readonly microCompact?: boolean;
}

export interface ContextPolicy {
  readonly windowTokens: number;
  readonly compactAt: number;
  readonly microCompactAt: number;
  readonly keepToolResults: number;
  readonly keepTurns: number;
  readonly autoCompact: boolean;
  readonly microCompact: boolean;
}

export function contextPolicy(options: ContextOptions = {}): ContextPolicy {
  return {
    windowTokens: options.windowTokens ?? 200_000,
    compactAt: options.compactAt ?? 0.8,
    microCompactAt: options.microCompactAt ?? 0.6,
    keepToolResults: options.keepToolResults ?? 3,
    keepTurns: options.keepTurns ?? 2,
    autoCompact: options.autoCompact ?? true,
    microCompact: options.microCompact ?? true,
  };
}

/** What an image or a document costs, whatever its base64 length. */
const MEDIA_TOKENS = 1600;

/** A rough token count (about four characters a token), not fooled by base64 media. */
export function estimateTokens(value: unknown): number {
  let chars = 0;
  let media = 0;
  const walk = (v: unknown): void => {
    if (typeof v === 'string') chars += v.length;
    else if (Array.isArray(v)) for (const item of v) walk(item);
    else if (typeof v === 'object' && v !== null) {
      const type = (v as { type?: unknown }).type;
      if ((type === 'image' || type === 'document') && 'source' in v) {
        media++;
        return;
      }
      for (const [key, item] of Object.entries(v)) {
        chars += key.length + 4;
        walk(item);
      }
    } else if (v !== undefined && v !== null) chars += String(v).length;
  };
  walk(value);
  return Math.ceil(chars / 4) + media * MEDIA_TOKENS;
}

/**
 * Estimates the prompt size of the next request. After a response, the API's
 * own count (input + cache + output) covers everything up to that assistant
 * message; only what came after is estimated. Once older messages change
 * (compaction) that count no longer applies and the whole prompt is estimated.
 */
export class ContextTracker {
  private baseline: { tokens: number; messages: number } | undefined;

  /** Records a response: `messages` is the conversation length including the new assistant message. */
  record(usage: TokenUsage, messages: number): void {
    const tokens = usage.input_tokens + usage.cache_creation_input_tokens + usage.cache_read_input_tokens + usage.output_tokens;
    this.baseline = { tokens, messages };
  }

  /** Forget the API's count: older messages changed. */
  reset(): void {
    this.baseline = undefined;
  }

  estimate(fixed: { system?: unknown; tools?: unknown }, messages: readonly ConversationMessage[]): number {
    if (this.baseline && this.baseline.messages <= messages.length) {
      return this.baseline.tokens + estimateTokens(messages.slice(this.baseline.messages));
    }
    return estimateTokens(fixed.system ?? '') + estimateTokens(fixed.tools ?? []) + estimateTokens(messages);
  }
}
