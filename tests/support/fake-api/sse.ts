import { createHash } from 'node:crypto';
import type { Block, Turn, UsageNumbers } from './types.ts';

/*
 * Renders a scripted turn the way the Messages API streams it: message_start,
 * a ping, per block a start, deltas and a stop, message_delta with the stop
 * reason and usage, message_stop. Also the same turn as one JSON message for
 * non-streaming requests.
 */

export interface SseEvent {
  readonly event: string;
  readonly data: unknown;
}

/** A fully resolved reply: ids assigned, usage computed. */
export interface ResolvedTurn {
  readonly id: string;
  readonly model: string;
  readonly content: readonly ResolvedBlock[];
  readonly stopReason: string;
  readonly usage: UsageNumbers;
  readonly deltaSize: number;
}

export type ResolvedBlock =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'tool_use'; readonly id: string; readonly name: string; readonly input: unknown }
  | { readonly type: 'thinking'; readonly thinking: string; readonly signature: string }
  | { readonly type: 'redacted_thinking'; readonly data: string };

export function resolveTurn(turn: Turn, ids: { message: string; nextToolId: () => string }, model: string, usage: UsageNumbers): ResolvedTurn {
  const content = turn.content.map((b): ResolvedBlock => resolveBlock(b, ids.nextToolId));
  const stopReason = turn.stopReason ?? (content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn');
  return { id: ids.message, model: turn.model ?? model, content, stopReason, usage, deltaSize: turn.deltaSize ?? 12 };
}

function resolveBlock(block: Block, nextToolId: () => string): ResolvedBlock {
  switch (block.type) {
    case 'tool_use':
      return { type: 'tool_use', id: block.id ?? nextToolId(), name: block.name, input: block.input ?? {} };
    case 'thinking':
      return { type: 'thinking', thinking: block.thinking, signature: block.signature ?? fakeSignature(block.thinking) };
    default:
      return block;
  }
}

/** Looks like the API's opaque signatures: base64 of something derived from the thinking. */
function fakeSignature(thinkingText: string): string {
  return createHash('sha512').update(`fake-signature:${thinkingText}`).digest('base64');
}

/** The non-streaming response body. */
export function messageJson(turn: ResolvedTurn): Record<string, unknown> {
  return {
    id: turn.id,
    type: 'message',
    role: 'assistant',
    model: turn.model,
    content: turn.content.map((b) => (b.type === 'text' ? { ...b, citations: null } : b)),
    stop_reason: turn.stopReason,
    stop_sequence: null,
    usage: fullUsage(turn.usage),
  };
}

function fullUsage(usage: UsageNumbers): Record<string, unknown> {
  return {
    input_tokens: usage.input_tokens,
    cache_creation_input_tokens: usage.cache_creation_input_tokens,
    cache_read_input_tokens: usage.cache_read_input_tokens,
    cache_creation: { ephemeral_5m_input_tokens: usage.cache_creation_input_tokens, ephemeral_1h_input_tokens: 0 },
    output_tokens: usage.output_tokens,
    service_tier: 'standard',
  };
}

/** The SSE events of a streamed turn, in order. */
export function sseEvents(turn: ResolvedTurn): SseEvent[] {
  const events: SseEvent[] = [];
  const push = (event: string, data: Record<string, unknown>): void => {
    events.push({ event, data: { type: event, ...data } });
  };
  push('message_start', {
    message: {
      id: turn.id, type: 'message', role: 'assistant', model: turn.model, content: [],
      stop_reason: null, stop_sequence: null,
      // The API reports the input side at the start and a token or so of output.
      usage: { ...fullUsage(turn.usage), output_tokens: Math.min(1, turn.usage.output_tokens) },
    },
  });
  push('ping', {});
  turn.content.forEach((block, index) => {
    switch (block.type) {
      case 'text':
        push('content_block_start', { index, content_block: { type: 'text', text: '', citations: null } });
        for (const piece of pieces(block.text, turn.deltaSize)) push('content_block_delta', { index, delta: { type: 'text_delta', text: piece } });
        break;
      case 'tool_use': {
        push('content_block_start', { index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } });
        // The API opens with an empty partial_json, then the JSON in several slices.
        push('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: '' } });
        const json = JSON.stringify(block.input);
        for (const piece of pieces(json, Math.max(1, Math.ceil(json.length / 3)))) {
          push('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } });
        }
        break;
      }
      case 'thinking':
        push('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } });
        for (const piece of pieces(block.thinking, turn.deltaSize)) push('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: piece } });
        push('content_block_delta', { index, delta: { type: 'signature_delta', signature: block.signature } });
        break;
      case 'redacted_thinking':
        push('content_block_start', { index, content_block: { type: 'redacted_thinking', data: block.data } });
        break;
    }
    push('content_block_stop', { index });
  });
  push('message_delta', {
    delta: { stop_reason: turn.stopReason, stop_sequence: null },
    usage: {
      input_tokens: turn.usage.input_tokens,
      cache_creation_input_tokens: turn.usage.cache_creation_input_tokens,
      cache_read_input_tokens: turn.usage.cache_read_input_tokens,
      output_tokens: turn.usage.output_tokens,
    },
  });
  push('message_stop', {});
  return events;
}

/** Serialises one event as it goes on the wire. */
export function encodeEvent(e: SseEvent): string {
  return `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`;
}

function pieces(value: string, size: number): string[] {
  if (value.length === 0) return [];
  const out: string[] = [];
  // Slice by code points so a delta never splits a surrogate pair.
  const chars = Array.from(value);
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}
