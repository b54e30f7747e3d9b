import fuzzysort from 'fuzzysort';

/*
 * `@` file mentions: the token being typed at the cursor, and the files that
 * fuzzily match it (fuzzysort, as editors' quick-open do).
 */

export interface MentionToken {
  /** Index of the `@`. */
  readonly start: number;
  /** What follows the `@`, up to the cursor. */
  readonly query: string;
}

/** The `@token` ending at the cursor, if the cursor is in one. */
export function mentionAt(text: string, cursor: number): MentionToken | undefined {
  const before = text.slice(0, cursor);
  const match = /(^|\s)@([^\s@]*)$/.exec(before);
  if (!match) return undefined;
  return { start: before.length - match[2]!.length - 1, query: match[2]! };
}

/** Up to `limit` files matching `query`, best first; with an empty query, the first files. */
export function matchFiles(files: readonly string[], query: string, limit = 8): string[] {
  if (query === '') return files.slice(0, limit);
  return fuzzysort.go(query, files, { limit, threshold: 0 }).map((r) => r.target);
}

/** The text with the mention replaced by `@path ` (quoted when the path has spaces). */
export function completeMention(text: string, token: MentionToken, cursor: number, path: string): { text: string; cursor: number } {
  const value = `@${/\s/.test(path) ? `"${path}"` : path} `;
  return { text: text.slice(0, token.start) + value + text.slice(cursor), cursor: token.start + value.length };
}
