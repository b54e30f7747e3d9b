import { stat } from 'node:fs/promises';
import { z } from 'zod';
import type { Tool, ToolContext, ToolErrorValue } from '../tool.ts';
import { abortedError, fsErrorToValue, isAbortError, toolError } from '../shared/errors.ts';
import { notFoundError, resolveSearchPath } from '../shared/paths.ts';
import { readPermission } from '../shared/permissions.ts';
import { readableOnly } from '../shared/readable.ts';
import { FILE_TYPES, typeGlobs } from './file-types.ts';
import { globProblem } from './glob-check.ts';
import { contentLines, countLines, DEFAULT_HEAD_LIMIT, page, type OutputMode } from './format.ts';
import { searchWithJs } from './js-search.ts';
import description from './prompt.md';
import { compilePattern, PatternError } from './regex.ts';
import { findRipgrep, RipgrepError, searchWithRipgrep } from './ripgrep.ts';
import { VCS_DIRS, type SearchRequest, type SearchResult } from './search-types.ts';

const count = z.number().int().nonnegative();

const inputSchema = z.strictObject({
  pattern: z.string().describe('The regular expression pattern to search for in file contents (ripgrep syntax)'),
  path: z.string().optional().describe('File or directory to search in. Defaults to the current working directory.'),
  glob: z.string().optional().describe('Glob pattern to filter files (e.g. "*.js", "*.{ts,tsx}", "!*.test.ts"); several may be separated by spaces. Maps to rg --glob'),
  type: z.string().optional().describe('File type to search (e.g. js, ts, py, rust, go, java). More efficient than glob for standard file types. Maps to rg --type'),
  output_mode: z
    .enum(['content', 'files_with_matches', 'count'])
    .optional()
    .describe('"content" shows matching lines, "files_with_matches" shows file paths (default), "count" shows match counts per file'),
  '-B': count.optional().describe('Lines to show before each match (rg -B). Requires output_mode: "content"'),
  '-A': count.optional().describe('Lines to show after each match (rg -A). Requires output_mode: "content"'),
  '-C': count.optional().describe('Lines to show before and after each match (rg -C). Requires output_mode: "content"'),
  '-n': z.boolean().optional().describe('Show line numbers in output (rg -n). Requires output_mode: "content". Defaults to true'),
  '-i': z.boolean().optional().describe('Case insensitive search (rg -i)'),
  head_limit: count
    .optional()
    .describe(`Limit output to the first N lines/entries. Defaults to ${DEFAULT_HEAD_LIMIT}; 0 means no limit`),
  offset: count.optional().describe('Skip the first N lines/entries before applying head_limit. Defaults to 0'),
  multiline: z.boolean().optional().describe('Enable multiline mode where . matches newlines and patterns can span lines (rg -U --multiline-dotall). Default: false'),
});

export type GrepInput = z.output<typeof inputSchema>;

/** What Grep found, for the UI and the model. */
export interface GrepOutput {
  readonly mode: OutputMode;
  /** Files with a match, before paging. */
  readonly numFiles: number;
  /** files_with_matches: the page of files, newest first. */
  readonly filenames: readonly string[];
  /** content and count modes: the page of output lines. */
  readonly lines: readonly string[];
  /** count mode: matching lines over all files. */
  readonly numMatches: number;
  readonly truncated: boolean;
  readonly offset: number;
  readonly headLimit: number;
  /** A pattern matching very many lines stopped the search early. */
  readonly incomplete: boolean;
  readonly engine: 'ripgrep' | 'javascript';
}

export const grepTool: Tool<GrepInput, GrepOutput> = {
  name: 'Grep',
  description,
  inputSchema,
  isReadOnly: () => true,
  isConcurrencySafe: () => true,
  checkPermissions: (input, ctx) => readPermission('Grep', resolveSearchPath(input.path, ctx), ctx),
  async *call(input, ctx) {
    yield { type: 'result', output: await grep(input, ctx) };
  },
  toModelContent(output) {
    const more = output.truncated
      ? `\n\n(Results truncated at ${output.headLimit} entries after skipping ${output.offset}. Use offset to see more, or narrow the search.)`
      : '';
    const partial = output.incomplete ? '\n\n(The search stopped early: the pattern matches too many lines. Totals are lower bounds; narrow the pattern or path.)' : '';
    if (output.mode === 'files_with_matches') {
      if (output.numFiles === 0) return 'No files found';
      return `Found ${output.numFiles} file${output.numFiles === 1 ? '' : 's'}\n${output.filenames.join('\n')}${more}${partial}`;
    }
    if (output.numFiles === 0) return 'No matches found';
    if (output.mode === 'count') {
      return `${output.lines.join('\n')}\n\nFound ${output.numMatches} matching line${output.numMatches === 1 ? '' : 's'} across ${output.numFiles} file${output.numFiles === 1 ? '' : 's'}.${more}${partial}`;
    }
    return `${output.lines.join('\n')}${more}${partial}`;
  },
};

