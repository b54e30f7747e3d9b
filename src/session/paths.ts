import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where to find the config dir. Every field defaults to the real process, read at call time. */
export interface ConfigDirOptions {
  /** An explicit config dir; wins over everything else. */
  readonly configDir?: string;
  /** Environment to read `WREN_CONFIG_DIR` from. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Home folder for the default `~/.wren` and for a leading `~/` in the variable. @default os.homedir() */
  readonly home?: string;
}

/**
 * The config dir: `configDir` if given, else `WREN_CONFIG_DIR`, else `~/.wren`.
 * A relative `WREN_CONFIG_DIR` is taken from the home folder, not the cwd, so the
 * same shell setting names the same folder wherever wren starts.
 */
export function resolveConfigDir(options: ConfigDirOptions = {}): string {
  if (options.configDir !== undefined) return resolve(options.configDir);
  const home = options.home ?? homedir();
  const fromEnv = (options.env ?? process.env)['WREN_CONFIG_DIR'];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv === '~') return resolve(home);
    if (fromEnv.startsWith('~/')) return resolve(home, fromEnv.slice(2));
    return resolve(home, fromEnv);
  }
  return join(home, '.wren');
}

/** `<configDir>/projects`: one folder per working directory. */
export function projectsDir(configDir: string): string {
  return join(configDir, 'projects');
}

// Long enough to stay readable in `ls`, short enough that the folder name stays
// well under the 255-byte limit of common filesystems.
const MAX_READABLE_CHARS = 80;

/**
 * The folder name for a working directory: the path with every character outside
 * `[A-Za-z0-9]` turned into `-` (readable in `ls`), then a hash of the exact path.
 * The hash is there because sanitising alone collides (`/a/b-c` and `/a-b/c`) and
 * long paths must be cut; the transcript header still records the exact cwd, and
 * lookups check it.
 */
export function projectKey(cwd: string): string {
  const exact = resolve(cwd);
  const readable = exact.replace(/[^A-Za-z0-9]/g, '-').slice(0, MAX_READABLE_CHARS);
  const hash = createHash('sha256').update(exact).digest('hex').slice(0, 12);
  return `${readable}-${hash}`;
}

/** `<configDir>/projects/<projectKey(cwd)>`: where this folder's transcripts live. */
export function projectDir(configDir: string, cwd: string): string {
  return join(projectsDir(configDir), projectKey(cwd));
}

export const TRANSCRIPT_EXTENSION = '.jsonl';

/** The transcript file of a session. */
export function transcriptPath(configDir: string, cwd: string, sessionId: string): string {
  return join(projectDir(configDir, cwd), `${sessionId}${TRANSCRIPT_EXTENSION}`);
}
