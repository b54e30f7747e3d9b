import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TargetName } from '../../../../flags/types.ts';
import { productionBinary, ROOT } from './binaries.ts';
import { run, type RunResult } from './run.ts';

/**
 * An artifact the end-to-end suite runs: the npm build and the native binary
 * must behave the same, so every e2e case runs once per artifact.
 */
export interface Artifact {
  readonly name: string;
  /** The flag profile it was built with: `wren flags` must list exactly its on flags. */
  readonly profile: TargetName;
  /** Builds or locates the artifact (the binary is built once and cached). */
  prepare(): Promise<void>;
  /** Runs it with `args`; `env` defaults to the test process's environment, `cwd` to the test's. */
  run(args: readonly string[], env?: NodeJS.ProcessEnv, cwd?: string): Promise<RunResult>;
}

export const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const npm: Artifact = {
  name: 'npm build (node dist/external/cli.js)',
  profile: 'external',
  prepare: async () => undefined,
  run: (args, env = process.env, cwd) => run(process.execPath, [join(ROOT, 'dist', 'external', 'cli.js'), ...args], env, 60_000, cwd),
};

let binaryPath: string | undefined;
const binary: Artifact = {
  name: 'native binary (dist/bin/<platform>/wren)',
  profile: 'native',
  async prepare() {
    binaryPath ??= (await productionBinary()).path;
  },
  run(args, env = process.env, cwd) {
    if (!binaryPath) throw new Error('call prepare() first');
    return run(binaryPath, args, env, 60_000, cwd);
  },
};

export const ARTIFACTS: readonly Artifact[] = [npm, binary];
