import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { z } from 'zod';

/*
 * Messages are stored exactly as sent to (or received from) the Messages API, in
 * the SDK's `MessageParam` shape. The blocks the agent loop depends on for a
 * correct resume are checked field by field: text, thinking (its signature must
 * survive, or the API rejects the replayed turn), redacted thinking, tool_use and
 * tool_result. Every other block type the SDK knows (images, documents, server
 * tool results...) is accepted as an object with a string `type`, because that
 * union grows with every SDK release and the transcript must not reject what the
 * API itself sent.
 *
 * Blocks are loose objects: optional fields we do not model (citations, caller,
 * cache_control...) are kept, not stripped, so a message reads back byte-for-byte
 * as it was written. The message envelope itself is strict: a stray key there
 * would be sent to the API on resume and rejected.
 */

const textBlock = z.looseObject({ type: z.literal('text'), text: z.string() });
const thinkingBlock = z.looseObject({ type: z.literal('thinking'), thinking: z.string(), signature: z.string() });
const redactedThinkingBlock = z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() });
const toolUseBlock = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string().min(1),
  name: z.string().min(1),
  // The API only ever sends an object here, and only accepts one back.
  input: z.record(z.string(), z.unknown()),
});
const typedObject = z.looseObject({ type: z.string().min(1) });
const toolResultBlock = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1),
  content: z.union([z.string(), z.array(typedObject)]).optional(),
  is_error: z.boolean().optional(),
});

const CHECKED_TYPES: ReadonlySet<string> = new Set(['text', 'thinking', 'redacted_thinking', 'tool_use', 'tool_result']);

// Any other block type, passed through. The refinement keeps a malformed checked
// block (say, thinking without its signature) from slipping through here.
const otherBlock = typedObject.refine((block) => !CHECKED_TYPES.has(block.type), {
  message: 'malformed content block',
});

export const contentBlockSchema = z.union([textBlock, thinkingBlock, redactedThinkingBlock, toolUseBlock, toolResultBlock, otherBlock]);

/** One conversation message, validated; the parsed value is the SDK's `MessageParam`. */
export const messageParamSchema = z
  .strictObject({
    role: z.enum(['user', 'assistant', 'system']),
    content: z.union([z.string(), z.array(contentBlockSchema)]),
  })
  .transform((message) => message as MessageParam);
