/**
 * One thing wrong with a settings source, located precisely enough to fix:
 * `file: path.to.key: message`. Errors make the whole file be skipped; warnings
 * (an unknown key, a setting a project may not set) leave the rest applied.
 */
export interface SettingsProblem {
  /** The file (or flag, e.g. `--allowedTools`) the problem is in. */
  readonly file: string;
  /** Dotted key path with array indexes (`permissions.allow[2]`); empty for the whole file. */
  readonly keyPath: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** `file: key.path: message`, the one way problems are printed. */
export function formatProblem(problem: SettingsProblem): string {
  const where = problem.keyPath === '' ? problem.file : `${problem.file}: ${problem.keyPath}`;
  return `${where}: ${problem.severity === 'warning' ? 'warning: ' : ''}${problem.message}`;
}

/** `['permissions', 'allow', 2]` -> `permissions.allow[2]`. */
export function keyPathOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** Library errors carry a stable code; the CLI layer turns them into messages and exit codes. */
export class ConfigError extends Error {
  readonly code: 'TRUST_TOO_BROAD' | 'NOT_A_DIRECTORY' | 'TRUST_STORE_UNWRITABLE';
  constructor(code: ConfigError['code'], message: string) {
    super(message);
    this.name = 'ConfigError';
    this.code = code;
  }
}
