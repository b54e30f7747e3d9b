import { createHash } from 'node:crypto';
import type { Block, MessagesBody, UsageNumbers } from './types.ts';

/*
 * Plausible token numbers: about four characters a token, and a prompt cache
 * that behaves like the API's. A request's prefix (tools, then system, then
 * messages) is cut at each cache_control breakpoint; a prefix seen before is a
 * cache read, a new one a cache write, and what follows the last breakpoint is
 * plain input. So a second request that reuses the first one's prefix really
 * reports cache_read_input_tokens, and cost accounting can be tested on it.
 */

export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

interface Part {
  readonly tokens: number;
  readonly breakpoint: boolean;
  readonly json: string;
}

/** The request's prompt as an ordered list of parts, in the order the API caches them. */
function promptParts(body: Partial<MessagesBody>): Part[] {
  const parts: Part[] = [];
  const push = (value: unknown): void => {
    const json = JSON.stringify(stripCacheControl(value));
    const breakpoint = typeof value === 'object' && value !== null && 'cache_control' in value && value.cache_control != null;
    parts.push({ tokens: estimateTokens(json), breakpoint, json });
  };
  for (const tool of body.tools ?? []) push(tool);
  if (typeof body.system === 'string') push({ type: 'text', text: body.system });
  else for (const block of body.system ?? []) push(block);
  for (const message of body.messages ?? []) {
    // A string content is one text block, as the API reads it.
    const blocks = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
    for (const block of blocks) push({ role: message.role, ...block });
  }
  return parts;
}

function stripCacheControl(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !('cache_control' in value)) return value;
  const { cache_control: _ignored, ...rest } = value as Record<string, unknown>;
  return rest;
}

/** Input tokens of a request, as count_tokens reports them. */
export function countInputTokens(body: Partial<MessagesBody>): number {
  return promptParts(body).reduce((sum, p) => sum + p.tokens, 0);
}

/** Output tokens of a reply's content. */
export function countOutputTokens(content: readonly Block[]): number {
  let total = 0;
  for (const block of content) {
    if (block.type === 'text') total += estimateTokens(block.text);
    else if (block.type === 'thinking') total += estimateTokens(block.thinking);
    else if (block.type === 'tool_use') total += estimateTokens(block.name + JSON.stringify(block.input ?? {}));
    else total += estimateTokens(block.data);
  }
  return Math.max(1, total);
}

/** A per-server prompt cache: prefix hashes seen in earlier requests. */
export class PromptCacheSim {
  private readonly seen = new Set<string>();
  private readonly minTokens: number;

  constructor(minTokens: number) {
    this.minTokens = minTokens;
  }

  /** Input-side usage of a request; remembers its breakpoint prefixes for later requests. */
  inputUsage(body: Partial<MessagesBody>): Pick<UsageNumbers, 'input_tokens' | 'cache_creation_input_tokens' | 'cache_read_input_tokens'> {
    const parts = promptParts(body);
    const hash = createHash('sha256');
    let cumulative = 0;
    let read = 0;
    let lastBreakpoint = 0;
    const prefixes: { key: string; tokens: number }[] = [];
    for (const part of parts) {
      hash.update(part.json);
      cumulative += part.tokens;
      if (!part.breakpoint || cumulative < this.minTokens) continue;
      const key = hash.copy().digest('hex');
      prefixes.push({ key, tokens: cumulative });
      lastBreakpoint = cumulative;
      if (this.seen.has(key)) read = cumulative;
    }
    for (const p of prefixes) this.seen.add(p.key);
    const written = Math.max(0, lastBreakpoint - read);
    return { input_tokens: cumulative - read - written, cache_creation_input_tokens: written, cache_read_input_tokens: read };
  }
}
