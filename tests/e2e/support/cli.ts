import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built public CLI: end-to-end tests run the artifact, never the source. */
export const EXTERNAL_CLI = fileURLToPath(new URL('../../../dist/external/cli.js', import.meta.url));

/** A built artifact the end-to-end suites run: the npm build, or the native binary. */
export interface E2eArtifact {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
}

const NATIVE_BINARY = fileURLToPath(new URL(`../../../dist/bin/${process.platform}-${process.arch}/wren`, import.meta.url));

/** The npm build always; the native binary when `npm run build` made one for this platform. */
export const E2E_ARTIFACTS: readonly E2eArtifact[] = [
  { name: 'npm build', command: process.execPath, args: [EXTERNAL_CLI] },
  ...(existsSync(NATIVE_BINARY) ? [{ name: 'native binary', command: NATIVE_BINARY, args: [] }] : []),
];

let current: E2eArtifact = E2E_ARTIFACTS[0]!;

/** Which artifact spawnCli/runCli run from now on (set in a suite's beforeAll). */
export function useArtifact(artifact: E2eArtifact): void {
  current = artifact;
}

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdin?: string;
  readonly timeoutMs?: number;
}

/**
 * An environment cut off from the machine's: its own HOME and config dir
 * under `dir`, no ANTHROPIC_* or WREN_* from the outside, plus `extra`.
 */
export function isolatedEnv(dir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(ANTHROPIC_|WREN_|CLAUDE)/.test(name)) env[name] = value;
  }
  const home = join(dir, '.home');
  mkdirSync(home, { recursive: true });
  return { ...env, HOME: home, WREN_CONFIG_DIR: join(home, '.wren'), WREN_MANAGED_SETTINGS_PATH: join(home, 'managed-settings.json'), ...extra };
}

/** Starts the built CLI; the caller may signal it. */
export function spawnCli(args: readonly string[], options: CliOptions): ChildProcess {
  const child = spawn(current.command, [...current.args, ...args], { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
  if (options.stdin !== undefined) child.stdin!.end(options.stdin);
  else child.stdin!.end();
  return child;
}

/** Waits for a spawned CLI to exit and collects its output. */
export function collect(child: ChildProcess, timeoutMs = 30_000): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the CLI did not exit within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export function runCli(args: readonly string[], options: CliOptions): Promise<CliRun> {
  return collect(spawnCli(args, options), options.timeoutMs);
}
