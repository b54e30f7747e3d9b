import type { PermissionDecision } from '../permissions/index.ts';
import type { QueryError } from './errors.ts';
import type { RetryReason } from './retry.ts';
import type { ConversationBlock, ConversationMessage, TokenUsage } from './types.ts';

/*
 * The events a query run yields, in order. The headless layer prints them
 * (stream-json is one of these per line, after its own init line), the UI
 * renders them, the session layer persists them. Every event has `type`, and
 * `turn`, the 1-based number of the model request it belongs to.
 *
 * Ordering guarantees, per turn:
 *   request_start, [text_delta | thinking_delta]*, (retry, request_start, deltas*)*,
 *   assistant, usage,
 *   then the tool calls: a call that cannot run (unknown tool, invalid input) gets its
 *   tool_result at once; the others run in batches (consecutive concurrency-safe calls
 *   together, any other call alone, in order), each batch being one `permission` per
 *   call, then per permitted call tool_start, tool_progress*, tool_result (calls of a
 *   batch interleave), and a denied call's tool_result;
 *   then tool_results (the user message the conversation gets, in requested order).
 * compaction events (and a compaction's own request_start, retry and usage events,
 * with purpose `compaction`) come before the request_start they made room for.
 * The last event of every run is exactly one `result`.
 */

/** Version of this event schema; raised on any incompatible change. */
export const QUERY_EVENT_SCHEMA_VERSION = 1;

/** Why a request was made: a normal turn, or the summary a compaction needs. */
export type RequestPurpose = 'turn' | 'compaction';

/** A request to the Messages API is about to be sent (once per attempt). */
export interface RequestStartEvent {
  readonly type: 'request_start';
  readonly turn: number;
  /** 1 for the first attempt, more after retries. */
  readonly attempt: number;
  readonly purpose: RequestPurpose;
  readonly model: string;
  /** The engine's estimate of the prompt's size, in tokens. */
  readonly estimatedInputTokens: number;
}

/**
 * The last attempt failed and will be retried after `delayMs`. Anything
 * streamed by the failed attempt (text_delta, thinking_delta) is void.
 */
export interface RetryEvent {
  readonly type: 'retry';
  readonly turn: number;
  readonly purpose: RequestPurpose;
  /** The attempt that will follow the wait. */
  readonly nextAttempt: number;
  readonly delayMs: number;
  readonly reason: RetryReason;
  /** HTTP status of the failure, when there was one. */
  readonly status?: number;
  readonly message: string;
}

/** A piece of assistant text as it streams (for live display only; `assistant` has the whole). */
export interface TextDeltaEvent {
  readonly type: 'text_delta';
  readonly turn: number;
  /** Index of the content block the text belongs to. */
  readonly index: number;
  readonly text: string;
}

/** A piece of thinking as it streams (shown in verbose mode). */
export interface ThinkingDeltaEvent {
  readonly type: 'thinking_delta';
  readonly turn: number;
  readonly index: number;
  readonly thinking: string;
}

/** Stop reasons the API gives for a turn. */
export type ModelStopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal' | 'model_context_window_exceeded';

/** A complete assistant message, as appended to the conversation. */
export interface AssistantEvent {
  readonly type: 'assistant';
  readonly turn: number;
  /** API message id. */
  readonly id: string;
  readonly model: string;
  readonly message: ConversationMessage;
  readonly stopReason: ModelStopReason | null;
}

/** Tokens and cost of one request, and the run's totals so far. */
export interface UsageEvent {
  readonly type: 'usage';
  readonly turn: number;
  readonly purpose: RequestPurpose;
  readonly model: string;
  readonly usage: TokenUsage;
  /** USD; null when the model is not in the pricing table. */
  readonly costUsd: number | null;
  readonly totalUsage: TokenUsage;
  readonly totalCostUsd: number;
}

/** The permission gate's final word on one tool call. */
export interface PermissionEvent {
  readonly type: 'permission';
  readonly turn: number;
  readonly toolUseId: string;
  readonly toolName: string;
  readonly decision: PermissionDecision;
  /** True when the gate said `ask` and the ask handler decided. */
  readonly asked: boolean;
}

/** A permitted tool call starts running. */
export interface ToolStartEvent {
  readonly type: 'tool_start';
  readonly turn: number;
  readonly toolUseId: string;
  readonly toolName: string;
  /** The validated input. */
  readonly input: unknown;
}

