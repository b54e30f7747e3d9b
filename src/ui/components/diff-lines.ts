import { structuredPatch } from 'diff';
import { sanitize, type Styler } from '../markdown/ansi.ts';

/** A hunk as Edit reports it (`structuredPatch`), or as computed here. */
export interface Hunk {
  readonly oldStart: number;
  readonly newStart: number;
  readonly lines: readonly string[];
}

/** Most diff lines shown for one call; the rest is summarised. */
export const MAX_DIFF_LINES = 40;

/**
 * The hunks of an Edit or Write: the tool's own (`output.structuredPatch`,
 * real line numbers) when the runtime passes them, else computed from the
 * input (old_string / new_string, numbered from the edited region).
 */
export function hunksOf(name: string, input: unknown, output: unknown): { hunks: Hunk[]; numbered: boolean } | undefined {
  const patch = (output as { structuredPatch?: unknown } | undefined)?.structuredPatch;
  if (Array.isArray(patch) && patch.every((h) => Array.isArray((h as Hunk).lines))) return { hunks: patch as Hunk[], numbered: true };
  const i = input as { old_string?: unknown; new_string?: unknown; content?: unknown } | undefined;
  if (name === 'Write' && typeof i?.content === 'string') {
    const lines = i.content.replace(/\n$/, '').split('\n');
    return { hunks: [{ oldStart: 0, newStart: 1, lines: lines.map((l) => `+${l}`) }], numbered: true };
  }
  if (typeof i?.old_string === 'string' && typeof i.new_string === 'string') {
    const p = structuredPatch('a', 'b', i.old_string, i.new_string, '', '', { context: 2 });
    return { hunks: p.hunks.map((h) => ({ oldStart: h.oldStart, newStart: h.newStart, lines: h.lines })), numbered: false };
  }
  return undefined;
}

/** The diff as styled lines: line number, sign, text; capped at `max` lines. */
export function renderDiff(hunks: readonly Hunk[], numbered: boolean, styler: Styler, max = MAX_DIFF_LINES): string[] {
  const out: string[] = [];
  let total = 0;
  const width = Math.max(3, String(Math.max(0, ...hunks.map((h) => h.newStart + h.lines.length))).length);
  hunks.forEach((hunk, index) => {
    if (index > 0) {
      total++;
      if (out.length < max) out.push(styler.dim(' '.repeat(width) + ' ⋮'));
    }
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    for (const raw of hunk.lines) {
      if (raw.startsWith('\\')) continue; // "\ No newline at end of file"
      total++;
      const sign = raw[0] ?? ' ';
      const text = sanitize(raw.slice(1));
      const number = sign === '-' ? oldLine : newLine;
      if (sign === '-') oldLine++;
      else if (sign === '+') newLine++;
      else {
        oldLine++;
        newLine++;
      }
      if (out.length >= max) continue;
      const gutter = numbered ? String(number).padStart(width) : ' '.repeat(width);
      if (sign === '+') out.push(styler.fg('green', `${gutter} + ${text}`));
      else if (sign === '-') out.push(styler.fg('red', `${gutter} - ${text}`));
      else out.push(styler.dim(`${gutter}   ${text}`));
    }
  });
  if (total > max) out.push(styler.dim(`${' '.repeat(width)}   … ${total - max} more lines`));
  return out;
}

/** "+3 -1" for a header. */
export function diffStat(hunks: readonly Hunk[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const h of hunks) for (const l of h.lines) {
    if (l.startsWith('+')) added++;
    else if (l.startsWith('-')) removed++;
  }
  return { added, removed };
}
