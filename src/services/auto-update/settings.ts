import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The environment variable that turns every update off, background and explicit (for managed machines). */
export const DISABLE_ENV = 'DISABLE_AUTOUPDATER';

/** Whether `DISABLE_AUTOUPDATER` is set to a true-ish value ("1", "true", "yes"; "0"/"false"/empty do not count). */
export function updatesDisabledByEnv(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env[DISABLE_ENV]?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false' && value !== 'no';
}

/**
 * The user setting `autoUpdates` (`false` stops the background check; an
 * explicit `wren update` still works). Read from the user settings file
 * (`$WREN_CONFIG_DIR/settings.json`, default `~/.wren/settings.json`) until
 * the config subsystem can hand the merged value in.
 */
export function autoUpdatesSetting(env: Readonly<Record<string, string | undefined>>, home: string = homedir()): boolean | undefined {
  const fromEnv = env['WREN_CONFIG_DIR'];
  const configDir = fromEnv ? resolve(home, fromEnv.startsWith('~/') ? fromEnv.slice(2) : fromEnv) : join(home, '.wren');
  try {
    const settings: unknown = JSON.parse(readFileSync(join(configDir, 'settings.json'), 'utf8'));
    const value = (settings as { autoUpdates?: unknown } | null)?.autoUpdates;
    return typeof value === 'boolean' ? value : undefined;
  } catch {
    return undefined;
  }
}