async function grep(input: GrepInput, ctx: ToolContext): Promise<GrepOutput | ToolErrorValue> {
  if (ctx.signal.aborted) return abortedError();
  const request = await buildRequest(input, ctx);
  if ('error' in request) return request;
  const rg = await findRipgrep(ctx.env['PATH']);
  let result: SearchResult;
  let engine: GrepOutput['engine'] = 'javascript';
  try {
    if (rg) {
      try {
        result = await searchWithRipgrep(rg, request);
        engine = 'ripgrep';
      } catch (err) {
        if (err instanceof RipgrepError) return toolError('invalid_pattern', `ripgrep refused the search: ${err.message}`);
        if (isAbortError(err)) throw err;
        result = await searchWithJs(request); // rg could not be started: the fallback gives the same answer
      }
    } else {
      result = await searchWithJs(request);
    }
    // The gate checked only the search root: files below it that a Read deny rule covers are dropped
    // here, so every mode (names, lines, counts) is computed from the readable files alone.
    result = { ...result, files: await readableOnly(result.files, (file) => file.path, ctx) };
  } catch (err) {
    if (isAbortError(err) || ctx.signal.aborted) return abortedError();
    throw err;
  }
  return present(input, result, engine);
}

async function buildRequest(input: GrepInput, ctx: ToolContext): Promise<SearchRequest | ToolErrorValue> {
  const multiline = input.multiline ?? false;
  if (!multiline && (input.pattern.includes('\n') || /(^|[^\\])(\\\\)*\\n/.test(input.pattern))) {
    return toolError('invalid_pattern', 'The pattern matches a newline, but lines are searched one at a time. Set multiline: true to match across lines.');
  }
  let pattern;
  try {
    pattern = compilePattern(input.pattern, input['-i'] ?? false);
  } catch (err) {
    if (err instanceof PatternError) return toolError('invalid_pattern', err.message);
    throw err;
  }
  let type: SearchRequest['type'];
  if (input.type !== undefined) {
    const globs = typeGlobs(input.type);
    if (!globs) return toolError('invalid_input', `Unknown file type '${input.type}'. Known types: ${Object.keys(FILE_TYPES).join(', ')}. Use glob for others.`);
    type = { name: input.type, globs };
  }
  const root = resolveSearchPath(input.path, ctx);
  let rootIsFile: boolean;
  try {
    rootIsFile = !(await stat(root)).isDirectory();
  } catch (err) {
    const value = fsErrorToValue(err, root);
    return value.error.kind === 'not_found' ? notFoundError(root, ctx.cwd, 'Path') : value;
  }
  const content = (input.output_mode ?? 'files_with_matches') === 'content';
  const userGlobs = input.glob?.split(/\s+/).filter((g) => g !== '') ?? [];
  for (const glob of userGlobs) {
    const problem = globProblem(glob);
    if (problem) return toolError('invalid_input', `Invalid glob: ${problem}.`);
  }
  return {
    root,
    rootIsFile,
    pattern,
    ignoreCase: input['-i'] ?? false,
    multiline,
    globs: [...VCS_DIRS.map((d) => `!${d}`), ...userGlobs],
    type,
    before: content ? (input['-B'] ?? input['-C'] ?? 0) : 0,
    after: content ? (input['-A'] ?? input['-C'] ?? 0) : 0,
    signal: ctx.signal,
  };
}

async function present(input: GrepInput, result: SearchResult, engine: GrepOutput['engine']): Promise<GrepOutput> {
  const mode = input.output_mode ?? 'files_with_matches';
  const offset = input.offset ?? 0;
  const headLimit = input.head_limit ?? DEFAULT_HEAD_LIMIT;
  const base = { mode, numFiles: result.files.length, offset, headLimit, incomplete: result.incomplete, engine };
  if (mode === 'files_with_matches') {
    const withTimes = await Promise.all(
      result.files.map(async (f) => ({ path: f.path, mtime: await stat(f.path).then((s) => s.mtimeMs, () => 0) })),
    );
    // Newest first: recently touched files are the likeliest to matter; path breaks ties.
    withTimes.sort((a, b) => b.mtime - a.mtime || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const shown = page(withTimes.map((f) => f.path), offset, headLimit);
    return { ...base, filenames: shown.items, lines: [], numMatches: 0, truncated: shown.truncated };
  }
  if (mode === 'count') {
    const counted = countLines(result.files);
    const shown = page(counted.lines, offset, headLimit);
    return { ...base, filenames: [], lines: shown.items, numMatches: counted.total, truncated: shown.truncated };
  }
  const withContext = (input['-A'] ?? input['-B'] ?? input['-C'] ?? 0) > 0;
  const shown = page(contentLines(result.files, input['-n'] ?? true, withContext), offset, headLimit);
  const numMatches = result.files.reduce((n, f) => n + f.lines.filter((l) => l.match).length, 0);
  return { ...base, filenames: [], lines: shown.items, numMatches, truncated: shown.truncated };
}
