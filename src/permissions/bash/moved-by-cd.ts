import type { AnalysedCommand, FileRead, Placement, Word } from './types.ts';

/** A read found by the analyser, before "after a cd" is applied. */
export type PendingRead = FileRead & {
  /** A wrapper runs the command in another directory (`env -C dir cat x`). */
  readonly chdir: boolean;
};

/** Rewrites relative paths whose directory a `cd` may have changed. */
export interface MovedByCd {
  /** The word as the check must see it: dynamic when it is relative and runs after a cd. */
  target(word: Word, placement: Placement | undefined): Word;
  /** The reads, with relative ones after a cd made dynamic (and the cwd read as each cd target). */
  reads(): FileRead[];
}

const relative = (w: Word): boolean => w.kind !== 'dynamic' && !w.value!.startsWith('/') && !w.value!.startsWith('~');
const dynamic = (w: Word): Word => ({ kind: 'dynamic', value: undefined, text: w.text });
const strip = ({ chdir: _chdir, ...read }: PendingRead): FileRead => read;

/**
 * The engine resolves a relative path against the session's cwd, but after `cd ~ && ...`
 * the shell resolves it against another folder: `cd ~ && echo x >> .bashrc` writes
 * ~/.bashrc. So a relative path that runs after a cd/pushd/popd (or inside a loop or a
 * function when the line has one: it may run again later) cannot be checked: it is
 * dynamic, and asks. A command's own cwd (`ls`, `find` with no operand) after a cd is
 * the cd's target, which is checked instead; `cds` are the indexes of those commands.
 */
export function movedByCd(commands: readonly AnalysedCommand[], cds: readonly number[], reads: readonly PendingRead[]): MovedByCd {
  let first = Infinity;
  let repeated = false;
  for (const i of cds) {
    const p = commands[i]!.placement;
    if (!p || p.repeated) repeated = true;
    else first = Math.min(first, p.order);
  }
  const isMoved = (p: Placement | undefined): boolean => cds.length > 0 && (!p || repeated || p.repeated || p.order > first);
  const target = (word: Word, p: Placement | undefined): Word => (relative(word) && isMoved(p) ? dynamic(word) : word);
  const placementOf = (r: FileRead) => (r.command === undefined ? undefined : commands[r.command]?.placement);
  const effective = (r: PendingRead): Word => (relative(r.target) && (r.chdir || isMoved(placementOf(r))) ? dynamic(r.target) : r.target);

  // Where each cd goes, as checked; undefined when some cd's target is not known (pushd, popd).
  let cdTargets: Word[] | undefined = [];
  for (const i of cds) {
    const own = reads.filter((r) => r.command === i && r.changesDirectory);
    if (own.length === 0) cdTargets = undefined;
    else cdTargets?.push(...own.map(effective));
  }
  return {
    target,
    reads: () => reads.flatMap((r): FileRead[] => {
      const word = effective(r);
      if (word === r.target) return [strip(r)];
      // `cd src && ls`: the listing is of '.' or of where a cd went; each is checked.
      if (r.implicit && !r.chdir && cdTargets) return [strip(r), ...cdTargets.map((t) => ({ ...strip(r), target: t, implicit: false }))];
      return [{ ...strip(r), target: word }];
    }),
  };
}
