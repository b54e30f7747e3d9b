import { spawn } from 'node:child_process';
import { lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to completion without blocking the event loop (servers in this process keep serving). */
export function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000, cwd?: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], ...(cwd ? { cwd } : {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The environment of a user with home `home`: nothing of ours leaks in (no WREN_* from the test run). */
export function userEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, TMPDIR: join(home, '..', 'tmp'), LANG: 'C', ...extra };
}

/** `curl -fsSL <base>/install.sh | sh -s -- <args>`, exactly as a user runs it. */
export function runInstaller(baseUrl: string, home: string, args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return run('sh', ['-c', 'curl -fsSL "$0/install.sh" | sh -s -- "$@"', baseUrl, ...args], userEnv(home, extraEnv), 120_000);
}

/**
 * Everything observable about a folder tree: each path's type, size, mode,
 * inode, mtime and link target. Equal snapshots mean nothing was created,
 * removed, replaced, rewritten or re-pointed.
 */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (path: string): void => {
    const st = lstatSync(path, { bigint: true });
    const rel = relative(dir, path) || '.';
    if (st.isSymbolicLink()) out[rel] = `link -> ${readlinkSync(path)}`;
    else if (st.isDirectory()) {
      out[rel] = `dir ${st.mode.toString(8)}`;
      for (const name of readdirSync(path).sort()) walk(join(path, name));
    } else out[rel] = `file ${st.size} ${st.mode.toString(8)} ino ${st.ino} mtime ${st.mtimeNs}`;
  };
  walk(dir);
  return out;
}
