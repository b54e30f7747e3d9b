/*
 * Getting the user's attention when Wren waits for them and they are looking
 * elsewhere: OSC 9 (a desktop notification) on terminals known to show it,
 * the bell elsewhere (tmux marks the window, most terminals flash or badge).
 * Focus reporting (DEC 1004) says whether the terminal is focused; without
 * any report, only a long turn notifies.
 */

/** Focus-reporting mode on / off (the terminal then sends ESC [ I and ESC [ O). */
export const FOCUS_REPORTING_ON = '\x1b[?1004h';
export const FOCUS_REPORTING_OFF = '\x1b[?1004l';

const OSC9_TERMINALS = new Set(['iTerm.app', 'WezTerm', 'ghostty', 'vscode']);

/** The bytes that notify with `message` on this terminal. */
export function attentionSequence(env: Readonly<Record<string, string | undefined>>, message: string): string {
  const inTmux = env['TMUX'] !== undefined && env['TMUX'] !== '';
  const osc9 = !inTmux && (OSC9_TERMINALS.has(env['TERM_PROGRAM'] ?? '') || env['TERM'] === 'xterm-kitty' || env['WT_SESSION'] !== undefined);
  // The message is ours, but keep it free of control characters all the same.
  const text = message.replace(/[\x00-\x1f\x7f]/g, ' ');
  return osc9 ? `\x1b]9;${text}\x07` : '\x07';
}

export type FocusState = 'focused' | 'unfocused' | 'unknown';

export interface AttentionPolicy {
  readonly focus: FocusState;
  /** How long the turn took (0 for a question). */
  readonly turnMs: number;
  readonly reason: 'turn_done' | 'input_needed';
  /** A turn at least this long notifies when focus is unknown. */
  readonly longTurnMs: number;
}

/** Whether to notify: never when focused; when unfocused always; when unknown, only after a long turn. */
export function shouldNotify(p: AttentionPolicy): boolean {
  if (p.focus === 'focused') return false;
  if (p.focus === 'unfocused') return p.reason === 'input_needed' || p.turnMs >= Math.min(p.longTurnMs, 3000);
  return p.reason === 'turn_done' && p.turnMs >= p.longTurnMs;
}
