import { stat } from 'node:fs/promises';
import { isAbsolute, join, sep } from 'node:path';
import { glob } from 'tinyglobby';
import { z } from 'zod';
import type { Tool, ToolContext, ToolErrorValue } from '../tool.ts';
import { abortedError, fsErrorToValue, isAbortError, toolError } from '../shared/errors.ts';
import { IgnoreRules } from '../shared/ignore-rules.ts';
import { isDirectoryPath, notFoundError, resolveSearchPath } from '../shared/paths.ts';
import { readPermission } from '../shared/permissions.ts';
import { readableOnly } from '../shared/readable.ts';
import description from './prompt.md';

/** Paths returned at most; the rest are counted. */
export const MAX_GLOB_RESULTS = 100;

const inputSchema = z.strictObject({
  pattern: z.string().describe('The glob pattern to match files against'),
  path: z
    .string()
    .optional()
    .describe(
      'The directory to search in. If not specified, the current working directory will be used. IMPORTANT: Omit this field to use the default directory. DO NOT enter "undefined" or "null" - simply omit it for the default behavior. Must be a valid directory path if provided.',
    ),
});

export type GlobInput = z.output<typeof inputSchema>;

export interface GlobOutput {
  /** Absolute paths, most recently modified first. */
  readonly filenames: readonly string[];
  /** All matches, including those beyond the cap. */
  readonly numFiles: number;
  readonly truncated: boolean;
}

export const globTool: Tool<GlobInput, GlobOutput> = {
  name: 'Glob',
  description,
  inputSchema,
  isReadOnly: () => true,
  isConcurrencySafe: () => true,
  checkPermissions: (input, ctx) => readPermission('Glob', splitPattern(input, ctx).root, ctx),
  async *call(input, ctx) {
    let output: GlobOutput | ToolErrorValue;
    try {
      output = await run(input, ctx);
    } catch (err) {
      if (ctx.signal.aborted || isAbortError(err)) output = abortedError();
      else throw err;
    }
    yield { type: 'result', output };
  },
  toModelContent(output) {
    if (output.numFiles === 0) return 'No files found';
    const note = output.truncated
      ? `\n(Results are truncated: showing the ${output.filenames.length} most recently modified of ${output.numFiles} files. Use a more specific path or pattern.)`
      : '';
    return `${output.filenames.join('\n')}${note}`;
  },
};

/**
 * The literal folders at the front of a pattern are part of where to search:
 * `/repo/src/**\/*.ts` searches /repo/src for `**\/*.ts`, and
 * `node_modules/x/**` searches inside node_modules even though .gitignore
 * hides it, because the pattern asked for it by name.
 */
function splitPattern(input: GlobInput, ctx: Pick<ToolContext, 'cwd'>): { root: string; pattern: string; base: string } {
  const base = isAbsolute(input.pattern) ? '/' : resolveSearchPath(input.path, ctx);
  const parts = input.pattern.split('/').filter((p, i) => p !== '' || i === 0);
  const firstDynamic = parts.findIndex((p) => /[*?[\]{}()!]/.test(p));
  const literal = firstDynamic === -1 ? parts.length - 1 : firstDynamic;
  const prefix = parts.slice(0, literal).filter((p) => p !== '' && p !== '.');
  if (prefix.includes('..')) return { root: base, pattern: input.pattern, base }; // leave ../ patterns to the glob library
  return { root: join(base, ...prefix), pattern: parts.slice(literal).join('/'), base };
}

async function run(input: GlobInput, ctx: ToolContext): Promise<GlobOutput | ToolErrorValue> {
  if (ctx.signal.aborted) return abortedError();
  const { root, pattern, base } = splitPattern(input, ctx);
  if (pattern.trim() === '') return toolError('invalid_input', 'pattern must not be empty.');
  try {
    if (!(await stat(base)).isDirectory()) return toolError('not_a_directory', `${base} is not a directory. Give a directory as path.`);
  } catch (err) {
    const value = fsErrorToValue(err, base);
    return value.error.kind === 'not_found' ? notFoundError(base, ctx.cwd, 'Directory') : value;
  }
  // A pattern whose literal folders do not exist matches nothing.
  if (!(await isDirectoryPath(root))) return { filenames: [], numFiles: 0, truncated: false };
  // node_modules and .git are noise unless the search is explicitly about them.
  const wantsNodeModules = /(^|\/)node_modules(\/|$)/.test(pattern) || root.split(sep).includes('node_modules');
  const ignore = ['**/.git/**', ...(wantsNodeModules ? [] : ['**/node_modules/**'])];
  const matches = await glob(pattern, {
    cwd: root,
    absolute: true,
    dot: true,
    onlyFiles: true,
    expandDirectories: false,
    followSymbolicLinks: false,
    caseSensitiveMatch: false,
    ignore,
    signal: ctx.signal,
  });
  ctx.signal.throwIfAborted();
  const rules = new IgnoreRules();
  let kept: { path: string; mtime: number }[] = [];
  // In batches: ignore checks and stats are independent, and a large match list should not be walked one by one.
  for (let i = 0; i < matches.length; i += 64) {
    ctx.signal.throwIfAborted();
    const batch = await Promise.all(
      matches.slice(i, i + 64).map(async (match) => {
        const path = join(match); // normalise separators
        if (await rules.isIgnored(root, path, false)) return undefined;
        const mtime = await stat(path).then((s) => s.mtimeMs, () => undefined);
        return mtime === undefined ? undefined : { path, mtime };
      }),
    );
    for (const entry of batch) if (entry) kept.push(entry);
  }
  // Files a Read deny rule covers are neither listed nor counted (the gate only saw the search root).
  kept = await readableOnly(kept, (entry) => entry.path, ctx);
  // Newest first: what was touched recently is the likeliest to matter; path breaks ties.
  kept.sort((a, b) => b.mtime - a.mtime || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    filenames: kept.slice(0, MAX_GLOB_RESULTS).map((k) => k.path),
    numFiles: kept.length,
    truncated: kept.length > MAX_GLOB_RESULTS,
  };
}
