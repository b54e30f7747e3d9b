import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** Whether bubblewrap can build this sandbox here, and where it is. */
export type Availability =
  | { readonly available: true; readonly bwrap: string }
  | { readonly available: false; readonly reason: string };

/**
 * Isolation every sandboxed command gets, whatever the settings:
 * - `--die-with-parent`: the sandbox dies with Wren (and with the bwrap
 *   process that a timeout or abort kills);
 * - `--new-session`: no controlling terminal, so no TIOCSTI keystroke injection;
 * - `--unshare-pid`: commands see only their own processes, and everything a
 *   command started dies when it ends (the namespace's init goes, so does the rest);
 * - `--unshare-ipc`, `--unshare-uts`: no shared SysV IPC, and a hostname or
 *   domainname written inside stays inside;
 * - `--cap-drop ALL`: run as root, bwrap would otherwise keep every
 *   capability, and `mount -o remount,rw` would undo the read-only binds.
 */
export const ISOLATION_ARGS: readonly string[] = [
  '--die-with-parent', '--new-session', '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--cap-drop', 'ALL',
];

/** Cuts the command off every network, the host's loopback included. */
export const NO_NETWORK_ARGS: readonly string[] = ['--unshare-net'];

/** What the probe and every command mount first: a read-only world with its own /dev and a read-only /proc. */
export const BASE_MOUNT_ARGS: readonly string[] = ['--ro-bind', '/', '/'];
export const SYSTEM_MOUNT_ARGS: readonly string[] = ['--dev', '/dev', '--proc', '/proc', '--remount-ro', '/proc'];

export interface ProbeOptions {
  /** An explicit bwrap binary; otherwise it is looked up on `pathEnv`. */
  readonly bwrapPath?: string;
  /** The PATH bwrap is looked up on. @default process.env.PATH */
  readonly pathEnv?: string;
  /** Probe with the network cut as well (settings `network: 'deny'`). */
  readonly network: 'allow' | 'deny';
}

const cache = new Map<string, Availability>();

/**
 * Whether this sandbox works here: bwrap is found and really builds it (a
 * container without user namespaces, or without the right to mount /proc,
 * has bwrap and still cannot). Runs bwrap once per binary and network mode,
 * then answers from memory.
 */
export function probeBubblewrap(options: ProbeOptions): Availability {
  const bwrap = options.bwrapPath ?? findOnPath('bwrap', options.pathEnv ?? process.env['PATH'] ?? '');
  if (process.platform !== 'linux') return { available: false, reason: `bubblewrap sandboxing is Linux-only (this is ${process.platform})` };
  if (!bwrap) return { available: false, reason: 'bubblewrap (bwrap) was not found on PATH' };
  const key = `${bwrap}\0${options.network}`;
  const known = cache.get(key);
  if (known) return known;
  const args = [
    ...BASE_MOUNT_ARGS, ...SYSTEM_MOUNT_ARGS, ...ISOLATION_ARGS,
    ...(options.network === 'deny' ? NO_NETWORK_ARGS : []),
    '--', 'true',
  ];
  const run = spawnSync(bwrap, args, { encoding: 'utf8', timeout: 10_000, env: { PATH: '/usr/local/bin:/usr/bin:/bin' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let result: Availability;
  if (run.error) result = { available: false, reason: `${bwrap} could not be run: ${run.error.message}` };
  else if (run.status !== 0) {
    const why = (run.stderr ?? '').trim().split('\n')[0] || `exit status ${String(run.status ?? run.signal)}`;
    result = { available: false, reason: `${bwrap} cannot create a sandbox here: ${why}` };
  } else result = { available: true, bwrap };
  cache.set(key, result);
  return result;
}

/** The first executable `name` on a PATH string. */
export function findOnPath(name: string, pathEnv: string): string | undefined {
  for (const dir of pathEnv.split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue; // a relative PATH entry would depend on the cwd: skip it
    const candidate = join(dir, name);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
