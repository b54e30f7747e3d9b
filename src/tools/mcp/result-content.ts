import type { ContentBlock } from '@modelcontextprotocol/sdk/types.js';

/** One block of a tool_result, as the Messages API takes it. */
export type ResultBlock =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'image'; readonly source: { readonly type: 'base64'; readonly media_type: string; readonly data: string } };

/** Limits on what one MCP result may put in the model's context. */
export interface ResultLimits {
  /** Characters of text over all blocks; the rest is cut with a note. */
  readonly maxChars: number;
  /** Images kept per result. */
  readonly maxImages: number;
  /** Base64 characters per image (the API refuses images over 5 MB). */
  readonly maxImageBase64: number;
}

export const DEFAULT_RESULT_LIMITS: ResultLimits = { maxChars: 100_000, maxImages: 10, maxImageBase64: 5 * 1024 * 1024 };

/** Image types the Messages API accepts. */
const API_IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * Maps an MCP CallToolResult's content to tool_result blocks: text as text,
 * images the API takes as images, embedded text resources as text with their
 * URI, everything else (audio, binary blobs, links) as a short note. Text is
 * capped over the whole result; `structuredContent` stands in when a server
 * sends no content.
 */
export function toResultBlocks(content: readonly ContentBlock[], structured: unknown, limits: ResultLimits): { blocks: ResultBlock[]; truncated: boolean } {
  const blocks: ResultBlock[] = [];
  let chars = 0;
  let images = 0;
  let truncated = false;
  const text = (value: string) => {
    const room = limits.maxChars - chars;
    if (room <= 0) {
      truncated = true;
      return;
    }
    const kept = value.length > room ? value.slice(0, room) : value;
    if (kept.length < value.length) truncated = true;
    chars += kept.length;
    blocks.push({ type: 'text', text: kept });
  };
  const image = (data: string, mimeType: string, what: string) => {
    if (!API_IMAGE_TYPES.has(mimeType)) return text(`[${what}: ${mimeType}, ${approxBytes(data)} bytes, not shown: the model takes only PNG, JPEG, GIF and WebP]`);
    if (data.length > limits.maxImageBase64) return text(`[${what}: ${mimeType}, ${approxBytes(data)} bytes, too large to show]`);
    if (images >= limits.maxImages) return text(`[${what}: ${mimeType}, not shown: more than ${limits.maxImages} images in one result]`);
    images++;
    blocks.push({ type: 'image', source: { type: 'base64', media_type: mimeType, data } });
  };

  for (const block of content) {
    switch (block.type) {
      case 'text':
        text(block.text);
        break;
      case 'image':
        image(block.data, block.mimeType, 'image');
        break;
      case 'audio':
        text(`[audio: ${block.mimeType}, ${approxBytes(block.data)} bytes, not shown]`);
        break;
      case 'resource_link':
        text(`[resource: ${block.name} ${block.uri}${block.mimeType ? ` (${block.mimeType})` : ''}]`);
        break;
      case 'resource': {
        const r = block.resource;
        if ('text' in r && typeof r.text === 'string') text(`[resource ${r.uri}]\n${r.text}`);
        else if ('blob' in r && typeof r.blob === 'string') {
          if (r.mimeType?.startsWith('image/')) image(r.blob, r.mimeType, `resource ${r.uri}`);
          else text(`[resource ${r.uri}: ${r.mimeType ?? 'binary'}, ${approxBytes(r.blob)} bytes, not shown]`);
        }
        break;
      }
      default:
        text(`[content of type "${String((block as { type?: unknown }).type)}" not shown]`);
    }
  }
  if (blocks.length === 0 && structured !== undefined) text(JSON.stringify(structured, null, 2));
  if (truncated) blocks.push({ type: 'text', text: `\n[output truncated: the result was longer than ${limits.maxChars.toLocaleString('en-US')} characters]` });
  return { blocks, truncated };
}

/** The plain text of a result, for error messages. */
export function textOf(blocks: readonly ResultBlock[]): string {
  return blocks.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('\n');
}

function approxBytes(base64: string): number {
  return Math.floor((base64.length * 3) / 4);
}
