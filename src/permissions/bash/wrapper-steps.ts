import type { Word } from './types.ts';
import { clip } from './words.ts';

/*
 * One function per wrapper program (env, xargs, timeout, nice, watch, the shells, eval,
 * trap): given the wrapper's argv, where the command it runs starts. Options a function
 * does not know make the wrapper opaque: guessing where the inner command starts is
 * how a hidden command would slip past the rules.
 */

/** How one wrapper layer runs another command. */
export type Step =
  /** The wrapper runs argv.slice(start) (possibly rewritten, for xargs). */
  | { readonly kind: 'inner'; readonly start: number; readonly argv?: readonly Word[]; readonly transparent: boolean }
  /** The wrapper runs nothing else (`env` alone, `command -v x`). */
  | { readonly kind: 'none' }
  /** It runs something, but its options are not modelled. */
  | { readonly kind: 'opaque'; readonly reason: string; readonly tail: number }
  /** It runs a shell string. */
  | { readonly kind: 'shell'; readonly script: Word | undefined; readonly modelled: boolean; readonly reason?: string; readonly problem?: string }
  /** Not a wrapper after all (`bash script.sh`). */
  | { readonly kind: 'plain' };

const value = (w: Word | undefined): string | undefined => (w?.kind === 'literal' ? w.value : undefined);
const dynamicWord = (text: string): Word => ({ kind: 'dynamic', value: undefined, text });

/** The options of a wrapper program. */
export interface OptionSpec {
  /** Options that take no value. */
  readonly flags: readonly string[];
  /** Options that take a value (`-u root`, `-uroot`, `--user=root`, `--user root`). */
  readonly valued: readonly string[];
}

/**
 * Skips the options of a wrapper, returning the index of its first operand, or a reason
 * when an option is not known (then we cannot tell where the wrapped command starts).
 */
export function skipOptions(argv: readonly Word[], spec: OptionSpec, from = 1): { index: number } | { reason: string } {
  let i = from;
  while (i < argv.length) {
    const w = argv[i]!;
    const v = value(w);
    if (v === undefined) return { reason: `the argument '${clip(w.text)}' is computed at run time` };
    if (v === '--') return { index: i + 1 };
    if (!v.startsWith('-') || v === '-') return { index: i };
    if (v.startsWith('--')) {
      const [name] = v.split('=', 1) as [string];
      if (spec.flags.includes(name)) i += 1;
      else if (spec.valued.includes(name)) i += v.includes('=') ? 1 : 2;
      else return { reason: `the option '${v}' is not modelled` };
      continue;
    }
    // A cluster of short options: `-nE`, `-n5`, `-u root`.
    let consumed = 1;
    for (let j = 1; j < v.length; j++) {
      const opt = `-${v[j]}`;
      if (spec.valued.includes(opt)) {
        if (j === v.length - 1) consumed = 2;
        break;
      }
      if (!spec.flags.includes(opt)) return { reason: `the option '${v}' is not modelled` };
    }
    i += consumed;
  }
  return { index: i };
}

export function innerAfter(argv: readonly Word[], spec: OptionSpec, transparent: boolean, from = 1): Step {
  const skipped = skipOptions(argv, spec, from);
  if ('reason' in skipped) return { kind: 'opaque', reason: skipped.reason, tail: from };
  return skipped.index >= argv.length ? { kind: 'none' } : { kind: 'inner', start: skipped.index, transparent };
}

export const SUDO: OptionSpec = {
  flags: ['-E', '-H', '-n', '-k', '-K', '-b', '-P', '-S', '-A', '-B', '--preserve-env', '--set-home', '--non-interactive',
    '--reset-timestamp', '--background', '--stdin', '--askpass', '--bell', '--preserve-groups'],
  valued: ['-u', '-g', '-C', '-D', '-h', '-p', '-U', '-T', '-r', '-t', '-R', '--user', '--group', '--close-from',
    '--chdir', '--host', '--prompt', '--other-user', '--command-timeout', '--role', '--type', '--chroot'],
};

