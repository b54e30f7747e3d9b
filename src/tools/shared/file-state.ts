import type { Stats } from 'node:fs';
import type { ToolContext, ToolErrorValue } from '../tool.ts';
import { toolError } from './errors.ts';

/**
 * Records that the model has seen `realPath` as it is now, so a later write can
 * tell whether the file changed underneath it. Keyed by real path, so reading
 * through a symlink and editing the target are the same file.
 */
export function recordRead(ctx: Pick<ToolContext, 'readFiles'>, realPath: string, stats: Pick<Stats, 'mtimeMs' | 'size'>): void {
  ctx.readFiles.set(realPath, { mtimeMs: stats.mtimeMs, size: stats.size });
}

/**
 * Refuses a change to an existing file the model has not read in this session,
 * or that changed on disk (mtime or size) since it was read: writing it would
 * silently drop edits made by the user, a formatter or another tool.
 */
export function checkFresh(
  ctx: Pick<ToolContext, 'readFiles'>,
  realPath: string,
  displayPath: string,
  stats: Pick<Stats, 'mtimeMs' | 'size'>,
): ToolErrorValue | undefined {
  const seen = ctx.readFiles.get(realPath);
  if (seen === undefined) {
    return toolError('not_read', `File has not been read yet: ${displayPath}. Read it first before changing it.`);
  }
  if (seen.mtimeMs !== stats.mtimeMs || seen.size !== stats.size) {
    return toolError(
      'stale',
      `File has been modified since it was read (by the user, a formatter or another process): ${displayPath}. Read it again before changing it.`,
    );
  }
  return undefined;
}
