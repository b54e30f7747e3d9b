import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { currentVersion, type InstallLayout } from './layout.ts';
import { autoUpdatesSetting, updatesDisabledByEnv } from './settings.ts';
import { readSource, readState, writeState } from './state.ts';

/** At most one background check per this interval. */
export const CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;

export type BackgroundDecision = 'disabled-env' | 'disabled-setting' | 'not-native' | 'not-installed' | 'not-due' | 'started';

export interface BackgroundDeps {
  readonly layout: InstallLayout;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Home folder for the user settings file. */
  readonly home: string;
  readonly now: () => Date;
  /** Whether this is a native binary with an embedded release key. */
  readonly isNative: boolean;
  /** Starts `wren update --background` detached; the default spawns the running binary. */
  readonly startUpdate: (layout: InstallLayout) => void;
}

/**
 * Called at start-up; returns at once. Everything it does is a few small
 * synchronous file reads and, at most once a day, spawning a detached child
 * that does the network work: start-up never waits for the network, and the
 * session can exit while the child finishes. The check time is recorded before
 * the child starts, so a failing update is retried tomorrow, not on every run.
 */
export function maybeStartBackgroundCheck(deps: BackgroundDeps): BackgroundDecision {
  if (!deps.isNative) return 'not-native'; // npm and source builds update the way they were installed: no file is read
  if (updatesDisabledByEnv(deps.env)) return 'disabled-env';
  if (autoUpdatesSetting(deps.env, deps.home) === false) return 'disabled-setting';
  const { layout } = deps;
  try {
    if (!currentVersion(layout) || !readSource(layout.sourceFile)) return 'not-installed';
  } catch {
    return 'not-installed';
  }
  const state = readState(layout.stateFile);
  const now = deps.now();
  if (state.lastCheck && now.getTime() - Date.parse(state.lastCheck) < CHECK_INTERVAL_MS && Date.parse(state.lastCheck) <= now.getTime()) {
    return 'not-due';
  }
  writeState(layout.stateFile, { ...state, lastCheck: now.toISOString() });
  deps.startUpdate(layout);
  return 'started';
}

/** Spawns this binary as `update --background`, detached, output appended to update.log. */
export function spawnBackgroundUpdate(layout: InstallLayout): void {
  mkdirSync(layout.dataDir, { recursive: true });
  const log = openSync(join(layout.dataDir, 'update.log'), 'a', 0o644);
  try {
    const child = spawn(process.execPath, ['update', '--background'], { detached: true, stdio: ['ignore', log, log] });
    child.on('error', () => undefined); // a failed spawn must not crash the session that asked for it
    child.unref();
  } finally {
    closeSync(log);
  }
}