export const XARGS: OptionSpec = {
  flags: ['-0', '-r', '-t', '-p', '-x', '-o', '--null', '--no-run-if-empty', '--verbose', '--interactive', '--exit', '--open-tty'],
  valued: ['-a', '-d', '-E', '-I', '-L', '-n', '-P', '-s', '--arg-file', '--delimiter', '--eof', '--replace', '--max-lines',
    '--max-args', '--max-procs', '--max-chars', '--process-slot-var'],
};

/** Shells whose `-c` string tree-sitter-bash models; others are parsed for deny rules only. */
export const BASH_LIKE = new Set(['bash', 'sh', 'dash', 'ash']);
export const OTHER_SHELLS = new Set(['zsh', 'ksh', 'mksh', 'fish', 'csh', 'tcsh']);

export function shell(argv: readonly Word[], name: string): Step {
  let i = 1;
  let dashC = false;
  while (i < argv.length) {
    const v = value(argv[i]);
    if (v === undefined && dashC) break; // the command string
    if (v === undefined) return { kind: 'opaque', reason: `the argument '${clip(argv[i]!.text)}' is computed at run time`, tail: i };
    if (v === '--' || v === '-') { i++; break; }
    if (!/^[-+]/.test(v)) break;
    if (['--norc', '--noprofile', '--posix', '--login', '--noediting', '--restricted'].includes(v)) { i++; continue; }
    if (v === '-o' || v === '+o' || v === '-O' || v === '+O') { i += 2; continue; }
    if (!/^[-+][eluxvcrnfaBCEhHkmpPT]+$/.test(v)) return { kind: 'opaque', reason: `the ${name} option '${v}' is not modelled`, tail: i };
    if (v.startsWith('-') && v.includes('c')) dashC = true;
    i++;
  }
  if (!dashC) return { kind: 'plain' };
  const script = argv[i];
  if (!script) return { kind: 'opaque', reason: `${name} -c has no command string`, tail: i };
  const modelled = BASH_LIKE.has(name);
  if (script.template !== undefined) {
    // `xargs -I{} sh -c 'rm {}'`: input is pasted into the script, so it can inject commands.
    return { kind: 'shell', script: { kind: 'literal', value: script.template, text: script.text }, modelled: false,
      reason: `${name} -c runs a string that xargs fills in from its input, which can inject commands` };
  }
  return script.kind === 'literal'
    ? { kind: 'shell', script, modelled, ...(modelled ? {} : { reason: `${name} syntax is not bash: what '${name} -c' runs cannot be fully modelled` }) }
    : { kind: 'shell', script: undefined, modelled: false, reason: `${name} -c runs a string computed at run time` };
}

export function env(argv: readonly Word[]): Step & { assignments?: boolean; chdir?: boolean } {
  let i = 1;
  let assignments = false;
  let chdir = false;
  while (i < argv.length) {
    const v = value(argv[i]);
    if (v === undefined) return { kind: 'opaque', reason: `the argument '${clip(argv[i]!.text)}' is computed at run time`, tail: i };
    if (v === '--') { i++; break; }
    if (['-i', '-', '--ignore-environment', '-0', '--null', '-v', '--debug'].includes(v)) { i++; continue; }
    if (/^(-C|--chdir)/.test(v)) chdir = true;
    if (v === '-u' || v === '--unset' || v === '-C' || v === '--chdir') { i += 2; continue; }
    if (/^(-u.|--unset=|-C.|--chdir=)/.test(v)) { i++; continue; }
    if (v.startsWith('-')) return { kind: 'opaque', reason: `the env option '${v}' is not modelled`, tail: i };
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) { assignments = true; i++; continue; }
    break;
  }
  const step: Step = i >= argv.length ? { kind: 'none' } : { kind: 'inner', start: i, transparent: true };
  return { ...step, assignments, chdir };
}

