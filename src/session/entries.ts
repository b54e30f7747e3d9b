import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { z } from 'zod';
import { messageParamSchema } from './message-schema.ts';

/**
 * Transcript schema version written by this build. Every line carries its own `v`
 * (not only the header) because a session started by one version can be resumed,
 * and appended to, by a later one: a reader picks the schema line by line.
 * Bump it for any change an older reader would misread; a reader refuses lines
 * from a newer version with TRANSCRIPT_UNSUPPORTED_VERSION instead of guessing.
 */
export const TRANSCRIPT_VERSION = 1;

const ts = z.iso.datetime({ offset: true });
const count = z.number().int().nonnegative();

/** Token counts of one response, or summed over many. */
export const tokenCountsSchema = z.object({
  inputTokens: count,
  outputTokens: count,
  cacheCreationInputTokens: count,
  cacheReadInputTokens: count,
});
export type TokenCounts = z.infer<typeof tokenCountsSchema>;

const modelTotalsSchema = tokenCountsSchema.extend({ costUsd: z.number().nonnegative(), requests: count });
/** Totals for one model within a session. */
export type ModelTotals = z.infer<typeof modelTotalsSchema>;

/** Running totals of a session: what the ledger reads without replaying the transcript. */
export const costTotalsSchema = modelTotalsSchema.extend({
  byModel: z.record(z.string(), modelTotalsSchema),
});
export type CostTotals = z.infer<typeof costTotalsSchema>;

const headerSchema = z.object({
  type: z.literal('header'),
  v: z.number().int(),
  sessionId: z.uuid(),
  /** The exact working directory the session belongs to. */
  cwd: z.string().min(1),
  model: z.string().min(1),
  startedAt: ts,
  wrenVersion: z.string().min(1),
});

const messageEntrySchema = z.object({
  type: z.literal('message'),
  v: z.number().int(),
  ts,
  message: messageParamSchema,
});

const compactionEntrySchema = z.object({
  type: z.literal('compaction'),
  v: z.number().int(),
  ts,
  /** Human-readable summary (shown in the UI, searched by history search). */
  summary: z.string(),
  /** The messages that replace everything before this boundary, exactly as they will be sent. */
  messages: z.array(messageParamSchema).min(1),
});

const usageEntrySchema = z.object({
  type: z.literal('usage'),
  v: z.number().int(),
  ts,
  model: z.string().min(1),
  usage: tokenCountsSchema,
  costUsd: z.number().nonnegative(),
  /** Session totals including this record, so the ledger reads one line. */
  totals: costTotalsSchema,
});

/** Why a session ended; `close(reason)` writes it. */
export const END_REASONS = ['completed', 'user_exit', 'aborted', 'max_turns', 'budget_exceeded', 'error'] as const;
export type EndReason = (typeof END_REASONS)[number];

const endEntrySchema = z.object({
  type: z.literal('end'),
  v: z.number().int(),
  ts,
  reason: z.enum(END_REASONS),
  detail: z.string().optional(),
});

/** Any line of a transcript, validated. */
export const entrySchema = z.discriminatedUnion('type', [
  headerSchema,
  messageEntrySchema,
  compactionEntrySchema,
  usageEntrySchema,
  endEntrySchema,
]);

export type HeaderEntry = z.infer<typeof headerSchema>;
export type MessageEntry = z.infer<typeof messageEntrySchema>;
export type CompactionEntry = z.infer<typeof compactionEntrySchema>;
export type UsageEntry = z.infer<typeof usageEntrySchema>;
export type EndEntry = z.infer<typeof endEntrySchema>;
/** One transcript line. */
export type TranscriptEntry = z.infer<typeof entrySchema>;

/**
 * Usage as the SDK reports it on a `Message` (`message.usage`), so the query
 * engine can pass it straight through. Nulls and missing cache fields count as 0.
 */
export interface ApiUsage {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cache_creation_input_tokens?: number | null;
  readonly cache_read_input_tokens?: number | null;
}

/** What callers append; the session adds `v`, `ts` and (for usage) the running totals. */
export type EntryInput =
  | {
      readonly type: 'message';
      /** A message exactly as sent to or received from the Messages API. */
      readonly message: MessageParam;
    }
  | {
      readonly type: 'compaction';
      readonly summary: string;
      /**
       * The messages that start the conversation from here on, replacing all earlier ones.
       * @default [{ role: 'user', content: [{ type: 'text', text: summary }] }]
       */
      readonly messages?: readonly MessageParam[];
    }
  | {
      readonly type: 'usage';
      /** The model that served the request (prices differ per model). */
      readonly model: string;
      readonly usage: ApiUsage;
      /** Cost of this request in USD, from the query engine's pricing table. */
      readonly costUsd: number;
    };

export function emptyTotals(): CostTotals {
  return { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, costUsd: 0, requests: 0, byModel: {} };
}

/** Normalises SDK usage into our counts. */
export function toTokenCounts(usage: ApiUsage): TokenCounts {
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    cacheCreationInputTokens: usage.cache_creation_input_tokens ?? 0,
    cacheReadInputTokens: usage.cache_read_input_tokens ?? 0,
  };
}

function addTo<T extends TokenCounts & { costUsd: number; requests: number }>(into: T, counts: TokenCounts, costUsd: number): T {
  return {
    ...into,
    inputTokens: into.inputTokens + counts.inputTokens,
    outputTokens: into.outputTokens + counts.outputTokens,
    cacheCreationInputTokens: into.cacheCreationInputTokens + counts.cacheCreationInputTokens,
    cacheReadInputTokens: into.cacheReadInputTokens + counts.cacheReadInputTokens,
    costUsd: into.costUsd + costUsd,
    requests: into.requests + 1,
  };
}

/** Totals after one more request (pure: returns a new object). */
export function addUsage(totals: CostTotals, model: string, counts: TokenCounts, costUsd: number): CostTotals {
  const previous = totals.byModel[model] ?? { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, costUsd: 0, requests: 0 };
  return { ...addTo(totals, counts, costUsd), byModel: { ...totals.byModel, [model]: addTo(previous, counts, costUsd) } };
}
