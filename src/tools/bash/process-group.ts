import { readdirSync, readFileSync } from 'node:fs';

/**
 * Killing a command means killing everything it started. Commands are spawned
 * as leaders of their own process group (`detached`), so one signal to the
 * negative pid reaches the shell, its children and their children.
 */
export interface KillGroupOptions {
  /** How long processes get to exit on SIGTERM before SIGKILL. @default 2000 */
  readonly graceMs?: number;
  /** How often the group is checked while waiting. @default 20 */
  readonly pollMs?: number;
}

/**
 * Sends SIGTERM to the group, waits up to the grace period for every member to
 * exit, then SIGKILLs what is left. Resolves once no live member remains (or
 * after SIGKILL, which cannot be refused).
 */
export async function killProcessGroup(pgid: number, options: KillGroupOptions = {}): Promise<void> {
  const graceMs = options.graceMs ?? 2000;
  const pollMs = options.pollMs ?? 20;
  if (!signalGroup(pgid, 'SIGTERM')) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isGroupAlive(pgid)) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  signalGroup(pgid, 'SIGKILL');
  // SIGKILL is delivered by the kernel; give it a moment to take effect so callers see the group gone.
  for (let i = 0; i < 50 && isGroupAlive(pgid); i++) await new Promise((resolve) => setTimeout(resolve, pollMs));
}

/** Sends a signal to a whole group; false when the group no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether any process of the group is still running. A zombie does not count:
 * where nothing reaps orphans promptly (a container whose pid 1 is not an init),
 * killed grandchildren linger as zombies and `kill(-pgid, 0)` still succeeds.
 * On Linux /proc tells running from dead; elsewhere the signal probe is all we have.
 */
export function isGroupAlive(pgid: number): boolean {
  if (process.platform === 'linux') {
    const members = linuxGroupStates(pgid);
    if (members) return members.some((state) => state !== 'Z' && state !== 'X');
  }
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** States of the processes in a group, read from /proc; undefined when /proc cannot be read. */
function linuxGroupStates(pgid: number): string[] | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const states: string[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(Number(entry));
    if (stat && stat.pgrp === pgid) states.push(stat.state);
  }
  return states;
}

/** State and process group of one process from /proc/<pid>/stat; undefined when it is gone. */
export function procStat(pid: number): { readonly state: string; readonly pgrp: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name may hold spaces and parentheses: fields start after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '', pgrp: Number(fields[2]) };
}
