import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SandboxError } from './errors.ts';
import type { Placeholder, ProtectedTarget } from './protected-paths.ts';

/**
 * Placeholders for protected paths that do not exist yet.
 *
 * A read-only mount needs something to mount on: to keep a command from
 * creating a missing `.wren/` or `.mcp.json`, an empty folder (or a neutral
 * file inside `.git`) is put there on the host while a command runs, and
 * mounted read-only inside. Taking it away while another sandbox still has it
 * mounted would detach that mount and let that command create the path, so a
 * placeholder goes only when nothing relies on it: each command that mounts
 * one (in this or any other Wren process) is recorded as a holder, under a
 * lock, in the user config dir, which commands cannot write. A holder whose
 * process is gone does not count (its sandbox died with it: `--die-with-parent`).
 * A placeholder someone changed (a file written, a folder filled) is not ours
 * to remove any more and stays.
 *
 * Layout: `<stateDir>/lock` (a file naming its owner), and per placeholder
 * `<stateDir>/<hash of its path>/record.json` plus one `h.<holder>` file per holder.
 */
export interface PlaceholderRegistry {
  /**
   * Creates what is missing among `targets` and records one command as relying
   * on every placeholder among them. Returns the function that lets go, to call
   * once the command's sandbox is gone.
   */
  hold(targets: readonly ProtectedTarget[]): () => void;
  /** Removes placeholders nobody alive relies on (left by a Wren that was killed). */
  sweep(): void;
}

interface PlaceholderRecord {
  readonly path: string;
  readonly placeholder: Placeholder;
  /** Identity of what was created, so nothing else is ever removed in its place. */
  readonly dev: number;
  readonly ino: number;
}

/** How old an ownerless lock must be before it is broken (an owner killed between creating and naming it). */
const STALE_LOCK_MS = 2_000;
/** How long to wait for another process's lock (each holds it for about a millisecond). */
const LOCK_TIMEOUT_MS = 5_000;
const RECORD = 'record.json';
const HOLDER = 'h.';

let holderSerial = 0;

export function createPlaceholderRegistry(stateDir: string): PlaceholderRegistry {
  const lockFile = join(stateDir, 'lock');
  const locked = <T>(work: () => T): T => {
    const owner = acquire(stateDir, lockFile);
    try {
      return work();
    } finally {
      release(lockFile, owner);
    }
  };
  const entryDir = (path: string): string => join(stateDir, createHash('sha256').update(path).digest('hex').slice(0, 32));

  /** Removes `dir`'s placeholder if no live holder is left, then forgets it. */
  const collect = (dir: string): void => {
    let live = false;
    for (const entry of safeReaddir(dir)) {
      if (!entry.startsWith(HOLDER)) continue;
      if (holderAlive(entry.slice(HOLDER.length))) live = true;
      else rmSync(join(dir, entry), { force: true });
    }
    if (live) return;
    const record = readRecord(dir);
    if (record) removeIfUntouched(record);
    rmSync(dir, { recursive: true, force: true });
  };

  /** Under the lock: holds each target's placeholder (creating it if missing); returns the entries held. */
  const holdAll = (targets: readonly ProtectedTarget[], token: string): string[] => {
    const held: string[] = [];
    try {
      for (const target of targets) {
        if (!target.placeholder) continue;
        const dir = entryDir(target.path);
        const stat = lstatOrUndefined(target.path);
        if (stat) {
          // There already: someone's placeholder (hold it too, so it stays while we need it) or a real file.
          const record = readRecord(dir);
          if (record && record.ino === stat.ino && record.dev === stat.dev) {
            writeFileSync(join(dir, HOLDER + token), '');
            held.push(dir);
          } else if (record) {
            rmSync(dir, { recursive: true, force: true }); // replaced by something real: not a placeholder any more
          }
          continue;
        }
        mkdirSync(dir, { recursive: true });
        create(target.path, target.placeholder);
        const made = lstatSync(target.path);
        const record: PlaceholderRecord = { path: target.path, placeholder: target.placeholder, dev: made.dev, ino: made.ino };
        writeFileSync(join(dir, RECORD), JSON.stringify(record));
        writeFileSync(join(dir, HOLDER + token), '');
        held.push(dir);
      }
      return held;
    } catch (error) {
      for (const dir of held) {
        rmSync(join(dir, HOLDER + token), { force: true });
        collect(dir);
      }
      throw error;
    }
  };

  return {
    hold(targets) {
      if (!targets.some((t) => t.placeholder)) return () => {};
      const token = newHolderToken();
      const held = locked(() => holdAll(targets, token));
      let released = false;
      return () => {
        if (released || held.length === 0) return;
        released = true;
        locked(() => {
          for (const dir of held) {
            rmSync(join(dir, HOLDER + token), { force: true });
            collect(dir);
          }
        });
      };
    },
    sweep() {
      locked(() => {
        for (const entry of safeReaddir(stateDir)) if (entry !== 'lock') collect(join(stateDir, entry));
      });
    },
  };
}

