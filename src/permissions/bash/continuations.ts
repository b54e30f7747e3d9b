import type { Node } from './parser.ts';

/** Nodes inside which tree-sitter keeps a backslash-newline as text, as bash does. */
const WHOLE = new Set(['string', 'raw_string', 'ansi_c_string', 'heredoc_body', 'comment']);

/**
 * Backslash-newline pairs that bash removes before splitting words but tree-sitter-bash
 * reads as a separator: `r\<newline>m -rf ~` is `rm -rf ~` to bash and `r` with
 * arguments to the tree. Returns their positions in `source`.
 */
export function joiningContinuations(source: string, root: Node): number[] {
  const out: number[] = [];
  for (const match of source.matchAll(/\\\n/g)) {
    const at = match.index;
    let backslashes = 0;
    for (let k = at - 1; k >= 0 && source[k] === '\\'; k--) backslashes++;
    if (backslashes % 2 === 1) continue; // `\\<newline>`: an escaped backslash, then a real newline
    const after = source[at + 2];
    if (after === undefined || /\s/.test(after)) continue;
    const before = source[at - 1];
    if (before === undefined || (/\s/.test(before) && source[at - 2] !== '\\')) continue;
    let node: Node | null = root.descendantForIndex(at, at + 2);
    let whole = false;
    for (; node; node = node.parent) if (WHOLE.has(node.type)) whole = true;
    if (!whole) out.push(at);
  }
  return out;
}

/** `source` with the backslash-newline pairs at `positions` removed, as bash reads it. */
export function joinAt(source: string, positions: readonly number[]): string {
  let out = '';
  let from = 0;
  for (const at of positions) {
    out += source.slice(from, at);
    from = at + 2;
  }
  return out + source.slice(from);
}
