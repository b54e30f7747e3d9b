import { PermissionEngine, type BashAnalyser } from '../permissions/index.ts';
import type { LoadedSettings } from './load-settings.ts';

/**
 * The session's permission engine from loaded settings: every layer's rules,
 * the starting mode (already checked against managed settings), the working
 * directories, and Wren's own config files protected.
 */
export function createPermissionEngine(loaded: LoadedSettings, options: { readonly bash?: BashAnalyser; readonly home?: string } = {}): PermissionEngine {
  return new PermissionEngine({
    cwd: loaded.projectRoot,
    additionalDirectories: loaded.settings.permissions.additionalDirectories,
    mode: loaded.settings.permissions.defaultMode,
    rules: loaded.rules,
    bypassDisabled: loaded.settings.permissions.disableBypassPermissionsMode,
    protectedLocations: { configDir: loaded.configDir, managedSettingsPath: loaded.managedPath },
    ...(options.bash ? { bash: options.bash } : {}),
    ...(options.home ? { home: options.home } : {}),
  });
}
