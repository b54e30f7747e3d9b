import type { Stats } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { ToolContext, ToolErrorValue } from '../tool.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { binaryExtension } from './binary-files.ts';
import { fsErrorToValue, toolError } from './errors.ts';
import { checkFresh, recordRead } from './file-state.ts';
import { decodeText, encodeText, looksBinary, type TextEncoding } from './text.ts';

/** An existing text file, read for a change the model asked for. */
export interface LoadedText {
  readonly real: string;
  readonly stats: Stats;
  readonly text: string;
  readonly encoding: TextEncoding;
}

/**
 * Loads a file that is about to be changed: refuses folders, binary files, and
 * files the model has not read or that changed since it read them.
 * Returns 'missing' when nothing is there (the caller decides whether that is fine).
 */
export async function loadForChange(
  path: string,
  ctx: Pick<ToolContext, 'readFiles' | 'signal'>,
): Promise<LoadedText | ToolErrorValue | 'missing'> {
  let stats: Stats;
  try {
    stats = await stat(path);
  } catch (err) {
    const value = fsErrorToValue(err, path);
    return value.error.kind === 'not_found' ? 'missing' : value;
  }
  if (stats.isDirectory()) return toolError('is_directory', `${path} is a directory, not a file.`);
  if (!stats.isFile()) return toolError('not_a_file', `${path} is not a regular file.`);
  const real = await realpath(path);
  const stale = checkFresh(ctx, real, path, stats);
  if (stale) return stale;
  const bytes = await readFile(path, { signal: ctx.signal });
  if (binaryExtension(path) || looksBinary(bytes.subarray(0, 8192))) {
    return toolError('binary', `${path} is a binary file; it cannot be edited as text.`);
  }
  const { text, encoding } = decodeText(bytes);
  return { real, stats, text, encoding };
}

/**
 * Writes text atomically in `encoding`, then records the new state as read:
 * the model wrote it, so it knows the content and may change it again.
 */
export async function commitText(
  path: string,
  text: string,
  encoding: TextEncoding,
  ctx: Pick<ToolContext, 'readFiles' | 'signal'>,
): Promise<string> {
  const real = await writeFileAtomic(path, encodeText(text, encoding), { createParents: true, signal: ctx.signal });
  recordRead(ctx, real, await stat(real));
  return real;
}

/** Whether a load result is an error value. */
export function isLoadError(value: LoadedText | ToolErrorValue | 'missing'): value is ToolErrorValue {
  return typeof value === 'object' && 'error' in value;
}
