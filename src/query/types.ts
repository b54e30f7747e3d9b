import type { ContentBlockParam } from '@anthropic-ai/sdk/resources/messages';

/** A content block of the conversation, exactly as the Messages API takes it. */
export type ConversationBlock = ContentBlockParam;

/**
 * One message of the conversation, in the API's own shape, so a transcript
 * can be replayed to the API as is. Assistant messages keep thinking blocks
 * with their signatures (the API requires them back unchanged).
 */
export interface ConversationMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string | ConversationBlock[];
}

/** Token counts, with the API's field names (the result schema users script against uses them). */
export interface TokenUsage {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cache_creation_input_tokens: number;
  readonly cache_read_input_tokens: number;
}

export const ZERO_USAGE: TokenUsage = {
  input_tokens: 0,
  output_tokens: 0,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
};

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    input_tokens: a.input_tokens + b.input_tokens,
    output_tokens: a.output_tokens + b.output_tokens,
    cache_creation_input_tokens: a.cache_creation_input_tokens + b.cache_creation_input_tokens,
    cache_read_input_tokens: a.cache_read_input_tokens + b.cache_read_input_tokens,
  };
}

/** Blocks of a message, a string content read as one text block. */
export function blocksOf(message: ConversationMessage): ConversationBlock[] {
  return typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
}

/** The text of a message's text blocks, joined. */
export function textOf(message: ConversationMessage | undefined): string {
  if (!message) return '';
  return blocksOf(message).flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
}
