import { innerFacts } from './hazards.ts';
import { loadShellParser, type ParseOptions, type ShellParser } from './parser.ts';
import { isListedReadOnly, readOnlyReason } from './read-only.ts';
import type { AnalysedCommand, Analysis, CommandOrigin, FileRead, FileWrite, Problem, RawCommand, Word } from './types.ts';
import { joinAt, joiningContinuations } from './continuations.ts';
import { movedByCd, type PendingRead } from './moved-by-cd.ts';
import { changesDirectory, readOperands, type ReadOperand } from './read-operands.ts';
import { Walker } from './walk.ts';
import { clip } from './words.ts';
import { unwrap } from './wrappers.ts';

/** Options for analysing one command line. */
export interface AnalyseOptions extends ParseOptions {}

/** `bash -c "bash -c '...'"` nests; past this depth the command is refused. */
const MAX_SHELL_DEPTH = 8;

/** Parses and analyses a command line (loading the parser on first use). Throws BashParseError. */
export async function analyseBashCommand(command: string, options: AnalyseOptions = {}): Promise<Analysis> {
  return analyseWith(await loadShellParser(), command, options);
}

/**
 * Lists every simple command of `source` with what it really runs (wrappers seen
 * through, `bash -c`, `eval` and `find -exec` parsed as their own commands), and every
 * problem and file write. Synchronous once the parser is loaded.
 */
export function analyseWith(parser: ShellParser, source: string, options: AnalyseOptions = {}): Analysis {
  const commands: AnalysedCommand[] = [];
  const problems: Problem[] = [];
  const writes: FileWrite[] = [];
  const inputs: FileWrite[] = [];
  const reads: PendingRead[] = [];
  // One numbering for every walk, so "after the cd" holds across substitutions and shell strings.
  const counter = { next: 0 };

  const visit = (text: string, origin: CommandOrigin, parent: number | undefined, depth: number, runner?: string): void => {
    let tree;
    try {
      tree = parser.parse(text, options);
    } catch (error) {
      if (depth === 0) throw error;
      problems.push({ message: `the string run by ${runner} could not be parsed (${error instanceof Error ? error.message : String(error)})`, command: clip(text, 200) });
      return;
    }
    const walker = new Walker(counter);
    let joins: number[];
    try {
      walker.walk(tree.rootNode, origin);
      joins = joiningContinuations(text, tree.rootNode);
    } finally {
      tree.delete();
    }
    if (joins.length > 0) {
      problems.push({ message: 'a line continuation (backslash-newline) inside a word is not modelled', command: clip(text, 200) });
      // What bash will really run, so deny rules still see it.
      if (depth < MAX_SHELL_DEPTH) visit(joinAt(text, joins), origin, parent, depth + 1, runner ?? 'bash after joining lines');
    }
    const prefix = runner ? `in the string run by ${runner}: ` : '';
    for (const p of walker.out.problems) problems.push(prefix ? { ...p, message: prefix + p.message } : p);
    for (const w of walker.out.writes) writes.push(w);
    for (const r of walker.out.inputs) inputs.push(r);
    for (const raw of walker.out.commands) add(raw, parent, depth);
    for (const script of walker.out.scripts) {
      if (depth + 1 > MAX_SHELL_DEPTH) problems.push({ message: 'shell strings are nested too deeply to analyse' });
      else visit(script.text, script.origin, parent, depth + 1, script.runner);
    }
  };

  const add = (raw: RawCommand, parent: number | undefined, depth: number, placeholderRoots?: readonly ReadOperand[]): void => {
    const unwrapped = unwrap(raw.words);
    const facts = innerFacts(unwrapped.inner);
    checkName(raw.words[0], raw.text);
    if (unwrapped.inner !== raw.words) checkName(unwrapped.inner[0], raw.text);
    for (const message of unwrapped.problems) problems.push({ message, command: clip(raw.text, 200) });
    const hazards = [...unwrapped.hazards, ...facts.hazards];
    const privileged = unwrapped.views.find((v) => !v.transparent);
    let notReadOnly: string | undefined;
    if (hazards.length > 0) notReadOnly = hazards[0];
    else if (privileged) notReadOnly = `'${clip(raw.text)}' runs its command through a wrapper that changes privileges`;
    else if (!unwrapped.selfTransparent) notReadOnly = readOnlyReason(unwrapped.inner);
    const index = commands.push({
      text: raw.text,
      origin: raw.origin,
      views: unwrapped.views,
      inner: unwrapped.inner,
      hazards,
      notReadOnly,
      readOnlyListed: isListedReadOnly(unwrapped.inner),
      selfTransparent: unwrapped.selfTransparent,
      parent,
      opaqueTail: unwrapped.opaqueTail,
      ...(raw.placement ? { placement: raw.placement } : {}),
    }) - 1;
    const operands = readOperands(unwrapped.inner);
    if (notReadOnly === undefined && !unwrapped.selfTransparent) {
      for (const op of operands) {
        // `find dir -exec cat {} ;`: the placeholder is any file below find's starting points.
        const roots = placeholderRoots && op.target.kind === 'dynamic' && op.target.text.includes('{}') ? placeholderRoots : [op];
        for (const r of roots) reads.push({ ...r, recursive: r.recursive || r !== op, command: index, chdir: unwrapped.chdir });
      }
    }
    for (const shell of unwrapped.shellStrings) {
      if (depth + 1 > MAX_SHELL_DEPTH) problems.push({ message: `shell strings are nested too deeply to analyse`, command: clip(raw.text, 200) });
      else visit(shell.text, 'shell-string', index, depth + 1, shell.runner);
    }
    const roots = operands.filter((op) => !op.changesDirectory);
    for (const child of facts.children) {
      const text = child.map((w) => w.text).join(' ');
      add({ text, words: child, origin: 'find-exec', ...(raw.placement ? { placement: raw.placement } : {}) }, index, depth, roots);
    }
  };

  const checkName = (name: Word | undefined, text: string): void => {
    if (!name) return;
    if (name.kind === 'dynamic') problems.push({ message: `the command name '${clip(name.text)}' is computed at run time, so what runs is unknown`, command: clip(text, 200) });
    else if (name.kind === 'glob') problems.push({ message: `the command name '${clip(name.text)}' is a glob pattern, so what runs depends on file names`, command: clip(text, 200) });
  };

  visit(source, 'top', undefined, 0);
  const cds = commands.flatMap((c, i) => (changesDirectory(c.inner) ? [i] : []));
  const moved = movedByCd(commands, cds, reads);
  return {
    source,
    commands,
    problems,
    writes: writes.map((w) => ({ ...w, target: moved.target(w.target, w.placement) })),
    reads: [
      ...moved.reads(),
      ...inputs.map((r): FileRead => ({ target: moved.target(r.target, r.placement), recursive: false, changesDirectory: false, implicit: false })),
    ],
  };
}
