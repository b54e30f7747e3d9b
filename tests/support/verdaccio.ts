import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** A running local registry and what npm needs to publish to it. */
export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  /** An npm userconfig holding a publish token for this registry only. */
  readonly userconfig: string;
  /** `process.env` plus that userconfig, for npm child processes. */
  readonly env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

const SERVER = fileURLToPath(new URL('./verdaccio-server.ts', import.meta.url));

/** Starts Verdaccio on loopback in its own process, with a fresh storage and one user. */
export async function startVerdaccio(): Promise<LocalRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'wren-verdaccio-'));
  const child = spawn(process.execPath, [SERVER, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { port?: number };
        if (parsed.port) resolve(parsed.port);
      } catch { /* a log line */ }
    });
    child.on('exit', (code) => reject(new Error(`verdaccio exited (${code}) before listening:\n${stderr}`)));
  });
  const url = `http://127.0.0.1:${port}/`;
  const response = await fetch(`${url}-/user/org.couchdb.user:release-test`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'release-test', password: `pw-${process.pid}-${Date.now()}` }),
  });
  const { token } = (await response.json()) as { token?: string };
  if (!token) throw new Error(`verdaccio returned no token (${response.status})`);
  const userconfig = join(dir, 'npmrc');
  writeFileSync(userconfig, `//127.0.0.1:${port}/:_authToken=${token}\n`);
  return {
    url,
    userconfig,
    env: { ...process.env, npm_config_userconfig: userconfig, NPM_CONFIG_USERCONFIG: userconfig },
    stop: () => stop(child, dir),
  };
}

async function stop(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
}
