import type { Key } from 'ink';
import * as tb from './text-buffer.ts';

/** What an editing key did: a new buffer, a submit, or nothing it knows (left to the caller). */
export type EditResult = { readonly buffer: tb.TextBuffer } | { readonly submit: true } | undefined;

/**
 * Readline-style editing of the prompt: Enter sends (a trailing `\` or
 * Alt-Enter / Ctrl-J make a new line instead), arrows, Home/End, Ctrl-A/E/B/F,
 * Alt-B/F and Alt-←/→ by word, Ctrl-W, Ctrl-U, Ctrl-K, Ctrl-D, Backspace,
 * Delete. Up and Down move between lines; the caller turns them into history
 * on the first and last line.
 */
export function editKey(b: tb.TextBuffer, input: string, key: Key): EditResult {
  const done = (buffer: tb.TextBuffer) => ({ buffer });
  if (key.return) {
    if (key.meta || key.shift) return done(tb.insert(b, '\n'));
    if (b.text.slice(0, b.cursor).endsWith('\\')) return done(tb.insert(tb.backspace(b), '\n'));
    return { submit: true };
  }
  if (input === '\n' && !key.meta) return done(tb.insert(b, '\n'));
  if (key.backspace) return done(key.meta ? tb.deleteWordBefore(b) : tb.backspace(b));
  if (key.delete) return done(tb.deleteForward(b));
  if (key.leftArrow) return done(key.meta || key.ctrl ? tb.wordLeft(b) : tb.left(b));
  if (key.rightArrow) return done(key.meta || key.ctrl ? tb.wordRight(b) : tb.right(b));
  if (key.home) return done(tb.lineStart(b));
  if (key.end) return done(tb.lineEnd(b));
  if (key.upArrow) return done(tb.up(b));
  if (key.downArrow) return done(tb.down(b));
  if (key.ctrl) {
    switch (input) {
      case 'a': return done(tb.lineStart(b));
      case 'e': return done(tb.lineEnd(b));
      case 'b': return done(tb.left(b));
      case 'f': return done(tb.right(b));
      case 'w': return done(tb.deleteWordBefore(b));
      case 'u': return done(tb.killToLineStart(b));
      case 'k': return done(tb.killToLineEnd(b));
      case 'd': return done(tb.deleteForward(b));
      default: return undefined;
    }
  }
  if (key.meta) {
    if (input === 'b') return done(tb.wordLeft(b));
    if (input === 'f') return done(tb.wordRight(b));
    if (input === 'd') return done(tb.replaceRange(b, b.cursor, tb.wordEndAfter(b.text, b.cursor), ''));
    return undefined;
  }
  if (key.escape || key.tab || key.pageUp || key.pageDown) return undefined;
  if (input === '') return undefined;
  // Typed text (or a paste from a terminal without bracketed paste): CR becomes a new line.
  return done(tb.insert(b, input.replace(/\r\n?/g, '\n')));
}
