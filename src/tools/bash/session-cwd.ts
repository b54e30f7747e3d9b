import { realpathSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ToolContext, ToolErrorValue } from '../tool.ts';
import { isInsideRoots, workingRoots } from '../shared/paths.ts';

type Ctx = Pick<ToolContext, 'cwd' | 'setCwd' | 'projectRoot' | 'additionalDirectories'>;

/*
 * The session's cwd never leaves its working directories (project root and
 * additional directories): the permission engine judges relative paths by
 * them, so a shell parked in ~ or ~/.ssh would make every later relative path
 * mean something the gate never saw. A command may still `cd` anywhere the
 * gate let it; only where the NEXT command starts is kept inside. Without a
 * `projectRoot` in the context (bare callers) there are no bounds to keep.
 */

/** What the model is told when its shell was moved back (Claude Code's words first). */
export function cwdResetNote(root: string, left: string, roots: readonly string[]): string {
  return `Shell cwd was reset to ${root}: the command ended in ${left}, outside the working directories (${roots.join(', ')}).`;
}

/**
 * The folder a command starts in: the session's cwd; the project root if the
 * cwd is somehow outside the working directories; the nearest existing parent
 * if the cwd was deleted (the last command removed it, say). The model is told
 * of either move. An error when not even the project root exists any more.
 */
export async function startingCwd(ctx: Ctx, notes: string[]): Promise<string | ToolErrorValue> {
  const root = ctx.projectRoot;
  const roots = root === undefined ? undefined : await workingRoots(ctx);
  let dir = ctx.cwd;
  if (root !== undefined && roots && !(await isInsideRoots(dir, roots, ctx))) {
    notes.push(cwdResetNote(root, dir, roots));
    ctx.setCwd?.(root);
    dir = root;
  }
  let existing = dir;
  while (!isDirectory(existing)) {
    const parent = dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  if (existing === dir) return dir;
  if (roots && !(await isInsideRoots(existing, roots, ctx))) {
    return { error: { kind: 'cwd_missing', message: `The project directory ${root} no longer exists, so there is nowhere inside the working directories to run the command.` } };
  }
  notes.push(`The working directory ${dir} no longer exists; the command ran in ${existing} instead.`);
  ctx.setCwd?.(existing);
  return existing;
}

/**
 * Where the session's cwd is after a command that started in `startedIn` and
 * ended in `finalDir` (the shell's `pwd -P`; undefined if it could not be
 * read): `finalDir` if it is inside the working directories, else the project
 * root, and the model is told. Returns the folder the next command starts in.
 */
export async function cwdAfterCommand(ctx: Ctx, startedIn: string, finalDir: string | undefined, notes: string[]): Promise<string> {
  if (finalDir === undefined) return startedIn;
  const root = ctx.projectRoot;
  if (root !== undefined) {
    const roots = await workingRoots(ctx);
    if (!(await isInsideRoots(finalDir, roots, ctx))) {
      notes.push(cwdResetNote(root, finalDir, roots));
      ctx.setCwd?.(root);
      return root;
    }
  }
  if (finalDir !== safeRealpath(startedIn)) ctx.setCwd?.(finalDir);
  return finalDir;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
