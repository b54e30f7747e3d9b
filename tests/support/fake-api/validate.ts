import type { BodyBlock, BodyMessage } from './types.ts';

/*
 * The request checks the real API makes that an agent most easily gets wrong.
 * The fake answers a violation with the same 400 invalid_request_error, so a
 * bug in how the engine builds a conversation (a tool_use left without its
 * tool_result after an abort or a compaction, a fifth cache breakpoint, an
 * empty text block) fails the test instead of passing against a lenient fake.
 */

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;
const MAX_BREAKPOINTS = 4;

/** Returns the API's error message for an invalid body, or undefined. */
export function validateMessagesBody(body: unknown, options: { countTokens: boolean }): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'request body must be a JSON object';
  const b = body as Record<string, unknown>;
  if (typeof b['model'] !== 'string' || !b['model']) return 'model: Field required';
  if (!options.countTokens) {
    const max = b['max_tokens'];
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1) return 'max_tokens: Field required (a positive integer)';
  }
  if (!Array.isArray(b['messages'])) return 'messages: Field required';
  const messages = b['messages'] as BodyMessage[];
  if (messages.length === 0) return 'messages: at least one message is required';
  return (
    checkSystem(b['system']) ??
    checkTools(b['tools']) ??
    checkMessages(messages) ??
    checkBreakpoints(b, messages) ??
    (options.countTokens ? undefined : checkThinking(b['thinking'], b['max_tokens'] as number))
  );
}

function checkSystem(system: unknown): string | undefined {
  if (system === undefined || typeof system === 'string') return undefined;
  if (!Array.isArray(system)) return 'system: Input should be a valid string or list of text blocks';
  for (const [i, block] of system.entries()) {
    if (block?.type !== 'text') return `system.${i}.type: Input should be 'text'`;
    if (typeof block.text !== 'string' || !block.text) return `system.${i}: text content blocks must be non-empty`;
  }
  return undefined;
}

function checkTools(tools: unknown): string | undefined {
  if (tools === undefined) return undefined;
  if (!Array.isArray(tools)) return 'tools: Input should be a valid list';
  const names = new Set<string>();
  for (const [i, tool] of (tools as BodyBlock[]).entries()) {
    if (tool.type !== undefined && tool.type !== 'custom') continue; // server tools have their own shapes
    if (typeof tool['name'] !== 'string' || !TOOL_NAME.test(tool['name'])) return `tools.${i}.name: String should match pattern '${TOOL_NAME.source}'`;
    if (names.has(tool['name'])) return 'tools: Tool names must be unique.';
    names.add(tool['name']);
    if (tool['input_schema']?.type !== 'object') return `tools.${i}.input_schema.type: Input should be 'object'`;
  }
  return undefined;
}

function checkMessages(messages: readonly BodyMessage[]): string | undefined {
  for (const [i, message] of messages.entries()) {
    if (message.role !== 'user' && message.role !== 'assistant') return `messages.${i}.role: Input should be 'user' or 'assistant'`;
    const blocks = typeof message.content === 'string' ? undefined : message.content;
    const isFinalAssistant = i === messages.length - 1 && message.role === 'assistant';
    if (typeof message.content === 'string') {
      if (!message.content && !isFinalAssistant) return `messages.${i}: all messages must have non-empty content except for the optional final assistant message`;
      continue;
    }
    if (!Array.isArray(blocks)) return `messages.${i}.content: Input should be a valid string or list`;
    if (blocks.length === 0 && !isFinalAssistant) return `messages.${i}: all messages must have non-empty content except for the optional final assistant message`;
    for (const [j, block] of blocks.entries()) {
      if (block.type === 'text' && (typeof block['text'] !== 'string' || !block['text'])) return `messages.${i}.content.${j}: text content blocks must be non-empty`;
      if (block.type === 'tool_use' && message.role !== 'assistant') return `messages.${i}.content.${j}: tool_use blocks can only be in assistant messages`;
      if (block.type === 'tool_result' && message.role !== 'user') return `messages.${i}.content.${j}: tool_result blocks can only be in user messages`;
      if (block.type === 'tool_use' && (typeof block['input'] !== 'object' || block['input'] === null || Array.isArray(block['input']))) {
        return `messages.${i}.content.${j}.tool_use.input: Input should be a valid dictionary`;
      }
    }
    const problem = checkToolPairing(messages, i);
    if (problem) return problem;
  }
  return undefined;
}

/** Every tool_use answered by a tool_result in the very next message, and no tool_result without its tool_use. */
function checkToolPairing(messages: readonly BodyMessage[], i: number): string | undefined {
  const message = messages[i]!;
  const blocksOf = (m: BodyMessage | undefined): readonly BodyBlock[] => (m && typeof m.content !== 'string' ? m.content : []);
  if (message.role === 'assistant') {
    const ids = blocksOf(message).filter((b) => b.type === 'tool_use').map((b) => String(b['id']));
    if (ids.length === 0) return undefined;
    const next = messages[i + 1];
    if (!next) return undefined; // a final assistant message may be a prefill
    const answered = new Set(blocksOf(next).filter((b) => b.type === 'tool_result').map((b) => String(b['tool_use_id'])));
    const missing = ids.filter((id) => !answered.has(id));
    if (missing.length) {
      return `messages.${i + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
    }
    return undefined;
  }
  const results = blocksOf(message).filter((b) => b.type === 'tool_result').map((b) => String(b['tool_use_id']));
  if (results.length === 0) return undefined;
  const previous = messages[i - 1];
  const asked = new Set(previous?.role === 'assistant' ? blocksOf(previous).filter((b) => b.type === 'tool_use').map((b) => String(b['id'])) : []);
  const unexpected = results.filter((id) => !asked.has(id));
  if (unexpected.length) {
    return `messages.${i}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${unexpected.join(', ')}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
  }
  return undefined;
}

function checkBreakpoints(body: Record<string, unknown>, messages: readonly BodyMessage[]): string | undefined {
  let count = 0;
  const visit = (block: unknown): void => {
    if (typeof block === 'object' && block !== null && (block as BodyBlock).cache_control) count++;
  };
  for (const tool of (body['tools'] as unknown[] | undefined) ?? []) visit(tool);
  if (Array.isArray(body['system'])) for (const block of body['system']) visit(block);
  for (const message of messages) if (typeof message.content !== 'string') for (const block of message.content) visit(block);
  if (count > MAX_BREAKPOINTS) return `A maximum of ${MAX_BREAKPOINTS} blocks with cache_control may be provided. Found ${count}.`;
  for (const message of messages) {
    if (typeof message.content === 'string') continue;
    for (const block of message.content) {
      if ((block.type === 'thinking' || block.type === 'redacted_thinking') && block.cache_control) {
        return 'cache_control cannot be set on thinking blocks';
      }
    }
  }
  return undefined;
}

function checkThinking(thinking: unknown, maxTokens: number): string | undefined {
  if (thinking === undefined) return undefined;
  const t = thinking as { type?: string; budget_tokens?: unknown };
  if (t.type !== 'enabled') return undefined;
  if (typeof t.budget_tokens !== 'number' || t.budget_tokens < 1024) return 'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024';
  if (t.budget_tokens >= maxTokens) return '`max_tokens` must be greater than `thinking.budget_tokens`';
  return undefined;
}
