/*
 * SGR styling for text the UI renders itself (markdown, code, diffs). Colour is
 * a choice made once per session (NO_COLOR, a dumb terminal); text attributes
 * (bold, dim, italic...) are not colour and stay when colour is off.
 */

/** Foreground colours the UI uses, as SGR codes. */
const COLORS = {
  black: 30, red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, white: 37, gray: 90,
  redBright: 91, greenBright: 92, yellowBright: 93, blueBright: 94, magentaBright: 95, cyanBright: 96,
} as const;

export type ColorName = keyof typeof COLORS;

/** Styles a string; each method closes only what it opened, so styles nest. */
export interface Styler {
  readonly color: boolean;
  bold(text: string): string;
  dim(text: string): string;
  italic(text: string): string;
  underline(text: string): string;
  strike(text: string): string;
  inverse(text: string): string;
  fg(color: ColorName, text: string): string;
  /** Background for diff lines: green or red; plain text when colour is off. */
  bg(color: 'green' | 'red', text: string): string;
}

const sgr = (open: number, close: number) => (text: string) => (text === '' ? '' : `\x1b[${open}m${text}\x1b[${close}m`);

export function createStyler(color: boolean): Styler {
  return {
    color,
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    italic: sgr(3, 23),
    underline: sgr(4, 24),
    strike: sgr(9, 29),
    inverse: sgr(7, 27),
    fg: (name, text) => (color ? sgr(COLORS[name], 39)(text) : text),
    bg: (name, text) => (color ? sgr(name === 'green' ? 42 : 41, 49)(text) : text),
  };
}

// Control sequences (CSI, OSC) that strings from tools or the model may carry.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]|[\x00-\x08\x0b-\x1f\x7f]/g;

/**
 * Removes terminal control sequences from untrusted text (model output, tool
 * output, file names) before it is shown: a tool's output must not be able to
 * move the cursor, retitle the window or fake a dialog. Tabs become spaces.
 */
export function sanitize(text: string): string {
  return text.replace(/\t/g, '  ').replace(/\r\n/g, '\n').replace(ESCAPES, '');
}

/** Like `sanitize`, but keeps colours (SGR), for output the user asked to see styled (their status line). */
export function sanitizeKeepColors(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\t/g, '  ').replace(/\x1b\[[0-9;]*m|\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]|[\x00-\x08\x0a-\x1f\x7f]/g, (m) => (/^\x1b\[[0-9;]*m$/.test(m) ? m : ''));
}

/** Removes SGR styling (for measuring and for tests). */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}
