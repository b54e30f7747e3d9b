import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CHANNELS, type Channel } from './release-format.ts';
import { isVersion } from './version.ts';

/** `update-state.json`: the updater's memory between runs. */
export interface UpdateState {
  /** ISO time of the last background check that was started. */
  readonly lastCheck?: string;
  /** The version a `wren rollback` left; background updates skip it until a newer one ships. */
  readonly rolledBackFrom?: string;
}

/** `install.json`, written by the installer: where updates come from. */
export interface InstallSource {
  readonly baseUrl: string;
  readonly channel: Channel;
}

export function readState(file: string): UpdateState {
  const raw = readJson(file);
  return {
    ...(typeof raw['lastCheck'] === 'string' && !Number.isNaN(Date.parse(raw['lastCheck'])) ? { lastCheck: raw['lastCheck'] } : {}),
    ...(typeof raw['rolledBackFrom'] === 'string' && isVersion(raw['rolledBackFrom']) ? { rolledBackFrom: raw['rolledBackFrom'] } : {}),
  };
}

export function writeState(file: string, state: UpdateState): void {
  writeAtomic(file, `${JSON.stringify(state, null, 2)}\n`);
}

/** The recorded source, or undefined when the installer wrote none (a binary copied by hand). */
export function readSource(file: string): InstallSource | undefined {
  const raw = readJson(file);
  const channel = (CHANNELS as readonly unknown[]).includes(raw['channel']) ? (raw['channel'] as Channel) : 'stable';
  return typeof raw['baseUrl'] === 'string' && raw['baseUrl'] ? { baseUrl: raw['baseUrl'], channel } : undefined;
}

export function writeSource(file: string, source: InstallSource): void {
  writeAtomic(file, `${JSON.stringify(source, null, 2)}\n`);
}

/** Writes through a temp file in the same folder and a rename, so a reader never sees half a file. */
export function writeAtomic(file: string, data: string | Uint8Array): void {
  const temp = join(dirname(file), `.${randomBytes(6).toString('hex')}.tmp`);
  writeFileSync(temp, data, { mode: 0o644 });
  try {
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

function readJson(file: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {}; // missing or unreadable state is the same as no state: the next write repairs it
  }
}