function create(path: string, placeholder: Placeholder): void {
  if (placeholder.kind === 'dir') mkdirSync(path);
  else writeFileSync(path, placeholder.content, { flag: 'wx' });
}

/** Removes a placeholder only if it is still the one created, still as created. */
function removeIfUntouched(record: PlaceholderRecord): void {
  const stat = lstatOrUndefined(record.path);
  if (!stat || stat.ino !== record.ino || stat.dev !== record.dev) return;
  try {
    if (record.placeholder.kind === 'dir') {
      if (stat.isDirectory()) rmdirSync(record.path); // refuses a folder someone put something in: it stays
    } else if (stat.isFile() && readFileSync(record.path, 'utf8') === record.placeholder.content) {
      unlinkSync(record.path);
    }
  } catch {
    // Changed or in use since: leave it.
  }
}

function readRecord(dir: string): PlaceholderRecord | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, RECORD), 'utf8')) as PlaceholderRecord;
  } catch {
    return undefined;
  }
}

/** `<pid>-<start time>-<serial>`: the start time tells a live process from a later one given the same pid. */
function newHolderToken(): string {
  return `${process.pid}-${processStart(process.pid) ?? 'unknown'}-${++holderSerial}`;
}

function holderAlive(token: string): boolean {
  const [pid, start] = token.split('-');
  const now = processStart(Number(pid));
  return now !== undefined && (start === 'unknown' || now === start);
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks); undefined when the process is gone. */
function processStart(pid: number): string | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** A cross-process lock: a file created exclusively, naming its owner. */
function acquire(stateDir: string, lockFile: string): string {
  const token = newHolderToken();
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(lockFile, token, { flag: 'wx', mode: 0o600 });
      return token;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && attempt === 0) {
        try {
          mkdirSync(stateDir, { recursive: true, mode: 0o700 });
        } catch (mkdirError) {
          throw unavailable(stateDir, mkdirError);
        }
        continue;
      }
      if (code !== 'EEXIST') throw unavailable(stateDir, error);
    }
    if (lockIsStale(lockFile)) {
      rmSync(lockFile, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new SandboxError('PLACEHOLDER_LOCK_TIMEOUT', `another Wren process has held ${lockFile} for over ${LOCK_TIMEOUT_MS / 1000}s; delete it if no Wren is running`);
    }
    // Synchronous on purpose: this runs inside the (synchronous) spawn, and the lock is held for about a millisecond.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
  }
}

function unavailable(stateDir: string, error: unknown): SandboxError {
  return new SandboxError('PLACEHOLDERS_UNAVAILABLE', `the sandbox cannot keep its placeholder records in ${stateDir}: ${(error as Error).message}`);
}

function lockIsStale(lockFile: string): boolean {
  try {
    const owner = readFileSync(lockFile, 'utf8');
    if (owner) return !holderAlive(owner);
    return Date.now() - statSync(lockFile).mtimeMs > STALE_LOCK_MS; // created, owner not written yet (or never)
  } catch {
    return false; // gone meanwhile: just try again
  }
}

function release(lockFile: string, owner: string): void {
  try {
    if (readFileSync(lockFile, 'utf8') === owner) unlinkSync(lockFile); // else it was broken as stale and retaken: not ours
  } catch {
    // already gone
  }
}

function lstatOrUndefined(path: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
