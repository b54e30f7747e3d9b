import { createContext, useContext } from 'react';
import { createStyler, type Styler } from './markdown/ansi.ts';

/** Colours of the UI's roles; `undefined` means the terminal's default (always so without colour). */
export interface Theme {
  readonly color: boolean;
  readonly styler: Styler;
  readonly accent: string | undefined;
  readonly user: string | undefined;
  readonly success: string | undefined;
  readonly error: string | undefined;
  readonly warning: string | undefined;
  readonly muted: string | undefined;
  readonly permission: string | undefined;
}

/** Whether to colour: off with NO_COLOR (any non-empty value, no-color.org) or TERM=dumb. */
export function colorEnabled(env: Readonly<Record<string, string | undefined>>): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['TERM'] === 'dumb') return false;
  return true;
}

export function createTheme(color: boolean): Theme {
  const c = (name: string) => (color ? name : undefined);
  return {
    color,
    styler: createStyler(color),
    accent: c('cyan'),
    user: c('blue'),
    success: c('green'),
    error: c('red'),
    warning: c('yellow'),
    muted: c('gray'),
    permission: c('magenta'),
  };
}

export const ThemeContext = createContext<Theme>(createTheme(true));

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
