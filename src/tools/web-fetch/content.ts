/** How a response body is treated. */
export type ContentKind = 'html' | 'text' | 'binary' | 'unknown';

const TEXT_APPLICATION_TYPES = new Set([
  'application/json', 'application/xml', 'application/javascript', 'application/ecmascript', 'application/x-javascript',
  'application/x-sh', 'application/x-yaml', 'application/yaml', 'application/toml', 'application/sql', 'application/graphql',
  'application/x-ndjson', 'application/rss+xml', 'application/atom+xml', 'application/x-www-form-urlencoded',
]);

/** Classifies a Content-Type header; `unknown` when there is none (the body is sniffed). */
export function classifyContentType(header: string | null): ContentKind {
  const type = mediaType(header);
  if (!type) return 'unknown';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type.startsWith('text/') || TEXT_APPLICATION_TYPES.has(type) || type.endsWith('+json') || type.endsWith('+xml')) return 'text';
  return 'binary';
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(header: string | null): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/** A NUL byte in the first 8 KB: what git and grep take as "binary". */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).includes(0);
}

export function looksLikeHtml(text: string): boolean {
  return /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b/i.test(text);
}

/** Decodes a body with the charset its Content-Type names (UTF-8 when none or unknown). */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** Elements whose text is noise to a reader: scripts, styles, embedded frames and graphics. */
const IGNORED_ELEMENTS = ['NOSCRIPT', 'SVG', 'IFRAME', 'TEMPLATE', 'CANVAS', 'OBJECT', 'SELECT', 'BUTTON'];

/**
 * HTML to markdown with node-html-markdown (no DOM needed). Loaded on first
 * use: the converter is a few hundred KB that a session without a fetch never pays for.
 */
export async function htmlToMarkdown(html: string): Promise<{ readonly title: string | undefined; readonly markdown: string }> {
  const converter = await import('node-html-markdown');
  // A CommonJS package: Node and the bundle both put module.exports on `default`; named
  // exports are only detected by Node, so read `default` first.
  const NodeHtmlMarkdown = converter.default?.NodeHtmlMarkdown ?? converter.NodeHtmlMarkdown;
  const options = { ignore: IGNORED_ELEMENTS, maxConsecutiveNewlines: 2 };
  const markdown = NodeHtmlMarkdown.translate(html, options).trim();
  // <head> is dropped by the converter; the title is worth keeping.
  const rawTitle = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const title = rawTitle ? NodeHtmlMarkdown.translate(`<span>${rawTitle}</span>`, options).replace(/\s+/g, ' ').trim() : undefined;
  return { title: title || undefined, markdown };
}
