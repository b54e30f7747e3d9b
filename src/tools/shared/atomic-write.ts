import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { realPathNearest } from './paths.ts';

/** Options of `writeFileAtomic`. */
export interface AtomicWriteOptions {
  /** Checked right before the rename, the point of no return. */
  readonly signal?: AbortSignal;
  /** Create missing parent folders. @default false */
  readonly createParents?: boolean;
}

/**
 * Writes `data` to `path` so a reader never sees a half-written file: a temporary
 * file beside the target, flushed, given the target's mode, then renamed over it.
 * A symlink is followed (the real file is replaced, the link stays a link).
 * Returns the real path written.
 */
export async function writeFileAtomic(path: string, data: Uint8Array, options: AtomicWriteOptions = {}): Promise<string> {
  const target = await realPathNearest(path);
  if (options.createParents) await mkdir(dirname(target), { recursive: true });
  let mode: number | undefined;
  try {
    mode = (await stat(target)).mode & 0o7777;
  } catch {
    mode = undefined; // a new file gets the default mode (0o666 less the umask)
  }
  const temp = join(dirname(target), `.${basename(target)}.wren-${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
  try {
    try {
      await handle.writeFile(data);
      if (mode !== undefined) await chmod(temp, mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    options.signal?.throwIfAborted();
    await rename(temp, target);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  return target;
}
