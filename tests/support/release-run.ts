import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program (no shell) and collects its output; never rejects on a non-zero exit. */
export function runProgram(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** Runs a repository script on the Node running the tests (Node 24). */
export function runScript(script: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Ran> {
  return runProgram(process.execPath, [`${ROOT}/${script}`, ...args], options);
}

/** Runs npm from PATH on Node 24 (node_modules/.bin first, so `#!/usr/bin/env node` finds it). */
export function runNpm(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Ran> {
  const env = options.env ?? process.env;
  const path = `${process.execPath.replace(/\/[^/]+$/, '')}:${ROOT}/node_modules/.bin:${env.PATH ?? ''}`;
  return runProgram('npm', args, { ...options, env: { ...env, PATH: path } });
}