/** A progress message from a running tool. */
export interface ToolProgressEvent {
  readonly type: 'tool_progress';
  readonly turn: number;
  readonly toolUseId: string;
  readonly toolName: string;
  readonly message: string;
}

/**
 * How a tool call ended:
 * - ok: the tool returned an output;
 * - tool_error: the tool returned an expected failure (`{ error }`);
 * - invalid_input: the input failed the tool's schema (or was not JSON);
 * - unknown_tool: no tool by that name;
 * - denied: the permission gate (or the ask handler) said no;
 * - interrupted: the run was aborted before the call finished;
 * - crashed: the tool threw (a bug); the model gets an error result.
 */
export type ToolOutcome = 'ok' | 'tool_error' | 'invalid_input' | 'unknown_tool' | 'denied' | 'interrupted' | 'crashed';

/** One tool call finished (in completion order; parallel calls may interleave). */
export interface ToolResultEvent {
  readonly type: 'tool_result';
  readonly turn: number;
  readonly toolUseId: string;
  readonly toolName: string;
  readonly outcome: ToolOutcome;
  readonly isError: boolean;
  /** What the model gets in the tool_result block. */
  readonly content: Extract<ConversationBlock, { type: 'tool_result' }>['content'];
  readonly durationMs: number;
}

/** The user message holding every tool_result of a turn, in the order the model asked. */
export interface ToolResultsEvent {
  readonly type: 'tool_results';
  readonly turn: number;
  readonly message: ConversationMessage;
}

/** The conversation was shortened to fit the context window. */
export interface CompactionEvent {
  readonly type: 'compaction';
  readonly turn: number;
  /** micro: stale tool results cleared; auto: older turns replaced by a model-written summary. */
  readonly kind: 'micro' | 'auto';
  readonly tokensBefore: number;
  readonly tokensAfter: number;
  /** Tool results whose content was replaced by a placeholder (micro). */
  readonly clearedToolResults?: number;
  /** The summary the model wrote (auto). */
  readonly summary?: string;
  /** The whole working conversation after the compaction, so a transcript can be rebuilt from it. */
  readonly messages: readonly ConversationMessage[];
}

/**
 * How the run ended:
 * - success: the model ended its turn (end_turn, stop_sequence, max_tokens or refusal: see stopReason);
 * - error_max_turns: `maxTurns` model turns were used;
 * - error_budget: the `budget` check stopped the run;
 * - aborted: the signal aborted (Ctrl-C, a kill signal, a timeout);
 * - error: a QueryError (see `error.code`).
 */
export type ResultSubtype = 'success' | 'error_max_turns' | 'error_budget' | 'aborted' | 'error';

/** The run's summary; always the last event. */
export interface ResultEvent {
  readonly type: 'result';
  readonly subtype: ResultSubtype;
  readonly isError: boolean;
  /** The model's stop reason for `success`, else the subtype's cause. */
  readonly stopReason: ModelStopReason | 'max_turns' | 'budget' | 'aborted' | 'error';
  /** Text of the last assistant message ('' if none). */
  readonly result: string;
  /** Model turns (assistant messages) in this run, compaction summaries excluded. */
  readonly numTurns: number;
  readonly durationMs: number;
  /** Time spent on API requests, every attempt included (not the waits between retries). */
  readonly durationApiMs: number;
  readonly usage: TokenUsage;
  readonly totalCostUsd: number;
  /** Per model: tokens and USD (null if unpriced). */
  readonly modelUsage: Readonly<Record<string, { readonly usage: TokenUsage; readonly costUsd: number | null }>>;
  /**
   * The working conversation at the end, valid to send again: every tool_use
   * has its tool_result (calls cut short by an abort get an error result).
   */
  readonly messages: readonly ConversationMessage[];
  /** Assistant content streamed before an abort cut the turn short (not in `messages`). */
  readonly partial?: readonly ConversationBlock[];
  /** Why the budget check stopped the run. */
  readonly budgetReason?: string;
  readonly error?: QueryError;
}

/** Everything `runQuery` yields. */
export type QueryEvent =
  | RequestStartEvent
  | RetryEvent
  | TextDeltaEvent
  | ThinkingDeltaEvent
  | AssistantEvent
  | UsageEvent
  | PermissionEvent
  | ToolStartEvent
  | ToolProgressEvent
  | ToolResultEvent
  | ToolResultsEvent
  | CompactionEvent
  | ResultEvent;
