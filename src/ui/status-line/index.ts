import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * STATUSLINE's gated module: the user's status-line command, run with the
 * session state as JSON on stdin, shown under the prompt. Reached only through
 * `if (feature('STATUSLINE')) await import(...)`; nothing runs at load.
 *
 * The component is loaded on demand (`loadStatusLine`), so reading this
 * module's `featureModule` (`wren flags`) does not load React.
 */
export const featureModule: FeatureModule = {
  flag: 'STATUSLINE',
  status: 'ready',
  provides: ['statusLine'],
};

/** The status-line component (React). */
export async function loadStatusLine(): Promise<typeof import('./StatusLine.tsx').StatusLine> {
  return (await import('./StatusLine.tsx')).StatusLine;
}

export { runStatusCommand, statusLineInput, STATUS_TIMEOUT_MS, type StatusLineInput } from './status-command.ts';
