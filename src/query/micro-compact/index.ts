import type { FeatureModule } from '../../feature/feature-module.ts';
import type { ConversationBlock, ConversationMessage } from '../types.ts';

/**
 * MICRO_COMPACT's gated module: clear stale tool results from context before a full compaction is needed.
 */
export const featureModule: FeatureModule = {
  flag: 'MICRO_COMPACT',
  status: 'ready',
  provides: ['micro-compact'],
};

/** What a cleared tool result says instead; the model can run the tool again. */
export const CLEARED_TOOL_RESULT = '[Old tool result content cleared to save context. Run the tool again if you need it.]';

export interface MicroCompaction {
  readonly messages: ConversationMessage[];
  /** How many tool results were cleared. */
  readonly cleared: number;
}

/**
 * Replaces the content of every tool result but the `keepRecent` latest with a
 * short placeholder. The tool_result blocks themselves stay (the API needs one
 * per tool_use); only their content goes. Messages not touched are shared,
 * changed ones copied: the input is never mutated.
 */
export function microCompact(messages: readonly ConversationMessage[], keepRecent: number): MicroCompaction {
  const positions: { message: number; block: number }[] = [];
  messages.forEach((m, i) => {
    if (m.role !== 'user' || typeof m.content === 'string') return;
    m.content.forEach((b, j) => { if (b.type === 'tool_result') positions.push({ message: i, block: j }); });
  });
  const stale = positions.slice(0, Math.max(0, positions.length - Math.max(0, keepRecent)));
  const out = [...messages];
  let cleared = 0;
  for (const { message, block } of stale) {
    const current = out[message]!;
    const blocks = [...(current.content as ConversationBlock[])];
    const result = blocks[block] as Extract<ConversationBlock, { type: 'tool_result' }>;
    if (!worthClearing(result.content)) continue;
    blocks[block] = { ...result, content: CLEARED_TOOL_RESULT };
    out[message] = { ...current, content: blocks };
    cleared++;
  }
  return { messages: out, cleared };
}

function worthClearing(content: Extract<ConversationBlock, { type: 'tool_result' }>['content']): boolean {
  if (content === undefined) return false;
  if (typeof content === 'string') return content !== CLEARED_TOOL_RESULT && content.length > CLEARED_TOOL_RESULT.length;
  return content.length > 0;
}
