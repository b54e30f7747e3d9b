import { execFileSync } from 'node:child_process';
import { homedir } from 'node:os';
import { Option, type Command } from 'commander';
import { buildInfo } from '../../build-info/index.ts';
import { maybeStartBackgroundCheck, spawnBackgroundUpdate, type BackgroundDecision } from './background.ts';
import { isUpdateError, UpdateError } from './errors.ts';
import { installLayout } from './layout.ts';
import { CHANNELS, type Channel } from './release-format.ts';
import { embeddedReleaseKey, runningPlatform } from './release-key.ts';
import { rollback } from './rollback.ts';
import { DISABLE_ENV, updatesDisabledByEnv } from './settings.ts';
import { parsePublicKey } from './signature.ts';
import { update, type UpdaterDeps } from './updater.ts';

/** The process-facing pieces the commands use. @default the real process */
export interface CommandIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
}

function realIo(): CommandIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, home: homedir() };
}

/** The real updater: the embedded key, global fetch, the running binary's version and platform. */
export function defaultUpdaterDeps(io: CommandIo): UpdaterDeps {
  const pem = embeddedReleaseKey();
  const platform = runningPlatform();
  if (!pem || !platform) {
    throw new UpdateError('not-native', 'self-update works only in the native Wren binary; this copy came from npm or a source build: update it the way you installed it');
  }
  return {
    layout: installLayout(io.home),
    publicKey: parsePublicKey(pem),
    runningVersion: buildInfo().version,
    platform,
    fetch: (url, init) => fetch(url, init),
    now: () => new Date(),
    keep: 3,
    smokeTest: (binary) => execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] }),
  };
}

/**
 * Adds `wren update [--channel]` and `wren rollback [version]` to the program.
 * Each sets the exit code through `setCode`: 0 done (or nothing to do), 1 refused.
 */
export function registerUpdateCommands(program: Command, setCode: (code: number) => void, io: CommandIo = realIo()): void {
  program
    .command('update')
    .description('update this Wren binary from its signed release channel')
    .addOption(new Option('--channel <channel>', 'follow this channel from now on').choices(CHANNELS))
    .addOption(new Option('--background', 'run as the daily background check (quiet; skips a version you rolled back from)').hideHelp())
    .action(async (options: { channel?: Channel; background?: boolean }) => {
      setCode(await runUpdate(io, options));
    });
  program
    .command('rollback')
    .argument('[version]', 'an installed version (default: the newest one older than the current)')
    .description('switch back to a previously installed version, re-verifying it first')
    .action(async (version: string | undefined) => {
      setCode(await runRollback(io, version));
    });
}

async function runUpdate(io: CommandIo, options: { channel?: Channel; background?: boolean }): Promise<number> {
  return report(io, async () => {
    if (updatesDisabledByEnv(io.env)) throw new UpdateError('disabled', `updates are turned off by ${DISABLE_ENV}=${io.env[DISABLE_ENV]}`);
    const result = await update(defaultUpdaterDeps(io), {
      ...(options.channel ? { channel: options.channel } : {}),
      ...(options.background ? { background: true } : {}),
    });
    const at = options.background ? `[${new Date().toISOString()}] ` : '';
    if (result.status === 'updated') {
      io.stdout.write(`${at}updated Wren ${result.from} -> ${result.to} (${result.channel})${result.pruned.length ? `; removed old ${result.pruned.join(', ')}` : ''}\n`);
    } else if (result.status === 'up-to-date') {
      io.stdout.write(`${at}Wren ${result.version} is up to date (${result.channel})\n`);
    } else {
      io.stdout.write(`${at}skipped ${result.version}: ${result.reason}\n`);
    }
  }, options.background === true);
}

async function runRollback(io: CommandIo, version: string | undefined): Promise<number> {
  return report(io, async () => {
    const result = await rollback(defaultUpdaterDeps(io), version);
    io.stdout.write(`rolled Wren back ${result.from} -> ${result.to}; background updates will skip ${result.from}\n`);
  }, false);
}

/** Turns refusals into one clear line and exit 1; anything else is a bug and propagates. */
async function report(io: CommandIo, run: () => Promise<void>, background: boolean): Promise<number> {
  try {
    await run();
    return 0;
  } catch (error) {
    if (!isUpdateError(error)) throw error;
    const at = background ? `[${new Date().toISOString()}] ` : '';
    io.stderr.write(`${at}wren: ${error.message} [${error.code}]\n`);
    return 1;
  }
}

/** The start-up hook: decides in a few file reads whether to start the daily detached check. */
export function startBackgroundUpdateCheck(io: CommandIo = realIo()): BackgroundDecision {
  const pem = embeddedReleaseKey();
  return maybeStartBackgroundCheck({
    layout: installLayout(io.home),
    env: io.env,
    home: io.home,
    now: () => new Date(),
    isNative: pem !== undefined && runningPlatform() !== undefined,
    startUpdate: spawnBackgroundUpdate,
  });
}
