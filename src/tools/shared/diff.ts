import { structuredPatch } from 'diff';

/** One hunk of a unified diff, as the UI renders it. `lines` start with ' ', '-' or '+'. */
export interface DiffHunk {
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  readonly lines: readonly string[];
}

/** The hunks turning `before` into `after`, with 3 lines of context (line endings compared as LF). */
export function diffHunks(path: string, before: string, after: string): DiffHunk[] {
  const patch = structuredPatch(path, path, before.replaceAll('\r\n', '\n'), after.replaceAll('\r\n', '\n'), undefined, undefined, {
    context: 3,
  });
  return patch.hunks.map(({ oldStart, oldLines, newStart, newLines, lines }) => ({ oldStart, oldLines, newStart, newLines, lines }));
}
