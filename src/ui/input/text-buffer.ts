/*
 * The prompt's text and cursor, as an immutable value with pure edits, so the
 * editing rules (and the vim keymap built on them) are tested without a terminal.
 * The cursor is an index into `text` (UTF-16 code units; surrogate pairs are
 * stepped over as one character).
 */

export interface TextBuffer {
  readonly text: string;
  readonly cursor: number;
  /** Column the cursor wants when moving up and down through shorter lines. */
  readonly goalColumn?: number;
}

export const EMPTY_BUFFER: TextBuffer = { text: '', cursor: 0 };

export function bufferOf(text: string, cursor = text.length): TextBuffer {
  return { text, cursor: Math.max(0, Math.min(cursor, text.length)) };
}

export function insert(b: TextBuffer, value: string): TextBuffer {
  return bufferOf(b.text.slice(0, b.cursor) + value + b.text.slice(b.cursor), b.cursor + value.length);
}

export function backspace(b: TextBuffer): TextBuffer {
  if (b.cursor === 0) return b;
  const from = prevChar(b.text, b.cursor);
  return bufferOf(b.text.slice(0, from) + b.text.slice(b.cursor), from);
}

export function deleteForward(b: TextBuffer): TextBuffer {
  if (b.cursor >= b.text.length) return b;
  return bufferOf(b.text.slice(0, b.cursor) + b.text.slice(nextChar(b.text, b.cursor)), b.cursor);
}

export function left(b: TextBuffer): TextBuffer {
  return bufferOf(b.text, prevChar(b.text, b.cursor));
}

export function right(b: TextBuffer): TextBuffer {
  return bufferOf(b.text, nextChar(b.text, b.cursor));
}

/** Start and end index of the line holding `index`. */
export function lineBounds(text: string, index: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const nl = text.indexOf('\n', index);
  return { start, end: nl === -1 ? text.length : nl };
}

export function lineStart(b: TextBuffer): TextBuffer {
  return bufferOf(b.text, lineBounds(b.text, b.cursor).start);
}

export function lineEnd(b: TextBuffer): TextBuffer {
  return bufferOf(b.text, lineBounds(b.text, b.cursor).end);
}

/** Whether the cursor is on the first / last line (up and down then go to history). */
export function onFirstLine(b: TextBuffer): boolean {
  return b.text.lastIndexOf('\n', b.cursor - 1) === -1;
}

export function onLastLine(b: TextBuffer): boolean {
  return b.text.indexOf('\n', b.cursor) === -1;
}

export function up(b: TextBuffer): TextBuffer {
  const { start } = lineBounds(b.text, b.cursor);
  if (start === 0) return b;
  const column = b.goalColumn ?? b.cursor - start;
  const prev = lineBounds(b.text, start - 1);
  return { ...bufferOf(b.text, Math.min(prev.start + column, prev.end)), goalColumn: column };
}

export function down(b: TextBuffer): TextBuffer {
  const { start, end } = lineBounds(b.text, b.cursor);
  if (end === b.text.length) return b;
  const column = b.goalColumn ?? b.cursor - start;
  const next = lineBounds(b.text, end + 1);
  return { ...bufferOf(b.text, Math.min(next.start + column, next.end)), goalColumn: column };
}

const WORD = /[\p{L}\p{N}_]/u;

/** Index of the start of the word before `index` (readline's backward-word). */
export function wordStartBefore(text: string, index: number): number {
  let i = index;
  while (i > 0 && !WORD.test(text[i - 1]!)) i--;
  while (i > 0 && WORD.test(text[i - 1]!)) i--;
  return i;
}

/** Index just past the end of the word after `index` (readline's forward-word). */
export function wordEndAfter(text: string, index: number): number {
  let i = index;
  while (i < text.length && !WORD.test(text[i]!)) i++;
  while (i < text.length && WORD.test(text[i]!)) i++;
  return i;
}

export function wordLeft(b: TextBuffer): TextBuffer {
  return bufferOf(b.text, wordStartBefore(b.text, b.cursor));
}

export function wordRight(b: TextBuffer): TextBuffer {
  return bufferOf(b.text, wordEndAfter(b.text, b.cursor));
}

/** Ctrl-W: delete the word before the cursor. */
export function deleteWordBefore(b: TextBuffer): TextBuffer {
  const from = wordStartBefore(b.text, b.cursor);
  return bufferOf(b.text.slice(0, from) + b.text.slice(b.cursor), from);
}

/** Ctrl-U: delete from the start of the line to the cursor. */
export function killToLineStart(b: TextBuffer): TextBuffer {
  const { start } = lineBounds(b.text, b.cursor);
  return bufferOf(b.text.slice(0, start) + b.text.slice(b.cursor), start);
}

/** Ctrl-K: delete from the cursor to the end of the line. */
export function killToLineEnd(b: TextBuffer): TextBuffer {
  const { end } = lineBounds(b.text, b.cursor);
  const to = end === b.cursor && end < b.text.length ? end + 1 : end;
  return bufferOf(b.text.slice(0, b.cursor) + b.text.slice(to), b.cursor);
}

/** Replaces text[from, to) and puts the cursor after the replacement. */
export function replaceRange(b: TextBuffer, from: number, to: number, value: string): TextBuffer {
  return bufferOf(b.text.slice(0, from) + value + b.text.slice(to), from + value.length);
}

function prevChar(text: string, index: number): number {
  if (index <= 0) return 0;
  const code = text.charCodeAt(index - 1);
  return code >= 0xdc00 && code <= 0xdfff && index >= 2 ? index - 2 : index - 1;
}

function nextChar(text: string, index: number): number {
  if (index >= text.length) return text.length;
  const code = text.charCodeAt(index);
  return code >= 0xd800 && code <= 0xdbff && index + 1 < text.length ? index + 2 : index + 1;
}
