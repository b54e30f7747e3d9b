import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ToolContext, ToolErrorValue } from '../tool.ts';
import { toolError } from './errors.ts';

/**
 * `path` if it is absolute, else an error value the model can fix. The tools
 * that Claude Code users know as absolute-only (Read, Write, Edit, LS,
 * the notebook editor) go through this.
 */
export function requireAbsolute(path: string, field: string, ctx: Pick<ToolContext, 'cwd'>): string | ToolErrorValue {
  if (path.trim() === '') return toolError('invalid_input', `${field} must not be empty.`);
  if (isAbsolute(path)) return path;
  return toolError(
    'invalid_input',
    `${field} must be an absolute path, not a relative one ('${path}'). Did you mean ${resolve(ctx.cwd, path)}?`,
  );
}

/** An optional search path (Glob, Grep): relative ones resolve against cwd, as in a shell. */
export function resolveSearchPath(path: string | undefined, ctx: Pick<ToolContext, 'cwd'>): string {
  if (path === undefined || path.trim() === '') return ctx.cwd;
  return resolve(ctx.cwd, path);
}

/**
 * The real path an operation on `path` touches, even when it does not exist yet:
 * the deepest existing ancestor is resolved by the OS (symlinks and `..` taken
 * physically, as open(2) takes them) and the missing rest is appended (it cannot
 * hold links). Never throws for a missing path.
 */
export async function realPathNearest(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const parent = dirname(path);
    if (parent === path) return path;
    return join(await realPathNearest(parent), basename(path));
  }
}

/** True when `child` is `parent` or below it; `/srv/app-evil` is not inside `/srv/app`. Both real paths. */
export function isWithin(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * The session's working directories (its project root and the additional ones),
 * as real paths. Never the live cwd: a `cd` elsewhere must not widen them. Only
 * a context without `projectRoot` (bare callers) falls back to its cwd.
 */
export async function workingRoots(ctx: Pick<ToolContext, 'cwd' | 'additionalDirectories' | 'projectRoot'>): Promise<string[]> {
  const root = ctx.projectRoot ?? ctx.cwd;
  return Promise.all([root, ...ctx.additionalDirectories].map((dir) => realPathNearest(resolve(root, dir))));
}

/** Whether `path` (resolved against cwd, symlinks followed) lies inside one of `roots` (real paths). */
export async function isInsideRoots(path: string, roots: readonly string[], ctx: Pick<ToolContext, 'cwd'>): Promise<boolean> {
  const real = await realPathNearest(resolve(ctx.cwd, path));
  return roots.some((root) => isWithin(real, root));
}

/**
 * Names near a missing file, so "not found" can say "did you mean ...?": same
 * stem with another extension, or the same name with other casing, in the same folder.
 */
export async function suggestSimilar(path: string): Promise<string | undefined> {
  const dir = dirname(path);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return undefined;
  }
  const name = basename(path);
  const stem = name.replace(/\.[^.]*$/, '').toLowerCase();
  const match =
    names.find((n) => n.toLowerCase() === name.toLowerCase()) ??
    names.find((n) => n.replace(/\.[^.]*$/, '').toLowerCase() === stem && stem !== '');
  return match === undefined ? undefined : join(dir, match);
}

/** "File does not exist" with a suggestion when there is a near miss, and the cwd for orientation. */
export async function notFoundError(path: string, cwd: string, what = 'File'): Promise<ToolErrorValue> {
  const similar = await suggestSimilar(path);
  const hint = similar ? ` Did you mean ${similar}?` : '';
  return toolError('not_found', `${what} does not exist: ${path}.${hint} (Current working directory: ${cwd})`);
}

/** Whether `path` exists as a directory (following links). */
export async function isDirectoryPath(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
