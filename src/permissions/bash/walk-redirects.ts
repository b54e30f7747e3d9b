import type { Node } from './parser.ts';
import type { Placement, Word } from './types.ts';
import type { WalkOutput } from './walk.ts';
import { clip } from './words.ts';

/** What the redirect walker needs from the statement walker. */
export interface RedirectWalker {
  readonly out: WalkOutput;
  word(node: Node, context: string): Word;
  problem(message: string, command?: string): void;
  place(): Placement;
}

export const REDIRECTS = new Set(['file_redirect', 'heredoc_redirect', 'herestring_redirect']);

/** Redirect targets that are not files a command could damage. */
const HARMLESS_TARGETS = new Set(['/dev/null', '/dev/stdout', '/dev/stderr']);

/** Records what a redirection writes, walks what it runs (here-doc bodies, pipelines hung on a here-doc). */
export function walkRedirect(w: RedirectWalker, node: Node, context: string, pending: Node[]): void {
  if (node.type === 'herestring_redirect') {
    for (const child of node.children) if (child?.isNamed) w.word(child, context);
    return;
  }
  if (node.type === 'heredoc_redirect') {
    heredoc(w, node, context, pending);
    return;
  }
  const operator = node.children.find((c) => c && !c.isNamed)?.type ?? '';
  const destinations = node.childrenForFieldName('destination');
  const targets = destinations.map((d) => w.word(d, context));
  if (destinations.length > 1) {
    w.problem(`the redirection '${clip(node.text)}' is not modelled`, context);
    return;
  }
  const target = targets[0];
  const isFd = (w: Word | undefined) => w?.kind === 'literal' && /^(\d+|-)$/.test(w.value!);
  if ((operator === '<' || operator === '<>') && target && destinations[0]?.type !== 'process_substitution') {
    w.out.inputs.push({ target, text: node.text, placement: w.place() });
  }
  switch (operator) {
    case '<':
    case '>&-':
    case '<&-':
    case '<&':
      return;
    case '>&':
      if (isFd(target)) return;
      break;
    case '>':
    case '>>':
    case '>|':
    case '&>':
    case '&>>':
    case '<>':
      break;
    default:
      w.problem(`the redirection '${clip(node.text)}' is not modelled`, context);
      return;
  }
  if (!target) {
    w.problem(`the redirection '${clip(node.text)}' has no target`, context);
    return;
  }
  if (destinations[0]?.type === 'process_substitution') return; // writes into a checked command
  if (target.kind === 'literal' && HARMLESS_TARGETS.has(target.value!)) return;
  w.out.writes.push({ target, text: node.text, placement: w.place() });
}

function heredoc(w: RedirectWalker, node: Node, context: string, pending: Node[]): void {
  const start = node.children.find((c) => c?.type === 'heredoc_start');
  // A quoted or escaped delimiter (<<'EOF', <<"EOF", <<\EOF) makes the body literal.
  const literalBody = !start || /['"\\]/.test(start.text);
  for (const child of node.children) {
    if (!child || !child.isNamed) continue;
    switch (child.type) {
      case 'heredoc_start':
      case 'heredoc_end':
        break;
      case 'heredoc_body':
        if (!literalBody) heredocBody(w, child, context);
        break;
      default:
        if (REDIRECTS.has(child.type)) walkRedirect(w, child, context, pending);
        else pending.push(child); // `cat <<EOF | sh`: the rest of the pipeline hangs here
    }
  }
}

/**
 * An unquoted here-document body expands like a double-quoted string. tree-sitter-bash
 * models `$(...)` and `${...}` there but not backticks, which it leaves as plain text:
 * those are refused, and their contents still go to the deny rules as scripts.
 */
function heredocBody(w: RedirectWalker, body: Node, context: string): void {
  let plain = '';
  let at = body.startIndex;
  for (const part of body.children) {
    if (!part?.isNamed || part.type === 'heredoc_content') continue;
    plain += body.text.slice(at - body.startIndex, part.startIndex - body.startIndex);
    at = part.endIndex;
    w.word(part, context);
  }
  plain += body.text.slice(at - body.startIndex);
  const ticks = [...plain.matchAll(/(?<!\\)`((?:\\.|[^`\\])*)`/g)];
  if (/(?<!\\)`/.test(plain)) {
    w.problem(`a backtick substitution inside a here-document is not modelled`, context);
  }
  for (const tick of ticks) w.out.scripts.push({ text: unescapeBackticks(tick[1]!), runner: 'a here-document backtick', origin: 'heredoc' });
}

/** Inside backticks a backslash escapes only `$`, backtick and backslash. */
export function unescapeBackticks(text: string): string {
  return text.replace(/\\([$`\\])/g, '$1');
}

const SHELLS = new Set(['bash', 'sh', 'dash', 'ash', 'zsh', 'ksh', 'mksh']);

/** The shell's name when `words` run a shell that reads its script from stdin (`bash`, `sh -s -x`). */
export function shellReadingStdin(words: readonly Word[]): string | undefined {
  const name = words[0]?.kind === 'literal' ? words[0].value!.slice(words[0].value!.lastIndexOf('/') + 1) : undefined;
  if (name === undefined || !SHELLS.has(name)) return undefined;
  const options = words.slice(1).every((w) => w.kind === 'literal' && /^[-+]/.test(w.value!) && !/^-[a-zA-Z]*c/.test(w.value!));
  return options ? name : undefined;
}

/** The scripts a shell reads from here-documents and here-strings among `redirects`. */
export function stdinScripts(redirects: readonly Node[], word: (node: Node) => Word): string[] {
  const out: string[] = [];
  for (const r of redirects) {
    if (r.type === 'heredoc_redirect') {
      const body = r.children.find((c) => c?.type === 'heredoc_body');
      if (body) out.push(body.text);
    } else if (r.type === 'herestring_redirect') {
      const operand = r.children.find((c) => c?.isNamed);
      const value = operand ? word(operand) : undefined;
      if (value?.kind === 'literal') out.push(value.value!);
    }
  }
  return out;
}