export function xargs(argv: readonly Word[]): Step {
  const skipped = skipOptions(argv, XARGS);
  if ('reason' in skipped) return { kind: 'opaque', reason: skipped.reason, tail: 1 };
  // The replace string: `-I {}`, `-I{}`, `--replace={}`, `-i` (deprecated, means {}).
  let replace: string | undefined;
  for (let i = 1; i < skipped.index; i++) {
    const v = value(argv[i])!;
    if (v === '-I' || v === '--replace') replace = value(argv[i + 1]);
    else if (v.startsWith('-I')) replace = v.slice(2);
    else if (v.startsWith('--replace=')) replace = v.slice('--replace='.length) || '{}';
    else if (v === '-i') replace = '{}';
  }
  const rest = argv.slice(skipped.index);
  // With no command xargs runs echo; its arguments come from stdin, so they are unknown.
  const base: Word[] = rest.length > 0 ? [...rest] : [{ kind: 'literal', value: 'echo', text: 'echo' }];
  const inner = replace
    ? base.map((w, i) => (i > 0 && w.kind === 'literal' && w.value!.includes(replace) ? { ...dynamicWord(w.text), template: w.value! } : w))
    : [...base, dynamicWord('<arguments read from stdin>')];
  return { kind: 'inner', start: skipped.index, argv: [...argv.slice(0, skipped.index), ...inner], transparent: true };
}

export function timeout(argv: readonly Word[]): Step {
  const skipped = skipOptions(argv, {
    flags: ['--preserve-status', '--foreground', '-v', '--verbose'],
    valued: ['-s', '-k', '--signal', '--kill-after'],
  });
  if ('reason' in skipped) return { kind: 'opaque', reason: skipped.reason, tail: 1 };
  // The first operand is the duration.
  if (skipped.index + 1 >= argv.length) return { kind: 'none' };
  return { kind: 'inner', start: skipped.index + 1, transparent: true };
}

export function nice(argv: readonly Word[]): Step {
  const first = value(argv[1]);
  if (first !== undefined && /^-\d+$/.test(first)) return argv.length > 2 ? { kind: 'inner', start: 2, transparent: true } : { kind: 'none' };
  return innerAfter(argv, { flags: [], valued: ['-n', '--adjustment'] }, true);
}

export function watch(argv: readonly Word[]): Step {
  const skipped = skipOptions(argv, {
    flags: ['-d', '-t', '-b', '-e', '-g', '-c', '-p', '-w', '-x', '-C', '-r', '--differences', '--no-title', '--beep',
      '--errexit', '--chgexit', '--color', '--precise', '--no-wrap', '--exec', '--no-color', '--no-rerun'],
    valued: ['-n', '-q', '--interval', '--equexit'],
  });
  if ('reason' in skipped) return { kind: 'opaque', reason: skipped.reason, tail: 1 };
  if (skipped.index >= argv.length) return { kind: 'none' };
  const exec = argv.slice(1, skipped.index).some((w) => value(w) === '--exec' || /^-[a-z]*x/.test(value(w) ?? ''));
  if (exec) return { kind: 'inner', start: skipped.index, transparent: true };
  // Without -x, watch joins its arguments and runs them with `sh -c`.
  const rest = argv.slice(skipped.index);
  if (rest.some((w) => w.kind !== 'literal')) return { kind: 'shell', script: undefined, modelled: false, reason: 'watch runs a string computed at run time' };
  const text = rest.map((w) => w.value).join(' ');
  return { kind: 'shell', script: { kind: 'literal', value: text, text }, modelled: true };
}

export function evalStep(argv: readonly Word[]): Step {
  const problem = `'eval' runs a string as a new command line; it is never auto-allowed`;
  const rest = argv.slice(1);
  if (rest.some((w) => w.kind !== 'literal')) return { kind: 'shell', script: undefined, modelled: false, problem };
  const text = rest.map((w) => w.value).join(' ');
  return { kind: 'shell', script: { kind: 'literal', value: text, text }, modelled: true, problem };
}

export function trap(argv: readonly Word[]): Step {
  const action = argv[1];
  if (!action || argv.length < 3 || value(action)?.startsWith('-')) return { kind: 'none' };
  return action.kind === 'literal'
    ? { kind: 'shell', script: action, modelled: false, reason: `'trap' runs its string later, when a signal arrives` }
    : { kind: 'shell', script: undefined, modelled: false, reason: `'trap' runs a string computed at run time` };
}
