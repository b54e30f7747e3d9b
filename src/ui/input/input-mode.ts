import type { Key } from 'ink';
import type { EditResult } from './edit-keys.ts';
import type { TextBuffer } from './text-buffer.ts';

/**
 * A keymap layered over the prompt's default editing (vim keybindings are
 * one, gated by VIM_MODE). It sees each key first; `undefined` lets the
 * default editing handle it, `'consumed'` swallows it.
 */
export interface InputMode {
  handle(buffer: TextBuffer, input: string, key: Key): EditResult | 'consumed';
  /** Shown under the prompt (the vim mode), or nothing. */
  indicator(): string | undefined;
  /** Back to the initial state (after a submit). */
  reset(): void;
}
