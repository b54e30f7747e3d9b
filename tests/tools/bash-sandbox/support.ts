import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, onTestFinished } from 'vitest';
import { createBashTool, type BashResult, type BashSandboxSettings } from '../../../src/tools/bash/index.ts';
import { createBashSandbox, probeBubblewrap, type BashSandbox } from '../../../src/tools/bash-sandbox/index.ts';
import type { ToolErrorValue } from '../../../src/tools/tool.ts';
import { testdir, type Tree } from '../../support/testdir.ts';
import { makeSession, runTool, type TestSession } from '../shell-web-support.ts';

const availability = probeBubblewrap({ network: 'allow' });

/**
 * `describe` when bubblewrap works here, else a skipped block that says why.
 * CI installs it (`apt-get install -y bubblewrap`).
 */
export const describeWithBwrap = describe.skipIf(!availability.available);
if (!availability.available) {
  console.warn(`[bash-sandbox] SKIPPING the real-sandbox tests: ${availability.reason}. Install bubblewrap (apt-get install -y bubblewrap) to run them.`);
}

/** A project folder (real path), a config dir beside it, a sandbox over both, and a Bash tool using it. */
export interface SandboxFixture {
  readonly root: string;
  readonly configDir: string;
  readonly sandbox: BashSandbox;
  readonly session: TestSession;
  /** Runs one command through the sandboxed Bash tool, in the session (cwd persists). */
  run(command: string, extra?: { timeout?: number; signal?: AbortSignal }): Promise<BashResult | ToolErrorValue>;
}

export function sandboxFixture(tree: Tree = {}, settings: Omit<BashSandboxSettings, 'workingDirectories' | 'configDir'> & {
  extraDirs?: readonly string[];
  configDir?: string;
  /** The commands' environment. @default process.env */
  env?: Record<string, string | undefined>;
} = {}): SandboxFixture {
  const root = realpathSync(testdir(tree));
  const configDir = settings.configDir ?? join(realpathSync(testdir()), 'wren-config');
  const { extraDirs, env, ...rest } = settings;
  const sandbox = createBashSandbox({ ...rest, configDir, workingDirectories: [root, ...(extraDirs ?? [])] });
  onTestFinished(() => sandbox.shutdown());
  const tool = createBashTool({ launcher: sandbox.launcher, killGraceMs: 300, progressIntervalMs: 50 });
  const session = makeSession(root, env ? { env } : {});
  return {
    root, configDir, sandbox, session,
    async run(command, extra = {}) {
      const ctx = extra.signal ? { ...session.ctx, signal: extra.signal, cwd: session.ctx.cwd, setCwd: session.ctx.setCwd } : session.ctx;
      return (await runTool(tool, { command, ...(extra.timeout ? { timeout: extra.timeout } : {}) }, ctx)).output;
    },
  };
}

/**
 * A writable folder that is neither under /tmp (which the sandbox replaces)
 * nor in a project: inside the repository's git-ignored node_modules/.cache.
 */
export function outsideDir(): string {
  const base = fileURLToPath(new URL('../../../node_modules/.cache/wren-sandbox-tests/', import.meta.url));
  mkdirSync(base, { recursive: true });
  const dir = realpathSync(mkdtempSync(join(base, 'outside-')));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Pids of running processes whose whole command line is `cmdline`, arguments joined by spaces (Linux /proc). */
export function processesRunning(cmdline: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0$/, '').replaceAll('\0', ' ');
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
      if (args === cmdline && state !== 'Z' && state !== 'X') found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}
