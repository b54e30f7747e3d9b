import type { Key } from 'ink';
import type { EditResult } from '../input/edit-keys.ts';
import type { InputMode } from '../input/input-mode.ts';
import * as tb from '../input/text-buffer.ts';

/*
 * vim keybindings for the prompt (VIM_MODE). It starts in insert mode, where
 * every key but Esc edits as usual; Esc enters normal mode: motions h j k l
 * w b e 0 ^ $ gg G, inserts i a I A o O, edits x X D C dd cc dw cw db cb yy p P
 * and u (one level of undo). Enter sends the prompt from either mode.
 */

export type VimMode = 'insert' | 'normal';

/** What the prompt shows for each mode. */
export const VIM_INDICATORS: Record<VimMode, string> = { insert: '-- INSERT --', normal: '-- NORMAL --' };

export function createVimKeymap(): InputMode & { mode(): VimMode } {
  let mode: VimMode = 'insert';
  let pending = '';
  let register = '';
  let undo: tb.TextBuffer | undefined;

  const edit = (before: tb.TextBuffer, after: tb.TextBuffer): EditResult => {
    undo = before;
    return { buffer: after };
  };
  const insertAt = (b: tb.TextBuffer, cursor: number): EditResult => {
    mode = 'insert';
    return { buffer: tb.bufferOf(b.text, cursor) };
  };
  const deleteRange = (b: tb.TextBuffer, from: number, to: number, thenInsert = false): EditResult => {
    const [a, z] = from <= to ? [from, to] : [to, from];
    register = b.text.slice(a, z);
    if (thenInsert) mode = 'insert';
    return edit(b, tb.replaceRange(b, a, z, ''));
  };
  const lineRange = (b: tb.TextBuffer) => {
    const { start, end } = tb.lineBounds(b.text, b.cursor);
    // The whole line with one of its newlines, so dd leaves no empty line behind.
    if (end < b.text.length) return { from: start, to: end + 1 };
    return { from: start > 0 ? start - 1 : start, to: end };
  };
  const motion = (b: tb.TextBuffer, key: string): number | undefined => {
    switch (key) {
      case 'h': return tb.left(b).cursor;
      case 'l': return Math.min(tb.right(b).cursor, tb.lineBounds(b.text, b.cursor).end);
      case 'w': return tb.wordEndAfter(b.text, b.cursor) === b.cursor ? b.cursor : nextWordStart(b.text, b.cursor);
      case 'b': return tb.wordStartBefore(b.text, b.cursor);
      case 'e': return Math.max(b.cursor, tb.wordEndAfter(b.text, b.cursor + 1) - 1);
      case '0': return tb.lineBounds(b.text, b.cursor).start;
      case '^': {
        const { start, end } = tb.lineBounds(b.text, b.cursor);
        const offset = b.text.slice(start, end).search(/\S/);
        return offset === -1 ? start : start + offset;
      }
      case '$': return tb.lineBounds(b.text, b.cursor).end;
      case 'j': return tb.down(b).cursor;
      case 'k': return tb.up(b).cursor;
      case 'G': return b.text.length;
      default: return undefined;
    }
  };

  const normal = (b: tb.TextBuffer, input: string, key: Key): EditResult | 'consumed' => {
    if (key.return) return { submit: true };
    if (key.escape) {
      pending = '';
      return 'consumed';
    }
    if (key.leftArrow || key.rightArrow || key.upArrow || key.downArrow) return undefined;
    const keys = pending + input;
    pending = '';
    if (keys === 'g') {
      pending = 'g';
      return 'consumed';
    }
    if (keys === 'gg') return { buffer: tb.bufferOf(b.text, 0) };
    if (keys === 'd' || keys === 'c' || keys === 'y') {
      pending = keys;
      return 'consumed';
    }
    if (keys === 'dd' || keys === 'cc') {
      const { from, to } = lineRange(b);
      return keys === 'dd' ? deleteRange(b, from, to) : deleteRange(b, tb.lineBounds(b.text, b.cursor).start, tb.lineBounds(b.text, b.cursor).end, true);
    }
    if (keys === 'yy') {
      const { start, end } = tb.lineBounds(b.text, b.cursor);
      register = `${b.text.slice(start, end)}\n`;
      return 'consumed';
    }
    if (/^[dcy][hlwbe0^$]$/.test(keys)) {
      const target = keys[1] === 'w' && keys[0] === 'c' ? tb.wordEndAfter(b.text, b.cursor) : motion(b, keys[1]!);
      if (target === undefined) return 'consumed';
      const to = keys[1] === 'e' ? target + 1 : target;
      if (keys[0] === 'y') {
        register = b.text.slice(Math.min(b.cursor, to), Math.max(b.cursor, to));
        return 'consumed';
      }
      return deleteRange(b, b.cursor, to, keys[0] === 'c');
    }
    if (keys === 'j') return { buffer: tb.down(b) };
    if (keys === 'k') return { buffer: tb.up(b) };
    const moved = motion(b, keys);
    if (moved !== undefined) return { buffer: tb.bufferOf(b.text, moved) };
    const { start, end } = tb.lineBounds(b.text, b.cursor);
    switch (keys) {
      case 'i': return insertAt(b, b.cursor);
      case 'a': return insertAt(b, Math.min(b.cursor + 1, end));
      case 'I': return insertAt(b, start);
      case 'A': return insertAt(b, end);
      case 'o': mode = 'insert'; return edit(b, tb.insert(tb.bufferOf(b.text, end), '\n'));
      case 'O': mode = 'insert'; return edit(b, { ...tb.insert(tb.bufferOf(b.text, start), '\n'), cursor: start });
      case 'x': return b.cursor < end ? deleteRange(b, b.cursor, b.cursor + 1) : 'consumed';
      case 'X': return b.cursor > start ? deleteRange(b, b.cursor - 1, b.cursor) : 'consumed';
      case 'D': return deleteRange(b, b.cursor, end);
      case 'C': return deleteRange(b, b.cursor, end, true);
      case 'p': return edit(b, tb.insert(tb.bufferOf(b.text, register.endsWith('\n') ? end : Math.min(b.cursor + 1, end)), register.endsWith('\n') ? `\n${register.slice(0, -1)}` : register));
      case 'P': return edit(b, tb.insert(tb.bufferOf(b.text, register.endsWith('\n') ? start : b.cursor), register));
      case 'u': {
        if (!undo) return 'consumed';
        const previous = undo;
        undo = undefined;
        return { buffer: previous };
      }
      default:
        // Unbound keys do nothing in normal mode: they never reach the text.
        return 'consumed';
    }
  };

  return {
    mode: () => mode,
    indicator: () => VIM_INDICATORS[mode],
    reset() {
      mode = 'insert';
      pending = '';
    },
    handle(b, input, key) {
      if (mode === 'insert') {
        if (!key.escape) return undefined;
        mode = 'normal';
        // As in vim, leaving insert mode steps back onto the last typed character.
        const { start } = tb.lineBounds(b.text, b.cursor);
        return { buffer: tb.bufferOf(b.text, Math.max(start, b.cursor - 1)) };
      }
      return normal(b, input, key);
    },
  };
}

function nextWordStart(text: string, index: number): number {
  let i = tb.wordEndAfter(text, index);
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}
