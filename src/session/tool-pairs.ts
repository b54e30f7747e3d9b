import type { ContentBlockParam, MessageParam, ToolUseBlockParam } from '@anthropic-ai/sdk/resources/messages';

/**
 * tool_use blocks of the last assistant message that no later user message
 * answers with a tool_result. After a crash or kill mid-tool, a rebuilt
 * conversation can end this way, and the Messages API rejects a request whose
 * tool_use has no tool_result. A resuming caller appends a user message with an
 * error tool_result for each (e.g. "interrupted: the session was killed"), so
 * the transcript itself records what the model is told.
 */
export function unansweredToolUses(messages: readonly MessageParam[]): ToolUseBlockParam[] {
  const lastAssistant = messages.findLastIndex((message) => message.role === 'assistant');
  const assistant = messages[lastAssistant];
  if (assistant === undefined || typeof assistant.content === 'string') return [];
  const blocks: readonly ContentBlockParam[] = assistant.content;
  const uses = blocks.filter((block): block is ToolUseBlockParam => block.type === 'tool_use');
  const answered = new Set<string>();
  for (const message of messages.slice(lastAssistant + 1)) {
    if (message.role !== 'user' || typeof message.content === 'string') continue;
    for (const block of message.content) if (block.type === 'tool_result') answered.add(block.tool_use_id);
  }
  return uses.filter((use) => !answered.has(use.id));
}
