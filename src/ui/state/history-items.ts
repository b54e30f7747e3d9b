import type { ConversationMessage } from '../../query/index.ts';
import type { NewItem } from './types.ts';

/**
 * Transcript items for a past conversation (/resume, `wren --resume`): the
 * prompts, the answers and each tool call with how it ended, as they were
 * shown when the session ran (minus progress and timings, which were not kept).
 */
export function historyItems(messages: readonly ConversationMessage[]): NewItem[] {
  const results = new Map<string, { text: string; isError: boolean }>();
  for (const message of messages) {
    if (message.role !== 'user' || typeof message.content === 'string') continue;
    for (const block of message.content) {
      if (block.type !== 'tool_result') continue;
      const content = block.content;
      const text = typeof content === 'string' ? content : (content ?? []).map((c) => (c.type === 'text' ? c.text : '')).join('\n');
      results.set(block.tool_use_id, { text, isError: block.is_error === true });
    }
  }
  const items: NewItem[] = [];
  for (const message of messages) {
    const blocks = typeof message.content === 'string' ? [{ type: 'text' as const, text: message.content }] : message.content;
    for (const block of blocks) {
      if (block.type === 'text' && block.text.trim() !== '') {
        items.push(message.role === 'user' ? { kind: 'user', text: block.text, mode: 'prompt' } : { kind: 'assistant', markdown: block.text, first: true });
      } else if (block.type === 'tool_use') {
        const result = results.get(block.id);
        items.push({
          kind: 'tool',
          call: {
            toolUseId: block.id, name: block.name, input: block.input, startedAt: 0, progress: [],
            outcome: result ? (result.isError ? 'tool_error' : 'ok') : 'interrupted',
            isError: result?.isError ?? true,
            resultText: result?.text ?? '',
          },
        });
      }
    }
  }
  return items;
}
