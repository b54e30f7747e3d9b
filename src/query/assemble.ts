import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import type { ModelStopReason } from './events.ts';
import { StreamIncompleteError } from './retry.ts';
import type { ConversationBlock, TokenUsage } from './types.ts';

/** A complete assistant turn, assembled from the stream. */
export interface AssembledTurn {
  readonly id: string;
  readonly model: string;
  /** Blocks ready to send back to the API (empty text dropped, nulls stripped). */
  readonly content: ConversationBlock[];
  readonly stopReason: ModelStopReason | null;
  readonly usage: TokenUsage;
  /** tool_use ids whose streamed input was not valid JSON, with the parse error. */
  readonly invalidInputs: ReadonlyMap<string, string>;
}

/** What a stream event contributes to the live display. */
export type StreamDelta =
  | { readonly kind: 'text'; readonly index: number; readonly text: string }
  | { readonly kind: 'thinking'; readonly index: number; readonly thinking: string };

interface Slot {
  // The block as it grows; its shape follows content_block_start.
  block: Record<string, unknown> & { type: string };
  json?: string;
}

/**
 * Builds an assistant message from raw stream events. Tool input arrives as
 * JSON slices (input_json_delta) and is parsed once, at content_block_stop.
 */
export class TurnAssembler {
  private id = '';
  private model = '';
  private stopReason: ModelStopReason | null = null;
  private usage: TokenUsage = { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  private readonly slots: Slot[] = [];
  private readonly invalid = new Map<string, string>();
  private stopped = false;

  /** True once message_stop arrived. */
  get complete(): boolean {
    return this.stopped;
  }

  handle(event: RawMessageStreamEvent): StreamDelta | undefined {
    switch (event.type) {
      case 'message_start':
        this.id = event.message.id;
        this.model = event.message.model;
        this.usage = mergeUsage(this.usage, event.message.usage);
        return undefined;
      case 'content_block_start':
        this.slots[event.index] = { block: { ...(event.content_block as unknown as Slot['block']) } };
        if ('input' in event.content_block) this.slots[event.index]!.json = '';
        return undefined;
      case 'content_block_delta':
        return this.delta(event.index, event.delta as unknown as Record<string, unknown> & { type: string });
      case 'content_block_stop':
        this.stop(event.index);
        return undefined;
      case 'message_delta':
        this.stopReason = (event.delta.stop_reason as ModelStopReason | null) ?? this.stopReason;
        this.usage = mergeUsage(this.usage, event.usage);
        return undefined;
      case 'message_stop':
        this.stopped = true;
        return undefined;
      default:
        return undefined;
    }
  }

  private delta(index: number, delta: Record<string, unknown> & { type: string }): StreamDelta | undefined {
    const slot = this.slots[index];
    if (!slot) return undefined;
    const b = slot.block;
    switch (delta.type) {
      case 'text_delta':
        b['text'] = String(b['text'] ?? '') + String(delta['text']);
        return { kind: 'text', index, text: String(delta['text']) };
      case 'input_json_delta':
        slot.json = (slot.json ?? '') + String(delta['partial_json']);
        return undefined;
      case 'thinking_delta':
        b['thinking'] = String(b['thinking'] ?? '') + String(delta['thinking']);
        return { kind: 'thinking', index, thinking: String(delta['thinking']) };
      case 'signature_delta':
        b['signature'] = String(b['signature'] ?? '') + String(delta['signature']);
        return undefined;
      case 'citations_delta':
        b['citations'] = [...((b['citations'] as unknown[] | null) ?? []), delta['citation']];
        return undefined;
      default:
        return undefined;
    }
  }

  private stop(index: number): void {
    const slot = this.slots[index];
    if (!slot || slot.json === undefined) return;
    const text = slot.json.trim();
    slot.json = undefined;
    if (!text) {
      // No deltas: keep an input given whole in content_block_start (some compatible servers do that).
      const given = slot.block['input'];
      slot.block['input'] = typeof given === 'object' && given !== null && !Array.isArray(given) ? given : {};
      return;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('tool input must be a JSON object');
      slot.block['input'] = parsed;
    } catch (error) {
      // The API requires an object here when the message is sent back; the runner reports the bad input to the model.
      slot.block['input'] = {};
      this.invalid.set(String(slot.block['id']), `${(error as Error).message} in ${JSON.stringify(text.slice(0, 200))}`);
    }
  }

  /** Whatever blocks had started before the stream ended (for reporting an aborted turn). */
  partial(): ConversationBlock[] {
    return toParams(this.slots.filter((s): s is Slot => s !== undefined).map((s) => (s.json !== undefined ? { ...s.block, input: {} } : s.block)));
  }

  /** The finished turn. @throws StreamIncompleteError if message_stop never came */
  finish(): AssembledTurn {
    if (!this.stopped) throw new StreamIncompleteError();
    return {
      id: this.id,
      model: this.model,
      content: toParams(this.slots.filter((s): s is Slot => s !== undefined).map((s) => s.block)),
      stopReason: this.stopReason,
      usage: this.usage,
      invalidInputs: this.invalid,
    };
  }
}

/** Response blocks to request blocks: drop empty text, strip null fields the API sends but does not take back. */
function toParams(blocks: readonly (Record<string, unknown> & { type: string })[]): ConversationBlock[] {
  const out: ConversationBlock[] = [];
  for (const block of blocks) {
    if (block.type === 'text') {
      if (!block['text']) continue;
      const citations = block['citations'] as unknown[] | null | undefined;
      out.push({ type: 'text', text: String(block['text']), ...(citations?.length ? { citations } : {}) } as ConversationBlock);
    } else if (block.type === 'tool_use' || block.type === 'server_tool_use') {
      out.push({ type: block.type, id: block['id'], name: block['name'], input: block['input'] ?? {} } as ConversationBlock);
    } else if (block.type === 'thinking') {
      out.push({ type: 'thinking', thinking: String(block['thinking'] ?? ''), signature: String(block['signature'] ?? '') });
    } else {
      const copy: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(block)) if (v !== null) copy[k] = v;
      out.push(copy as unknown as ConversationBlock);
    }
  }
  return out;
}

function mergeUsage(current: TokenUsage, update: Partial<Record<keyof TokenUsage, number | null>> | null | undefined): TokenUsage {
  if (!update) return current;
  const pick = (key: keyof TokenUsage): number => {
    const v = update[key];
    return typeof v === 'number' ? v : current[key];
  };
  return {
    input_tokens: pick('input_tokens'),
    output_tokens: pick('output_tokens'),
    cache_creation_input_tokens: pick('cache_creation_input_tokens'),
    cache_read_input_tokens: pick('cache_read_input_tokens'),
  };
}
