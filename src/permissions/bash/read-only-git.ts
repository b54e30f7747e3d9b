import type { Word } from './types.ts';
import { namesOption } from './options.ts';
import { clip } from './words.ts';

type Check = (args: readonly Word[]) => string | undefined;

const val = (w: Word | undefined): string | undefined => (w?.kind === 'literal' ? w.value : undefined);

/**
 * Global options that change nothing about which repository (and so which config) git uses.
 * Not here: `-c`, `--config-env`, `--exec-path`, `-p`, and everything that points git at another
 * repository (`-C`, `--git-dir`, `--work-tree`, `--bare`, `--namespace`, `--super-prefix`): a
 * repository the project ships (a committed `evil.git/`) has a config whose core.fsmonitor,
 * diff.external or core.pager git runs. hazards.ts makes those ask even under `Bash(git:*)`.
 */
const SAFE_GLOBALS = new Set(['--no-pager', '-P', '--no-optional-locks', '--literal-pathspecs', '--glob-pathspecs',
  '--noglob-pathspecs', '--icase-pathspecs', '--no-replace-objects']);

/** Options of the reading subcommands that write files or run programs. */
const WRITING = ['--output', '--ext-diff', '--open-files-in-pager', '-O', '--textconv', '--filters', '--exec', '--upload-pack'];

function positionals(args: readonly Word[], valued: readonly string[] = []): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = val(args[i])!;
    if (valued.includes(v)) i++;
    else if (!v.startsWith('-')) out.push(v);
  }
  return out;
}

const ANY: Check = () => undefined;

/** Listing forms only: options from `allowed`, operands only with `--list`/`-l`. */
const listing = (name: string, allowed: readonly string[], valued: readonly string[]): Check => (args) => {
  const list = args.some((w) => ['--list', '-l'].includes(val(w)!));
  for (let i = 0; i < args.length; i++) {
    const v = val(args[i])!;
    const bare = v.split('=', 1)[0]!;
    if (valued.includes(v)) { i++; continue; }
    if (v.startsWith('-')) {
      if (!allowed.includes(bare) && !valued.includes(bare) && !/^-n\d*$/.test(v) && !/^-v+$/.test(v)) return `git ${name} ${v} changes the repository`;
    } else if (!list) {
      return `git ${name} ${v} creates or changes a ${name}`;
    }
  }
  return undefined;
};

const CONFIG_READ_OPTIONS = new Set(['--get', '--get-all', '--get-regexp', '--get-urlmatch', '--list', '-l', '--global', '--system',
  '--local', '--worktree', '--show-origin', '--show-scope', '--null', '-z', '--name-only', '--bool', '--int', '--bool-or-int',
  '--path', '--expiry-date', '--includes', '--no-includes', '--fixed-value']);
const CONFIG_VALUED = new Set(['-f', '--file', '--blob', '--type', '--default']);

const LIST_VALUED = ['--contains', '--no-contains', '--merged', '--no-merged', '--points-at', '--sort', '--format', '--column'];

const SUBCOMMANDS: Record<string, Check> = {
  ...Object.fromEntries(['status', 'diff', 'log', 'show', 'blame', 'annotate', 'shortlog', 'describe', 'rev-parse', 'rev-list',
    'ls-files', 'ls-tree', 'cat-file', 'grep', 'merge-base', 'name-rev', 'show-ref', 'for-each-ref', 'check-ignore', 'check-attr',
    'diff-tree', 'diff-files', 'diff-index', 'whatchanged', 'range-diff', 'cherry', 'count-objects', 'version', 'show-branch',
  ].map((name) => [name, ANY])),
  branch: listing('branch', ['-a', '-r', '--all', '--remotes', '--list', '-l', '--verbose', '--show-current', '--color', '--no-color',
    '--no-column', '-i', '--ignore-case', '--abbrev', '--no-abbrev', '--omit-empty'], LIST_VALUED),
  tag: listing('tag', ['--list', '-l', '--color', '--no-color', '--no-column', '-i', '--ignore-case', '--omit-empty'], LIST_VALUED),
  remote: (args) => {
    const first = positionals(args)[0];
    const flagsOk = args.every((w) => !val(w)!.startsWith('-') || ['-v', '--verbose'].includes(val(w)!));
    return flagsOk && (first === undefined || first === 'get-url') ? undefined : `git remote ${clip(args.map((w) => w.text).join(' '))} is not a listing`;
  },
  config: (args) => {
    // Options are allowlisted: git accepts abbreviations (`--ed` is --edit, `--unset-a` is --unset-all).
    const values = args.map((w) => val(w)!);
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!v.startsWith('-')) continue;
      if (CONFIG_VALUED.has(v)) { i++; continue; }
      const bare = v.split('=', 1)[0]!;
      if (!CONFIG_READ_OPTIONS.has(v) && !(CONFIG_VALUED.has(bare) && v.includes('='))) return `git config ${v} is not a reading option`;
    }
    if (values.some((v) => ['--get', '--get-all', '--get-regexp', '--get-urlmatch', '--list', '-l'].includes(v))) return undefined;
    const operands = positionals(args, [...CONFIG_VALUED]);
    if (operands[0] === 'get' || operands[0] === 'list') return undefined;
    return operands.length <= 1 ? undefined : `git config ${operands.join(' ')} sets a value`;
  },
  stash: (args) => (['list', 'show'].includes(positionals(args)[0] ?? '') ? undefined : 'git stash changes the working tree'),
  reflog: (args) => (['expire', 'delete', 'drop'].includes(positionals(args)[0] ?? '') ? 'git reflog expire/delete changes the reflog' : undefined),
  worktree: (args) => (positionals(args)[0] === 'list' ? undefined : 'git worktree changes worktrees'),
  notes: (args) => (['list', 'show'].includes(positionals(args)[0] ?? 'list') ? undefined : 'git notes changes notes'),
  'symbolic-ref': (args) =>
    args.some((w) => ['-d', '--delete'].includes(val(w)!)) || positionals(args).length > 1 ? 'git symbolic-ref changes a ref' : undefined,
};

/** git is read-only for listing and inspecting subcommands, without -c, --output=, pagers or external diff. */
export function gitReadOnly(args: readonly Word[]): string | undefined {
  const unknown = args.find((w) => w.kind !== 'literal');
  if (unknown) return `the git argument '${clip(unknown.text)}' is computed at run time and could be a writing option`;
  let i = 0;
  for (; i < args.length; i++) {
    const v = val(args[i])!;
    if (!v.startsWith('-')) break;
    if (SAFE_GLOBALS.has(v)) continue;
    if (v === '--version' && args.length === 1) return undefined;
    return `git ${v} is not a read-only option (it can set configuration, pagers or programs)`;
  }
  const sub = val(args[i]);
  if (sub === undefined) return 'git without a subcommand';
  if (!Object.hasOwn(SUBCOMMANDS, sub)) return `'git ${sub}' is not a known read-only git command`;
  const rest = args.slice(i + 1);
  for (const w of rest) {
    const v = val(w)!;
    const hit = WRITING.find((o) => namesOption(v, o) || (o === '-O' && /^-[a-zA-Z]*O/.test(v)));
    if (hit) return `git ${sub} ${v} writes a file or runs a program`;
  }
  return SUBCOMMANDS[sub]!(rest);
}
