import type { QueryEvent, ResultEvent, TokenUsage } from '../../query/index.ts';

/*
 * The headless output schema (`--output-format json | stream-json`), version 1.
 * Field names follow the shape people already script against (snake_case,
 * a final `result` object). Any incompatible change raises SCHEMA_VERSION.
 * README.md, "Headless output", documents the same records for users.
 */
export const OUTPUT_SCHEMA_VERSION = 1;

/** First line of stream-json: what this run is. */
export interface InitRecord {
  readonly type: 'system';
  readonly subtype: 'init';
  readonly schema_version: number;
  readonly session_id: string;
  readonly cwd: string;
  readonly model: string;
  readonly tools: readonly string[];
  readonly permission_mode: string;
  readonly wren_version: string;
}

/** The run's summary: the whole output of `json`, the last line of `stream-json`. */
export interface ResultRecord {
  readonly type: 'result';
  readonly subtype: ResultEvent['subtype'];
  readonly is_error: boolean;
  readonly result: string;
  readonly session_id: string;
  readonly num_turns: number;
  readonly duration_ms: number;
  readonly duration_api_ms: number;
  readonly total_cost_usd: number;
  readonly usage: TokenUsage;
  readonly stop_reason: ResultEvent['stopReason'];
  readonly schema_version: number;
  readonly error?: { readonly code: string; readonly message: string };
}

export function resultRecord(result: ResultEvent, sessionId: string): ResultRecord {
  return {
    type: 'result',
    subtype: result.subtype,
    is_error: result.isError,
    result: result.result,
    session_id: sessionId,
    num_turns: result.numTurns,
    duration_ms: result.durationMs,
    duration_api_ms: result.durationApiMs,
    total_cost_usd: result.totalCostUsd,
    usage: result.usage,
    stop_reason: result.stopReason,
    schema_version: OUTPUT_SCHEMA_VERSION,
    ...(result.error ? { error: { code: result.error.code, message: result.error.message } } : {}),
  };
}

/**
 * The stream-json line for a query event, or undefined when the event is not
 * part of the stream (deltas, and the verbose-only ones without --verbose).
 */
export function streamRecord(event: QueryEvent, sessionId: string, verbose: boolean): object | undefined {
  switch (event.type) {
    case 'assistant':
      return {
        type: 'assistant', session_id: sessionId,
        message: { id: event.id, model: event.model, role: 'assistant', content: event.message.content, stop_reason: event.stopReason },
      };
    case 'tool_results':
      return { type: 'user', session_id: sessionId, message: event.message };
    case 'compaction':
      return { type: 'system', subtype: 'compaction', session_id: sessionId, kind: event.kind, tokens_before: event.tokensBefore, tokens_after: event.tokensAfter };
    case 'retry':
      return verbose
        ? { type: 'system', subtype: 'retry', session_id: sessionId, next_attempt: event.nextAttempt, delay_ms: event.delayMs, reason: event.reason, status: event.status ?? null, message: event.message }
        : undefined;
    case 'permission':
      return verbose
        ? { type: 'system', subtype: 'permission', session_id: sessionId, tool_use_id: event.toolUseId, tool_name: event.toolName, behavior: event.decision.behavior, reason: event.decision.reason }
        : undefined;
    default:
      return undefined;
  }
}
