import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { z } from 'zod';
import type { Tool, ToolContext, ToolErrorValue } from '../tool.ts';
import { abortedError, fsErrorToValue, isAbortError, toolError } from '../shared/errors.ts';
import { IgnoreRules } from '../shared/ignore-rules.ts';
import { notFoundError, requireAbsolute } from '../shared/paths.ts';
import { readPermission } from '../shared/permissions.ts';
import { readableOnly } from '../shared/readable.ts';
import description from './prompt.md';
import { renderTree, type TreeEntry } from './tree.ts';

/** Entries listed at most; the listing is breadth-first, so the cap cuts the deepest levels. */
export const MAX_LS_ENTRIES = 1000;
/** Folders never expanded: caches and dependencies (listed only when given as the path). */
const SKIPPED_NAMES = new Set(['node_modules', '__pycache__']);

const inputSchema = z.strictObject({
  path: z.string().describe('The absolute path to the directory to list (must be absolute, not relative)'),
  ignore: z.array(z.string()).optional().describe('List of glob patterns to ignore'),
});

export type LsInput = z.output<typeof inputSchema>;

export interface LsOutput {
  readonly root: string;
  /** Paths relative to root, `/`-separated, breadth-first. */
  readonly entries: readonly TreeEntry[];
  readonly truncated: boolean;
}

export const lsTool: Tool<LsInput, LsOutput> = {
  name: 'LS',
  description,
  inputSchema,
  isReadOnly: () => true,
  isConcurrencySafe: () => true,
  checkPermissions: (input, ctx) => readPermission('LS', input.path, ctx),
  async *call(input, ctx) {
    let output: LsOutput | ToolErrorValue;
    try {
      output = await list(input, ctx);
    } catch (err) {
      if (ctx.signal.aborted || isAbortError(err)) output = abortedError();
      else output = fsErrorToValue(err, input.path);
    }
    yield { type: 'result', output };
  },
  toModelContent(output) {
    const tree = renderTree(output.root, output.entries);
    if (!output.truncated) return tree;
    return `There are more than ${MAX_LS_ENTRIES} files and directories here. Use LS with a more specific path, or Glob and Grep, to explore nested directories. The first ${MAX_LS_ENTRIES} (shallowest first) are included below:\n\n${tree}`;
  },
};

async function list(input: LsInput, ctx: ToolContext): Promise<LsOutput | ToolErrorValue> {
  if (ctx.signal.aborted) return abortedError();
  const root = requireAbsolute(input.path, 'path', ctx);
  if (typeof root !== 'string') return root;
  try {
    if (!(await stat(root)).isDirectory()) return toolError('not_a_directory', `${root} is a file, not a directory. Use Read to read a file.`);
  } catch (err) {
    const value = fsErrorToValue(err, root);
    return value.error.kind === 'not_found' ? notFoundError(root, ctx.cwd, 'Directory') : value;
  }
  const patterns = input.ignore ?? [];
  const ignored = patterns.length > 0 ? picomatch(patterns, { dot: true }) : undefined;
  const rules = new IgnoreRules();
  const entries: TreeEntry[] = [];
  let truncated = false;
  let level = [root];
  while (level.length > 0 && !truncated) {
    const next: string[] = [];
    for (const dir of level) {
      ctx.signal.throwIfAborted();
      let children;
      try {
        children = await readdir(dir, { withFileTypes: true });
      } catch {
        continue; // unreadable folder: list what can be listed
      }
      const chain = await rules.chain(dir);
      children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const shown: { path: string; rel: string; isDir: boolean }[] = [];
      for (const child of children) {
        // Hidden entries are skipped, as `ls` does.
        if (child.name.startsWith('.') || SKIPPED_NAMES.has(child.name)) continue;
        const path = join(dir, child.name);
        const rel = relative(root, path).split(sep).join('/');
        const isDir = child.isDirectory();
        if (ignored && (ignored(rel) || ignored(child.name))) continue;
        if (rules.decide(chain, path, isDir) === 'ignore') continue;
        shown.push({ path, rel, isDir });
      }
      // What a Read deny rule covers is neither listed nor entered (the gate only saw the listed folder).
      // Checked a slice at a time, so a huge folder past the cap is not checked whole.
      for (let i = 0; i < shown.length && !truncated; i += 64) {
        for (const child of await readableOnly(shown.slice(i, i + 64), (c) => c.path, ctx)) {
          if (entries.length >= MAX_LS_ENTRIES) {
            truncated = true;
            break;
          }
          entries.push({ path: child.rel, isDir: child.isDir });
          if (child.isDir) next.push(child.path);
        }
      }
      if (truncated) break;
    }
    level = next;
  }
  return { root, entries, truncated };
}
