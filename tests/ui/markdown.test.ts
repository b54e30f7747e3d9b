import { describe, expect, test } from 'vitest';
import { createStyler, sanitize, stripAnsi } from '../../src/ui/markdown/ansi.ts';
import { highlightCode } from '../../src/ui/markdown/highlight.ts';
import { renderMarkdown } from '../../src/ui/markdown/render-markdown.ts';
import { stableBoundary } from '../../src/ui/markdown/stream-split.ts';

const plain = { styler: createStyler(false), width: 80 };
const color = { styler: createStyler(true), width: 80 };

describe('renderMarkdown', () => {
  test('inline styles become terminal styles, not markup', () => {
    const out = renderMarkdown('Some **bold**, *em*, `code` and [a link](https://example.com).', color);
    expect(stripAnsi(out)).toBe('Some bold, em, code and a link (https://example.com).');
    expect(out).toContain('\x1b[1mbold\x1b[22m');
    expect(out).toContain('\x1b[3mem\x1b[23m');
  });

  test('headings, lists (nested, ordered, tasks), quotes and rules', () => {
    const out = stripAnsi(renderMarkdown('# Title\n\n- one\n  - inner\n- two\n\n3. three\n4. four\n\n- [x] done\n- [ ] todo\n\n> quoted\n\n---', plain));
    expect(out).toContain('Title');
    expect(out).toContain('• one\n  ◦ inner\n• two');
    expect(out).toContain('3. three\n4. four');
    expect(out).toContain('☑ done\n☐ todo');
    expect(out).toContain('│ quoted');
    expect(out).toMatch(/───/);
  });

  test('fenced code is indented and highlighted when colour is on; plain without colour', () => {
    const md = '```ts\nconst x: number = 1; // one\n```';
    expect(renderMarkdown(md, plain)).toBe('  const x: number = 1; // one');
    const colored = renderMarkdown(md, color);
    expect(stripAnsi(colored)).toBe('  const x: number = 1; // one');
    expect(colored).toContain('\x1b[35mconst\x1b[39m');
    expect(colored).toContain('\x1b[90m// one\x1b[39m');
  });

  test('an unknown language is shown plain', () => {
    expect(highlightCode('foo bar', 'nosuchlang', createStyler(true))).toBe('foo bar');
  });

  test('tables are drawn when they fit and become row blocks when they do not', () => {
    const md = '| name | size |\n|---|--:|\n| a | 1 |\n| bb | 22 |';
    const drawn = stripAnsi(renderMarkdown(md, plain));
    expect(drawn).toContain('│ name │ size │');
    expect(drawn).toContain('│ bb   │   22 │');
    const narrow = stripAnsi(renderMarkdown(md, { ...plain, width: 10 }));
    expect(narrow).toContain('name: bb\nsize: 22');
  });

  test('HTML entities are shown as characters', () => {
    expect(stripAnsi(renderMarkdown('a < b && c > "d"', plain))).toBe('a < b && c > "d"');
  });

  test('control sequences in model text are removed (no cursor moves, no title changes)', () => {
    const out = renderMarkdown('hi\x1b[2J\x1b]0;pwned\x07 there\x1b[31m red', plain);
    expect(out).toBe('hi there red');
    expect(sanitize('a\tb\r\nc')).toBe('a  b\nc');
  });
});

describe('stableBoundary (streaming markdown is committed block by block)', () => {
  test('complete paragraphs before a new block are stable', () => {
    const text = 'First paragraph.\n\nSecond';
    expect(text.slice(0, stableBoundary(text))).toBe('First paragraph.\n\n');
  });

  test('nothing is stable inside an open code fence', () => {
    expect(stableBoundary('Intro\n\n```js\nconst a = 1;\n\nconst b = 2;')).toBe('Intro\n\n'.length);
    const closed = '```js\nconst a = 1;\n\nconst b = 2;\n```\n\nAfter';
    expect(closed.slice(stableBoundary(closed))).toBe('After');
  });

  test('an indented line after a blank one may continue a list item: not a boundary', () => {
    expect(stableBoundary('- item\n\n  more of the item')).toBe(0);
  });

  test('a trailing blank line alone is not a boundary yet (the next block has not started)', () => {
    expect(stableBoundary('Para one.\n\n')).toBe(0);
  });
});
