import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { UpdateError } from './errors.ts';

/*
 * One lock for every writer of an install (scripts/install.sh uses the same
 * protocol): `mkdir` of the lock folder is atomic on every filesystem, unlike
 * flock, which macOS sh lacks and NFS homes break. The holder writes
 * `owner` = "<pid> <host>". A lock whose holder is a dead process on this host
 * is stale and is broken by renaming it away first, so two breakers cannot
 * both succeed.
 */

/** A lock folder whose owner file is still missing after this long was left by a crash between mkdir and write. */
const ORPHAN_MS = 10 * 60 * 1000;

export interface Lock {
  release(): void;
}

/** Takes the lock or throws `locked` naming its holder. Never waits: a second updater simply stops. */
export function acquireLock(lockDir: string): Lock {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      mkdirSync(lockDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new UpdateError('not-installed', `${dirname(lockDir)} does not exist: Wren is not installed here (use install.sh)`);
      }
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readOwner(lockDir);
      if (attempt === 0 && isStale(lockDir, holder)) {
        breakLock(lockDir);
        continue;
      }
      throw new UpdateError('locked', `another Wren install or update is running${holder ? ` (pid ${holder.pid}${holder.host ? ` on ${holder.host}` : ''})` : ''}; try again when it has finished`);
    }
    writeFileSync(join(lockDir, 'owner'), `${process.pid} ${hostname()}\n`);
    let held = true;
    return {
      release() {
        if (!held) return;
        held = false;
        rmSync(lockDir, { recursive: true, force: true });
      },
    };
  }
  throw new UpdateError('locked', 'another Wren install or update is running; try again when it has finished');
}

function readOwner(lockDir: string): { pid: number; host: string } | undefined {
  try {
    const [pid, host] = readFileSync(join(lockDir, 'owner'), 'utf8').trim().split(/\s+/);
    return pid && /^\d+$/.test(pid) ? { pid: Number(pid), host: host ?? '' } : undefined;
  } catch {
    return undefined;
  }
}

function isStale(lockDir: string, holder: { pid: number; host: string } | undefined): boolean {
  if (!holder) {
    try {
      return Date.now() - statSync(lockDir).mtimeMs > ORPHAN_MS;
    } catch {
      return false;
    }
  }
  if (holder.host !== hostname()) return false; // cannot see another machine's processes: never steal
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function breakLock(lockDir: string): void {
  const aside = `${lockDir}.stale.${process.pid}`;
  try {
    renameSync(lockDir, aside);
  } catch {
    return; // someone else broke it first; the retry decides
  }
  rmSync(aside, { recursive: true, force: true });
}
