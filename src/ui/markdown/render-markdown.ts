import { Lexer, type Token, type Tokens } from 'marked';
import stringWidth from 'string-width';
import { sanitize, type Styler } from './ansi.ts';
import { highlightCode } from './highlight.ts';

/*
 * Markdown to terminal text: marked's lexer gives the block and inline tokens,
 * this walks them into ANSI-styled lines. Word wrapping is left to the
 * terminal layout (ink wraps styled text); only tables need the width.
 */

export interface MarkdownOptions {
  readonly styler: Styler;
  /** Columns available; tables wider than this fall back to a list of rows. */
  readonly width: number;
}

/** Renders markdown (model output: untrusted, control sequences removed first) as styled lines. */
export function renderMarkdown(markdown: string, options: MarkdownOptions): string {
  const tokens = new Lexer({ gfm: true }).lex(sanitize(markdown));
  return blocks(tokens, options).join('\n').replace(/\n{3,}/g, '\n\n').trimEnd();
}

function blocks(tokens: readonly Token[], o: MarkdownOptions): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    const text = block(token as Tokens.Generic, o);
    if (text === undefined) continue;
    out.push(text);
  }
  // Blocks are separated by one blank line, as the model wrote them.
  return out.flatMap((b, i) => (i === 0 ? [b] : ['', b]));
}

function block(token: Tokens.Generic, o: MarkdownOptions): string | undefined {
  const s = o.styler;
  switch (token.type) {
    case 'space':
    case 'def':
      return undefined;
    case 'heading': {
      const t = token as Tokens.Heading;
      const text = s.bold(inline(t.tokens, o));
      return t.depth === 1 ? s.underline(text) : t.depth === 2 ? text : s.fg('cyan', text);
    }
    case 'paragraph':
      return inline((token as Tokens.Paragraph).tokens, o);
    case 'text': {
      const t = token as Tokens.Text;
      return t.tokens ? inline(t.tokens, o) : t.text;
    }
    case 'code': {
      const t = token as Tokens.Code;
      return highlightCode(t.text.replace(/\n$/, ''), t.lang, s).split('\n').map((line) => `  ${line}`).join('\n');
    }
    case 'blockquote': {
      const inner = blocks((token as Tokens.Blockquote).tokens, o).join('\n');
      return inner.split('\n').map((line) => `${s.fg('gray', '│')} ${s.italic(line)}`).join('\n');
    }
    case 'list':
      return list(token as Tokens.List, o, 0);
    case 'hr':
      return s.fg('gray', '─'.repeat(Math.max(3, Math.min(o.width, 80))));
    case 'table':
      return table(token as Tokens.Table, o);
    case 'html':
      return s.fg('gray', (token as Tokens.HTML).text.trimEnd());
    default:
      return typeof token.raw === 'string' ? token.raw.trimEnd() : undefined;
  }
}

function list(token: Tokens.List, o: MarkdownOptions, depth: number): string {
  const s = o.styler;
  const start = typeof token.start === 'number' ? token.start : 1;
  const lines: string[] = [];
  token.items.forEach((item, i) => {
    const marker = item.task ? (item.checked ? s.fg('green', '☑') : '☐') : token.ordered ? `${start + i}.` : depth % 2 === 0 ? '•' : '◦';
    const pad = ' '.repeat(stringWidth(marker) + 1);
    const parts: string[] = [];
    for (const child of item.tokens as Tokens.Generic[]) {
      if (child.type === 'checkbox') continue;
      if (child.type === 'list') parts.push(list(child as Tokens.List, o, depth + 1));
      else {
        const text = block(child, o);
        if (text !== undefined) parts.push(text);
      }
    }
    const body = parts.join(item.loose ? '\n\n' : '\n').split('\n');
    lines.push(`${marker} ${body[0] ?? ''}`, ...body.slice(1).map((line) => (line === '' ? '' : `${pad}${line}`)));
  });
  return lines.join('\n');
}

function table(token: Tokens.Table, o: MarkdownOptions): string {
  const s = o.styler;
  const header = token.header.map((cell) => inline(cell.tokens, o));
  const rows = token.rows.map((row) => row.map((cell) => inline(cell.tokens, o)));
  const widths = header.map((h, i) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i] ?? ''))));
  const total = widths.reduce((a, b) => a + b, 0) + 3 * widths.length + 1;
  if (total > o.width) {
    // Too wide to draw: one block per row, "Header: value" lines, which wrap cleanly.
    return rows.map((row) => row.map((cell, i) => `${s.bold(header[i] ?? '')}: ${cell}`).join('\n')).join('\n\n');
  }
  const pad = (text: string, i: number) => {
    const space = (widths[i] ?? 0) - stringWidth(text);
    const align = token.align[i];
    if (align === 'right') return ' '.repeat(space) + text;
    if (align === 'center') return ' '.repeat(Math.floor(space / 2)) + text + ' '.repeat(Math.ceil(space / 2));
    return text + ' '.repeat(space);
  };
  const line = (cells: string[]) => `│ ${cells.map((c, i) => pad(c, i)).join(' │ ')} │`;
  const rule = (l: string, m: string, r: string) => s.fg('gray', l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r);
  return [
    rule('┌', '┬', '┐'),
    line(header.map((h) => s.bold(h))),
    rule('├', '┼', '┤'),
    ...rows.map((r) => line(r)),
    rule('└', '┴', '┘'),
  ].join('\n');
}

function inline(tokens: readonly Token[] | undefined, o: MarkdownOptions): string {
  if (!tokens) return '';
  const s = o.styler;
  let out = '';
  for (const raw of tokens) {
    const token = raw as Tokens.Generic;
    switch (token.type) {
      case 'strong':
        out += s.bold(inline((token as Tokens.Strong).tokens, o));
        break;
      case 'em':
        out += s.italic(inline((token as Tokens.Em).tokens, o));
        break;
      case 'del':
        out += s.strike(inline((token as Tokens.Del).tokens, o));
        break;
      case 'codespan':
        out += s.fg('cyan', decode((token as Tokens.Codespan).text));
        break;
      case 'link': {
        const t = token as Tokens.Link;
        const label = inline(t.tokens, o);
        out += label === t.href || label === '' ? s.underline(s.fg('blue', t.href)) : `${label} (${s.underline(s.fg('blue', t.href))})`;
        break;
      }
      case 'image': {
        const t = token as Tokens.Image;
        out += `[image: ${t.text || t.href}]`;
        break;
      }
      case 'br':
        out += '\n';
        break;
      case 'text': {
        const t = token as Tokens.Text;
        out += t.tokens ? inline(t.tokens, o) : decode(t.text);
        break;
      }
      case 'escape':
        out += decode((token as Tokens.Escape).text);
        break;
      case 'html':
        out += (token as Tokens.HTML).text;
        break;
      default:
        out += typeof token.raw === 'string' ? token.raw : '';
    }
  }
  return out;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

// marked escapes a few characters in inline text for HTML; a terminal wants them back.
function decode(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] ?? m);
}
