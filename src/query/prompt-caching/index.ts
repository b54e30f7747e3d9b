import type { MessageParam, TextBlockParam, ToolUnion } from '@anthropic-ai/sdk/resources/messages';
import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * PROMPT_CACHING's gated module: cache_control breakpoints on system, tools and conversation.
 */
export const featureModule: FeatureModule = {
  flag: 'PROMPT_CACHING',
  status: 'ready',
  provides: ['cache_control'],
};

/** The API accepts at most this many blocks with cache_control in one request. */
export const MAX_CACHE_BREAKPOINTS = 4;

/** The parts of a request that carry breakpoints. */
export interface CacheableRequest {
  readonly system?: string | TextBlockParam[] | undefined;
  readonly tools?: ToolUnion[] | undefined;
  readonly messages: MessageParam[];
}

type Marked = { cache_control?: { type: 'ephemeral' } | null };

/**
 * Returns a copy of `request` with breakpoints, the input left untouched:
 * 1. the last tool (tools rarely change: the whole tool list is cached);
 * 2. the last system block;
 * 3. the last message: the whole conversation is written to the cache, for the next turn to read;
 * 4. the user message before it: where the previous request's breakpoint was, so this request
 *    reads that prefix even when the turn added more blocks than the API looks back over.
 * Breakpoints already present count against the limit of four; none is ever put on a
 * thinking block or an empty text block, which the API refuses.
 */
export function addCacheBreakpoints<T extends CacheableRequest>(request: T): T {
  let budget = MAX_CACHE_BREAKPOINTS - countBreakpoints(request);
  let tools = request.tools;
  let system = request.system;
  const messages = [...request.messages];

  if (budget > 0 && tools?.length) {
    tools = [...tools];
    tools[tools.length - 1] = mark(tools.at(-1)!);
    budget--;
  }
  if (budget > 0 && system?.length) {
    const blocks: TextBlockParam[] = typeof system === 'string' ? [{ type: 'text', text: system }] : [...system];
    blocks[blocks.length - 1] = mark(blocks.at(-1)!);
    system = blocks;
    budget--;
  }
  for (const index of [messages.length - 1, previousUserMessage(messages)]) {
    if (budget <= 0 || index < 0) continue;
    const marked = markMessage(messages[index]!);
    if (!marked) continue;
    messages[index] = marked;
    budget--;
  }
  return {
    ...request,
    messages,
    ...(tools !== undefined ? { tools } : {}),
    ...(system !== undefined ? { system } : {}),
  };
}

/** The last user message before the final message: where the previous request put its breakpoint. */
function previousUserMessage(messages: readonly MessageParam[]): number {
  for (let i = messages.length - 2; i >= 0; i--) if (messages[i]!.role === 'user') return i;
  return -1;
}

/** The message with a breakpoint on its last block that can take one, or undefined if none can. */
function markMessage(message: MessageParam): MessageParam | undefined {
  if (typeof message.content === 'string') {
    const text: TextBlockParam = { type: 'text', text: message.content };
    return message.content ? { ...message, content: [mark(text)] } : undefined;
  }
  const blocks = [...message.content];
  for (let i = blocks.length - 1; i >= 0; i--) {
    const block = blocks[i]!;
    if (block.type === 'thinking' || block.type === 'redacted_thinking') continue;
    if (block.type === 'text' && !block.text) continue;
    blocks[i] = mark(block as typeof block & Marked);
    return { ...message, content: blocks } as MessageParam;
  }
  return undefined;
}

function mark<B extends object>(block: B): B {
  return { ...block, cache_control: { type: 'ephemeral' } };
}

function countBreakpoints(request: CacheableRequest): number {
  const has = (b: unknown): boolean => typeof b === 'object' && b !== null && (b as Marked).cache_control != null;
  let n = (request.tools ?? []).filter(has).length;
  if (Array.isArray(request.system)) n += request.system.filter(has).length;
  for (const m of request.messages) if (typeof m.content !== 'string') n += m.content.filter(has).length;
  return n;
}
