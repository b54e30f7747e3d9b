import { resolveConfigDir as resolveSessionConfigDir } from '../session/index.ts';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where managed (administrator) settings live unless a test or packager says otherwise. */
export const DEFAULT_MANAGED_SETTINGS_PATH = '/etc/wren/managed-settings.json';

/**
 * The user config dir: `$WREN_CONFIG_DIR`, else `~/.wren`. Read from the real
 * process environment only, before any settings or project file is looked at:
 * nothing a repository holds (`.env`, settings `env`) can move it.
 */
export function resolveConfigDir(env: Readonly<Record<string, string | undefined>> = process.env, home: string = homedir()): string {
  // One rule for every subsystem (the transcripts live there too): see session/paths.ts.
  return resolveSessionConfigDir({ env, home });
}

/** Files in the user config dir. */
export function userPaths(configDir: string): { readonly settings: string; readonly trustStore: string } {
  return { settings: join(configDir, 'settings.json'), trustStore: join(configDir, 'trusted-folders.json') };
}

/** Files a project holds, all of which take effect only once the folder is trusted. */
export function projectPaths(root: string): {
  readonly project: string;
  readonly local: string;
  readonly mcp: string;
  readonly dotenv: string;
} {
  return {
    project: join(root, '.wren', 'settings.json'),
    local: join(root, '.wren', 'settings.local.json'),
    mcp: join(root, '.mcp.json'),
    dotenv: join(root, '.env'),
  };
}
