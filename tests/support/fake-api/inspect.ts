import type { BodyBlock, BodyMessage, MessagesBody } from './types.ts';

/*
 * Small readers for assertions on what the agent sent.
 */

/** The blocks of a message, a string content read as one text block. */
export function blocksOf(message: BodyMessage | undefined): readonly BodyBlock[] {
  if (!message) return [];
  return typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
}

/** The tool_result blocks of the request's last user message. */
export function toolResultsOf(body: MessagesBody): readonly BodyBlock[] {
  const lastUser = [...body.messages].reverse().find((m) => m.role === 'user');
  return blocksOf(lastUser).filter((b) => b.type === 'tool_result');
}

/** All text of a message (text blocks and string tool_result contents), joined by newlines. */
export function textOf(message: BodyMessage | undefined): string {
  const parts: string[] = [];
  for (const block of blocksOf(message)) {
    if (block.type === 'text') parts.push(String(block['text']));
    else if (block.type === 'tool_result') {
      const content = block['content'];
      if (typeof content === 'string') parts.push(content);
      else if (Array.isArray(content)) for (const c of content) if (c?.type === 'text') parts.push(String(c.text));
    }
  }
  return parts.join('\n');
}

/**
 * Where the request put cache_control breakpoints, as paths:
 * `tools.3`, `system.0`, `messages.4.content.1`.
 */
export function cacheBreakpointsOf(body: MessagesBody): string[] {
  const out: string[] = [];
  (body.tools ?? []).forEach((t, i) => { if (t.cache_control) out.push(`tools.${i}`); });
  if (Array.isArray(body.system)) (body.system as readonly BodyBlock[]).forEach((b, i) => { if (b.cache_control) out.push(`system.${i}`); });
  body.messages.forEach((m, i) => {
    if (typeof m.content !== 'string') m.content.forEach((b, j) => { if (b.cache_control) out.push(`messages.${i}.content.${j}`); });
  });
  return out;
}

/** The credential a request carried: `x-api-key`, or the token of `Authorization: Bearer` (the SDK sends keys either way). */
export function credentialOf(headers: Readonly<Record<string, string>>): string | undefined {
  return headers['x-api-key'] ?? headers['authorization']?.match(/^Bearer\s+(.+)$/i)?.[1];
}
