import { lstatSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { UpdateError } from './errors.ts';
import { compareVersions, isVersion } from './version.ts';

/**
 * Where a native install lives. scripts/install.sh uses the same layout and
 * the same lock, so the installer and the updater exclude each other.
 *
 *   ~/.local/share/wren/versions/<v>        one verified binary per version
 *   ~/.local/share/wren/manifests/<v>.json  its signed manifest (+ .sig), re-checked on rollback
 *   ~/.local/share/wren/install.json        where updates come from: { baseUrl, channel }
 *   ~/.local/share/wren/update-state.json   last background check, version rolled back from
 *   ~/.local/share/wren/.lock/              held by whoever is installing
 *   ~/.local/bin/wren -> ../share/wren/versions/<v>   switched by an atomic rename
 */
export interface InstallLayout {
  readonly dataDir: string;
  readonly versionsDir: string;
  readonly manifestsDir: string;
  readonly binLink: string;
  readonly lockDir: string;
  readonly stateFile: string;
  readonly sourceFile: string;
}

/** The layout under a home folder. @default os.homedir() */
export function installLayout(home: string = homedir()): InstallLayout {
  const dataDir = join(home, '.local', 'share', 'wren');
  return {
    dataDir,
    versionsDir: join(dataDir, 'versions'),
    manifestsDir: join(dataDir, 'manifests'),
    binLink: join(home, '.local', 'bin', 'wren'),
    lockDir: join(dataDir, '.lock'),
    stateFile: join(dataDir, 'update-state.json'),
    sourceFile: join(dataDir, 'install.json'),
  };
}

/** The version `~/.local/bin/wren` points at, or undefined when nothing is installed there. */
export function currentVersion(layout: InstallLayout): string | undefined {
  let target: string;
  try {
    if (!lstatSync(layout.binLink).isSymbolicLink()) {
      throw new UpdateError('not-installed', `${layout.binLink} is not a link made by the installer: remove it or reinstall with install.sh`);
    }
    target = readlinkSync(layout.binLink);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const abs = resolve(dirname(layout.binLink), target);
  const version = basename(abs);
  if (dirname(abs) !== layout.versionsDir || !isVersion(version)) {
    throw new UpdateError('not-installed', `${layout.binLink} points at ${abs}, not into ${layout.versionsDir}: reinstall with install.sh`);
  }
  return version;
}

/** Installed versions, newest first. Temp files of an interrupted install are not versions. */
export function installedVersions(layout: InstallLayout): string[] {
  let names: string[];
  try {
    names = readdirSync(layout.versionsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names.filter(isVersion).sort((a, b) => compareVersions(b, a));
}

export function versionPath(layout: InstallLayout, version: string): string {
  return join(layout.versionsDir, version);
}

/** Points `~/.local/bin/wren` at a version: a new link under a temp name, renamed over the old one (atomic). */
export function switchLink(layout: InstallLayout, version: string): void {
  const temp = join(dirname(layout.binLink), `.wren.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  symlinkSync(versionPath(layout, version), temp);
  try {
    renameSync(temp, layout.binLink);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Keeps the newest `keep` versions and always the current one; removes the
 * others with their stored manifests. Returns what it removed.
 */
export function pruneVersions(layout: InstallLayout, current: string, keep: number): string[] {
  const all = installedVersions(layout);
  const kept = new Set([current, ...all.filter((v) => v !== current).slice(0, Math.max(0, keep - 1))]);
  const removed = all.filter((v) => !kept.has(v));
  for (const version of removed) {
    rmSync(versionPath(layout, version), { force: true });
    rmSync(join(layout.manifestsDir, `${version}.json`), { force: true });
    rmSync(join(layout.manifestsDir, `${version}.json.sig`), { force: true });
  }
  return removed;
}
