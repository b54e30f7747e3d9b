import type { CompiledPattern } from './regex.ts';

/** One search, as both engines take it (already validated). */
export interface SearchRequest {
  /** Absolute path searched: a folder is walked, a file is searched whatever the filters say. */
  readonly root: string;
  readonly rootIsFile: boolean;
  readonly pattern: CompiledPattern;
  readonly ignoreCase: boolean;
  /** Matches may span lines and `.` matches newlines (rg -U --multiline-dotall). */
  readonly multiline: boolean;
  /** rg `--glob` list, in order (later ones win); `!x` excludes. Relative to `root`. */
  readonly globs: readonly string[];
  /** A file type restricting the files searched. */
  readonly type: { readonly name: string; readonly globs: readonly string[] } | undefined;
  /** Context lines before and after each match. */
  readonly before: number;
  readonly after: number;
  readonly signal: AbortSignal;
}

/** A line of a file with a match: matched, or context around a match. */
export interface LineHit {
  /** 1-based. */
  readonly line: number;
  /** The line without its terminator (a trailing \r dropped too). */
  readonly text: string;
  readonly match: boolean;
}

/** The hits of one file, lines in order. */
export interface FileHits {
  readonly path: string;
  readonly lines: readonly LineHit[];
}

/** What an engine found. */
export interface SearchResult {
  /** Files with at least one match, sorted by path. */
  readonly files: readonly FileHits[];
  /** The engine stopped collecting at MAX_COLLECTED_LINES: counts are lower bounds. */
  readonly incomplete: boolean;
}

/** Files larger than this are skipped by both engines (rg --max-filesize). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_FILE_SIZE_ARG = '20M';
/** Lines collected before an engine stops, so a pattern matching everything cannot exhaust memory. */
export const MAX_COLLECTED_LINES = 200_000;
/** Version-control folders never searched (as Claude Code does). */
export const VCS_DIRS = ['.git', '.svn', '.hg', '.bzr', '.jj', '.sl'] as const;

/** Sorts files by path and each file's lines by number: engines report in any order. */
export function normalizeResult(files: readonly FileHits[], incomplete: boolean): SearchResult {
  const sorted = files
    .map((f) => ({ path: f.path, lines: [...f.lines].sort((a, b) => a.line - b.line) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files: sorted, incomplete };
}
