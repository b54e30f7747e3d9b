import { spawn } from 'node:child_process';
import { ReleaseError } from './errors.ts';

/** What a finished command printed. */
export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Throw a COMMAND_FAILED error on a non-zero exit. @default true */
  readonly check?: boolean;
}

/** Runs a program without a shell and collects its output. */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', (error) => reject(new ReleaseError('COMMAND_FAILED', `${command}: ${error.message}`, { cause: error })));
    child.on('close', (code) => {
      const result = { code: code ?? 1, stdout, stderr };
      if (result.code !== 0 && options.check !== false) {
        reject(new ReleaseError('COMMAND_FAILED', `\`${[command, ...args].join(' ')}\` exited with ${result.code}:\n${tail(stderr || stdout)}`));
      } else resolve(result);
    });
  });
}

/**
 * Runs npm: the same npm CLI that started us when run through `npm run`, on the
 * Node running this script (Node 24), otherwise `npm` from PATH.
 */
export function npm(args: readonly string[], options: RunOptions): Promise<CommandResult> {
  const cli = process.env.npm_execpath;
  if (cli && /npm-cli\.c?js$/.test(cli)) return run(process.execPath, [cli, ...args], options);
  return run('npm', args, options);
}

/** Parses npm's `--json` output (npm prints warnings on stderr, JSON on stdout). */
export function npmJson<T>(result: CommandResult, what: string): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new ReleaseError('COMMAND_FAILED', `${what}: npm did not print JSON:\n${tail(result.stdout || result.stderr)}`);
  }
}

/** The last lines of some output, for an error message. */
export function tail(text: string, lines = 20): string {
  return text.trim().split('\n').filter((l) => !/Unknown (?:user|project) config/.test(l)).slice(-lines).join('\n');
}
