import type { FileHits } from './search-types.ts';

/** How Grep reports what it found. */
export type OutputMode = 'content' | 'files_with_matches' | 'count';

/** Longest line shown in content mode; longer lines are cut (minified files). */
export const MAX_LINE_CHARS = 500;
/** Entries shown when head_limit is not given (0 means no limit). */
export const DEFAULT_HEAD_LIMIT = 250;

/** A page of entries: `offset` skipped, at most `limit` kept (0 = all). */
export function page<T>(items: readonly T[], offset: number, limit: number): { items: T[]; truncated: boolean } {
  const rest = items.slice(offset);
  if (limit === 0 || rest.length <= limit) return { items: rest, truncated: false };
  return { items: rest.slice(0, limit), truncated: true };
}

/**
 * Content mode, in rg's format: `path:line:text` for matches and `path-line-text`
 * for context (without line numbers, `path:text` and `path-text`), `--` between
 * groups of lines that are not contiguous when context was asked for.
 */
export function contentLines(files: readonly FileHits[], lineNumbers: boolean, withContext: boolean): string[] {
  const out: string[] = [];
  let previous: { path: string; line: number } | undefined;
  for (const file of files) {
    for (const hit of file.lines) {
      if (withContext && previous && (previous.path !== file.path || hit.line !== previous.line + 1)) out.push('--');
      const sep = hit.match ? ':' : '-';
      const text = hit.text.length > MAX_LINE_CHARS ? `${hit.text.slice(0, MAX_LINE_CHARS)} [... line truncated, ${hit.text.length} characters]` : hit.text;
      out.push(lineNumbers ? `${file.path}${sep}${hit.line}${sep}${text}` : `${file.path}${sep}${text}`);
      previous = { path: file.path, line: hit.line };
    }
  }
  return out;
}

/** Count mode: `path:N`, N the number of matching lines. */
export function countLines(files: readonly FileHits[]): { lines: string[]; total: number } {
  let total = 0;
  const lines = files.map((file) => {
    const n = file.lines.filter((l) => l.match).length;
    total += n;
    return `${file.path}:${n}`;
  });
  return { lines, total };
}
