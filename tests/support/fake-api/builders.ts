import type { Block, Fault, Reply, StopReason, Turn, TurnTiming, UsageNumbers } from './types.ts';

/** A text block: `text('hello')`. */
export function text(value: string): Block {
  return { type: 'text', text: value };
}

/** A tool_use block; its input is streamed as several `input_json_delta`s. */
export function toolUse(name: string, input: unknown, options: { id?: string } = {}): Block {
  return { type: 'tool_use', name, input, ...(options.id ? { id: options.id } : {}) };
}

/** A thinking block, streamed as `thinking_delta`s then one `signature_delta`. */
export function thinking(value: string, options: { signature?: string } = {}): Block {
  return { type: 'thinking', thinking: value, ...(options.signature ? { signature: options.signature } : {}) };
}

/** Options of `turn()`: timing, stop reason, usage and model overrides. */
export interface TurnOptions extends TurnTiming {
  readonly stopReason?: StopReason;
  readonly usage?: Partial<UsageNumbers>;
  readonly model?: string;
}

/**
 * One assistant reply made of several blocks, with optional timing:
 * `turn([text('Reading it'), toolUse('Read', { file_path })], { chunkDelayMs: 5 })`.
 */
export function turn(content: string | Block | readonly Block[], options: TurnOptions = {}): Turn {
  return { kind: 'turn', content: toBlocks(content), ...options };
}

/** Normalises any reply shorthand to a Turn or a Fault. */
export function toReply(reply: Reply): Turn | Fault {
  if (typeof reply === 'string' || Array.isArray(reply) || isBlock(reply)) return turn(reply as string | Block | readonly Block[]);
  return reply as Turn | Fault;
}

function toBlocks(content: string | Block | readonly Block[]): readonly Block[] {
  if (typeof content === 'string') return [text(content)];
  if (Array.isArray(content)) return content as readonly Block[];
  return [content as Block];
}

function isBlock(value: unknown): value is Block {
  return typeof value === 'object' && value !== null && 'type' in value && !('kind' in value);
}

const CUT_FILLER = turn(
  'This reply is long enough to be cut somewhere in the middle of the stream, after a few events have arrived.',
);

/**
 * Faults, each as the real API produces it:
 * `[fault.rateLimited({ retryAfter: 2 }), 'then it works']`.
 */
export const fault = {
  /** 429 rate_limit_error with a `retry-after` header (seconds, or a Date sent as an HTTP date). */
  rateLimited(options: { retryAfter?: number | Date; message?: string } = {}): Fault {
    const headers: Record<string, string> = {};
    if (options.retryAfter instanceof Date) headers['retry-after'] = options.retryAfter.toUTCString();
    else if (options.retryAfter !== undefined) headers['retry-after'] = String(options.retryAfter);
    return {
      kind: 'http_error', status: 429, errorType: 'rate_limit_error', headers,
      message: options.message ?? 'Number of request tokens has exceeded your per-minute rate limit',
    };
  },
  /** 529 overloaded_error. */
  overloaded(): Fault {
    return { kind: 'http_error', status: 529, errorType: 'overloaded_error', message: 'Overloaded' };
  },
  /** 500 (or another 5xx) api_error. */
  serverError(status = 500): Fault {
    return { kind: 'http_error', status, errorType: 'api_error', message: 'Internal server error' };
  },
  /** 401 authentication_error. */
  unauthorized(message = 'invalid x-api-key'): Fault {
    return { kind: 'http_error', status: 401, errorType: 'authentication_error', message };
  },
  /** 400 invalid_request_error. */
  badRequest(message: string): Fault {
    return { kind: 'http_error', status: 400, errorType: 'invalid_request_error', message };
  },
  /** Any status with the API's error body shape. */
  http(status: number, errorType: string, message: string, headers?: Record<string, string>): Fault {
    return { kind: 'http_error', status, errorType, message, ...(headers ? { headers } : {}) };
  },
  /** Streams `afterEvents` events of `reply`, then half an event, then drops the connection. */
  cut(reply: Reply = CUT_FILLER, options: { afterEvents?: number } = {}): Fault {
    return { kind: 'cut', turn: asTurn(reply), afterEvents: options.afterEvents ?? 4 };
  },
  /** Streams `afterEvents` events of `reply`, then an SSE `error` event (default overloaded_error). */
  streamError(reply: Reply = CUT_FILLER, options: { afterEvents?: number; errorType?: string; message?: string } = {}): Fault {
    return {
      kind: 'stream_error', turn: asTurn(reply), afterEvents: options.afterEvents ?? 4,
      errorType: options.errorType ?? 'overloaded_error', message: options.message ?? 'Overloaded',
    };
  },
  /** Never answers; the client's abort or timeout, or `close()`, ends it. */
  hang(): Fault {
    return { kind: 'hang' };
  },
};

function asTurn(reply: Reply): Turn {
  const r = toReply(reply);
  if (r.kind !== 'turn') throw new Error('fake-api: a cut or stream error needs a turn to cut, not another fault');
  return r;
}
