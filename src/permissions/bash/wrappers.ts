import type { CommandView, Word } from './types.ts';
import { clip } from './words.ts';
import {
  BASH_LIKE, OTHER_SHELLS, SUDO, env, evalStep, innerAfter, nice, shell, timeout, trap, watch, xargs, type Step,
} from './wrapper-steps.ts';

/** A shell string some command will run (`bash -c '...'`, `eval ...`, `watch '...'`). */
export interface ShellString {
  readonly text: string;
  /** The program that runs it, for messages. */
  readonly runner: string;
}

/** What seeing through the wrappers of one simple command found. */
export interface Unwrapped {
  readonly views: CommandView[];
  /** The command that really runs (the innermost view's argv). */
  readonly inner: readonly Word[];
  /** Code run in ways the analyser cannot see: a prefix rule never covers these. */
  readonly hazards: string[];
  /** Constructs that are never auto-allowed (eval, env VAR=value). */
  readonly problems: string[];
  readonly shellStrings: ShellString[];
  /** The command's own words need no rule: it only runs `shellStrings`, which are checked. */
  readonly selfTransparent: boolean;
  /** Words after a wrapper that could not be seen through (deny rules try every suffix). */
  readonly opaqueTail: readonly Word[] | undefined;
  /** A wrapper runs the command in another directory (`env -C dir cmd`): its relative paths are unknown. */
  readonly chdir: boolean;
}

const value = (w: Word | undefined): string | undefined => (w?.kind === 'literal' ? w.value : undefined);

/** The basename of a literal command name (`/usr/bin/env` is `env`). */
export function commandName(word: Word | undefined): string | undefined {
  const v = value(word);
  return v === undefined ? undefined : v.slice(v.lastIndexOf('/') + 1);
}

/** One wrapper layer: how to find the command it runs. */
const WRAPPERS: Record<string, (argv: readonly Word[], name: string) => Step> = {
  env,
  // -s, -i, -e, -l... are not modelled options, so they make sudo opaque.
  sudo: (argv) => innerAfter(argv, SUDO, false),
  doas: (argv) => innerAfter(argv, { flags: ['-n', '-L'], valued: ['-u', '-C'] }, false),
  timeout,
  nice,
  nohup: (argv) => innerAfter(argv, { flags: [], valued: [] }, true),
  time: (argv) => innerAfter(argv, { flags: ['-p', '-v', '--portability', '--verbose'], valued: ['-f', '--format'] }, true),
  command: (argv) => {
    for (let i = 1; i < argv.length; i++) {
      const o = value(argv[i]);
      if (o === undefined || !o.startsWith('-') || o === '--') break;
      // `command -v name` only looks the name up.
      if (/^-[pvV]*[vV]/.test(o)) return { kind: 'none' };
    }
    return innerAfter(argv, { flags: ['-p'], valued: [] }, true);
  },
  builtin: (argv) => (argv.length > 1 ? { kind: 'inner', start: 1, transparent: true } : { kind: 'none' }),
  exec: (argv) => innerAfter(argv, { flags: ['-c', '-l'], valued: ['-a'] }, true),
  stdbuf: (argv) => innerAfter(argv, { flags: [], valued: ['-i', '-o', '-e', '--input', '--output', '--error'] }, true),
  setsid: (argv) => innerAfter(argv, { flags: ['-f', '-w', '-c', '--fork', '--wait', '--ctty'], valued: [] }, true),
  ionice: (argv) => innerAfter(argv, { flags: ['-t', '--ignore'], valued: ['-c', '-n', '--class', '--classdata'] }, true),
  // `busybox rm -rf x` runs the rm applet.
  busybox: (argv) => (argv.length > 1 ? { kind: 'inner', start: 1, transparent: false } : { kind: 'none' }),
  coproc: (argv) => (argv.length > 1 ? { kind: 'inner', start: 1, transparent: true } : { kind: 'none' }),
  xargs,
  watch,
  eval: evalStep,
  trap,
  ...Object.fromEntries([...BASH_LIKE, ...OTHER_SHELLS].map((name) => [name, (argv: readonly Word[]) => shell(argv, name)])),
};

/**
 * Sees through wrappers (`env`, `sudo`, `timeout N`, `nice`, `nohup`, `command`, `builtin`,
 * `exec`, `time`, `xargs`, `bash -c`...) to the command that really runs. Each layer adds
 * a view: deny rules are tried on every view, allow rules only on views reached through
 * transparent wrappers (a rule for `npm test` covers `timeout 60 npm test`, not `sudo npm test`).
 */
export function unwrap(words: readonly Word[]): Unwrapped {
  const layers: { argv: readonly Word[]; start: number; transparent: boolean }[] = [];
  const hazards: string[] = [];
  const problems: string[] = [];
  const shellStrings: ShellString[] = [];
  let selfTransparent = false;
  let opaqueTail: readonly Word[] | undefined;
  let chdir = false;
  let argv = words;
  for (let depth = 0; depth < 32; depth++) {
    const name = commandName(argv[0]);
    const wrapper = name === undefined ? undefined : Object.hasOwn(WRAPPERS, name) ? WRAPPERS[name] : undefined;
    if (!wrapper) break;
    const step = wrapper(argv, name!) as Step & { assignments?: boolean; chdir?: boolean };
    if (step.chdir) chdir = true;
    if (step.assignments) {
      problems.push(`'${clip(argv.map((w) => w.text).join(' '))}' sets variables for the command it runs (env VAR=value cmd), which can change what it does`);
    }
    if (step.kind === 'inner') {
      layers.push({ argv, start: step.start, transparent: step.transparent });
      argv = step.argv ? step.argv.slice(step.start) : argv.slice(step.start);
      continue;
    }
    if (step.kind === 'opaque') {
      hazards.push(`'${name}' cannot be seen through (${step.reason}), so the command it runs is unknown`);
      opaqueTail = argv.slice(step.tail);
    } else if (step.kind === 'shell') {
      if (step.problem) problems.push(step.problem);
      if (step.reason) hazards.push(step.reason);
      if (step.script) shellStrings.push({ text: step.script.value!, runner: name! });
      selfTransparent = step.modelled && !step.problem;
    }
    break;
  }
  const views: CommandView[] = [];
  let transparent = true;
  const all = [...layers.map((l) => ({ argv: l.argv, start: l.start })), { argv, start: 0 }];
  for (let i = 0; i < all.length; i++) {
    const innerIndex = all.slice(i).reduce((sum, l) => sum + l.start, 0);
    views.push({ argv: all[i]!.argv, innerIndex, transparent });
    if (i < layers.length && !layers[i]!.transparent) transparent = false;
  }
  return { views, inner: argv, hazards, problems, shellStrings, selfTransparent, opaqueTail, chdir };
}
