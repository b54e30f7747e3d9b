import type { Key } from 'ink';
import { describe, expect, test } from 'vitest';
import { editKey } from '../../src/ui/input/edit-keys.ts';
import * as tb from '../../src/ui/input/text-buffer.ts';

const key = (k: Partial<Key> = {}): Key => ({
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false, ...k,
});

describe('text buffer', () => {
  test('insert, backspace and delete around the cursor (surrogate pairs as one character)', () => {
    let b = tb.insert(tb.EMPTY_BUFFER, 'ab😀');
    b = tb.backspace(b);
    expect(b).toEqual({ text: 'ab', cursor: 2 });
    b = tb.left(b);
    b = tb.deleteForward(b);
    expect(b).toEqual({ text: 'a', cursor: 1 });
  });

  test('up and down keep the goal column across a shorter line', () => {
    let b = tb.bufferOf('long line\nab\nlong line', 7);
    b = tb.down(b);
    expect(b.cursor).toBe('long line\nab'.length);
    b = tb.down(b);
    expect(b.cursor).toBe('long line\nab\nlong li'.length);
  });

  test('word motions and kills', () => {
    const b = tb.bufferOf('git commit --amend', 18);
    expect(tb.deleteWordBefore(b).text).toBe('git commit --');
    expect(tb.wordLeft(b).cursor).toBe(13);
    expect(tb.killToLineStart(tb.bufferOf('a\nbcd', 4)).text).toBe('a\nd');
    expect(tb.killToLineEnd(tb.bufferOf('abc\nd', 1)).text).toBe('a\nd');
  });
});

describe('editing keys', () => {
  test('Enter sends; a trailing backslash, Alt-Enter and Ctrl-J make a new line', () => {
    expect(editKey(tb.bufferOf('hi'), '', key({ return: true }))).toEqual({ submit: true });
    expect(editKey(tb.bufferOf('hi\\'), '', key({ return: true }))).toEqual({ buffer: { text: 'hi\n', cursor: 3 } });
    expect(editKey(tb.bufferOf('hi'), '', key({ return: true, meta: true }))).toEqual({ buffer: { text: 'hi\n', cursor: 3 } });
    expect(editKey(tb.bufferOf('hi'), '\n', key())).toEqual({ buffer: { text: 'hi\n', cursor: 3 } });
  });

  test('readline control keys', () => {
    const b = tb.bufferOf('one two', 7);
    expect(editKey(b, 'a', key({ ctrl: true }))).toEqual({ buffer: { text: 'one two', cursor: 0 } });
    expect(editKey(b, 'w', key({ ctrl: true }))).toEqual({ buffer: { text: 'one ', cursor: 4 } });
    expect(editKey(b, 'b', key({ meta: true }))).toEqual({ buffer: { text: 'one two', cursor: 4 } });
    expect(editKey(b, 'x', key({ ctrl: true }))).toBeUndefined();
  });

  test('typed text is inserted, CR as a new line', () => {
    expect(editKey(tb.bufferOf('a'), 'b\rc', key())).toEqual({ buffer: { text: 'ab\nc', cursor: 4 } });
  });
});
