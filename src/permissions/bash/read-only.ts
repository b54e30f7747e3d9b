import { sedFacts } from './sed-script.ts';
import type { Word } from './types.ts';
import { commandName } from './wrappers.ts';
import { clip } from './words.ts';
import { gitReadOnly } from './read-only-git.ts';
import { namesLongOption, namesOption } from './options.ts';

/** Why a command is not read-only, or undefined when it is. */
export type Check = (args: readonly Word[]) => string | undefined;

export const val = (w: Word | undefined): string | undefined => (w?.kind === 'literal' ? w.value : undefined);

const ANY: Check = () => undefined;

/** Refuses any argument not known before the command runs (it could be a writing flag). */
export const known = (name: string, next: Check = ANY): Check => (args) => {
  const unknown = args.find((w) => w.kind !== 'literal');
  return unknown ? `the ${name} argument '${clip(unknown.text)}' is computed at run time and could be a writing option` : next(args);
};

/**
 * Refuses listed options: exact (`-delete`), long with a value (`--output=x`) and short
 * letters inside clusters (`-nro` contains `o`).
 */
export const forbid = (name: string, options: readonly string[], letters = '', why = 'writes files'): Check => (args) => {
  for (const w of args) {
    const v = val(w);
    if (v === undefined) continue;
    const hit = options.find((o) => namesOption(v, o));
    if (hit) return `${name} ${v} ${why}`;
    if (letters && /^-[a-zA-Z0-9]+$/.test(v) && [...letters].some((l) => v.includes(l))) return `${name} ${v} ${why}`;
  }
  return undefined;
};

const all = (...checks: Check[]): Check => (args) => {
  for (const check of checks) {
    const reason = check(args);
    if (reason) return reason;
  }
  return undefined;
};

/** At most `max` operands (words that are not options): `uniq in out` writes `out`. */
const maxOperands = (name: string, max: number, valued: readonly string[] = []): Check => (args) => {
  let count = 0;
  for (let i = 0; i < args.length; i++) {
    const v = val(args[i]);
    if (v === undefined) return `the ${name} argument '${clip(args[i]!.text)}' is computed at run time`;
    if (valued.includes(v)) i++;
    else if (!v.startsWith('-') || v === '-') count++;
  }
  return count > max ? `${name} with ${count} file operands writes the last one` : undefined;
};

const onlyFlags = (name: string, flags: readonly string[]): Check => (args) => {
  const other = args.find((w) => !flags.includes(val(w) ?? '\0'));
  return other ? `${name} ${clip(other.text)} changes system state` : undefined;
};

/**
 * `read` only assigns shell variables. Lowercase names are plain variables; an uppercase
 * one may be PATH, IFS, BASH_ENV... which change what later commands run.
 */
const readCheck: Check = (args) => {
  for (let i = 0; i < args.length; i++) {
    const v = val(args[i]);
    if (v === undefined) return `the read argument '${clip(args[i]!.text)}' is computed at run time`;
    if (['-r', '-s', '-e'].includes(v)) continue;
    if (['-d', '-n', '-N', '-p', '-t', '-u'].includes(v)) { i++; continue; }
    if (v === '-a' || /^[a-z_][a-z0-9_]*$/.test(v)) {
      if (v === '-a' && !/^[a-z_][a-z0-9_]*$/.test(val(args[++i]) ?? '')) return 'read -a needs a lowercase array name';
      continue;
    }
    return `read ${v} may set a variable that changes what later commands run`;
  }
  return undefined;
};

/**
 * Programs listed only for `--version`: not "read-only programs" in messages.
 * Left out: yarn, pnpm, bun and deno load project configuration that can run
 * code (Yarn's .yarnrc.yml plugins) before they even print a version.
 */
const VERSION_PROGRAMS = new Set(['node', 'npm', 'npx', 'python', 'python3', 'pip', 'pip3', 'go', 'cargo', 'rustc',
  'tsc', 'ruby', 'java', 'gcc', 'clang', 'make', 'docker', 'kubectl', 'terraform']);

const DATE_FLAGS = new Set(['-u', '--utc', '--universal', '-R', '--rfc-email', '--iso-8601', '--debug']);

const VERSION_ONLY: Check = (args) =>
  args.length === 1 && val(args[0]) === '--version' ? undefined : 'only --version is read-only for this program';

/*
 * Left out on purpose: `env`, `printenv`, `ps` (they print every environment variable,
 * API keys included, into the transcript), `awk` (system()), `less`/`man` (pagers run
 * commands), `tee`, `xargs` (seen through as a wrapper instead).
 */
const READ_ONLY: Record<string, Check> = {
  // Programs with no option that writes files or runs other programs.
  ...Object.fromEntries([
    'cat', 'head', 'tail', 'wc', 'echo', 'pwd', 'true', 'false', ':', 'ls', 'dir', 'grep', 'egrep', 'fgrep', 'cut', 'tr', 'nl',
    'od', 'hexdump', 'strings', 'column', 'tac', 'rev', 'fold', 'paste', 'join', 'expand', 'unexpand', 'fmt', 'comm', 'cmp',
    'diff', 'md5sum', 'sha1sum', 'sha224sum', 'sha256sum', 'sha384sum', 'sha512sum', 'b2sum', 'cksum', 'seq', 'sleep',
    'test', '[', '[[', 'which', 'type', 'whoami', 'id', 'groups', 'uname', 'arch', 'nproc', 'tty', 'uptime',
    'free', 'locale', 'basename', 'dirname', 'realpath', 'readlink', 'stat', 'du', 'df', 'cd', 'wait',
  ].map((name) => [name, ANY])),
  find: known('find', forbid('find', ['-delete', '-fprint', '-fprint0', '-fprintf', '-fls', '-exec', '-execdir', '-ok', '-okdir'], '',
    'writes files or runs commands')),
  sed: (args) => {
    const facts = sedFacts(args);
    return facts.write ?? facts.exec;
  },
  sort: known('sort', forbid('sort', ['-o', '--output', '--compress-program'], 'o', 'writes a file or runs a program')),
  rg: known('rg', forbid('rg', ['--pre'], '', 'runs a preprocessor')),
  // jq's `env` and `$ENV` print the environment (API keys included); modules read other files.
  jq: known('jq', (args) => {
    const hit = args.find((w) => /\$ENV\b|(?<![A-Za-z0-9_$.])env\b|\b(import|include)\b/.test(val(w) ?? ''));
    return hit ? `jq '${clip(hit.text)}' reads the environment or other files` : undefined;
  }),
  tree: forbid('tree', ['-o'], '', 'writes its listing to a file'),
  file: forbid('file', ['-C', '--compile'], '', 'compiles a magic file'),
  date: (args) => {
    // Only formats and options that read; anything else might set the clock (`-s`, `--se`, `MMDDhhmm`).
    for (let i = 0; i < args.length; i++) {
      const v = val(args[i]);
      if (v !== undefined && (v.startsWith('+') || DATE_FLAGS.has(v) || /^(--date|--reference|--iso-8601|--rfc-3339)=/.test(v) || /^-I\w*$/.test(v))) continue;
      if (v === '-d' || v === '-r' || v === '--date' || v === '--reference') { i++; continue; }
      return `date ${clip(args[i]!.text)} may set the clock`;
    }
    return undefined;
  },
  hostname: onlyFlags('hostname', ['-f', '-s', '-d', '-i', '-I', '-a', '-A', '-y', '--fqdn', '--short', '--domain', '--ip-address', '--all-ip-addresses', '--alias', '--all-fqdns']),
  uniq: maxOperands('uniq', 1, ['-f', '-s', '-w', '--skip-fields', '--skip-chars', '--check-chars']),
  xxd: all(forbid('xxd', ['-r', '-revert'], '', 'converts back into a binary file'), maxOperands('xxd', 1, ['-c', '-g', '-l', '-o', '-s', '-n', '-cols', '-len', '-seek', '-name'])),
  base64: all(known('base64'), forbid('base64', ['-o', '--output'], '', 'writes a file'), maxOperands('base64', 1, ['-w', '--wrap', '-i', '--input'])),
  printf: forbid('printf', ['-v'], '', 'assigns a shell variable'),
  read: readCheck,
  command: (args) => (/^-[pvV]*[vV]$/.test(val(args[0]) ?? '') ? undefined : 'command runs another command'),
  git: gitReadOnly,
  ...Object.fromEntries([...VERSION_PROGRAMS].map((name) => [name, VERSION_ONLY])),
};

/** Whether the program is in the read-only list at all (its options still decide). */
export function isListedReadOnly(argv: readonly Word[]): boolean {
  const name = commandName(argv[0]);
  return name !== undefined && val(argv[0]) === name && Object.hasOwn(READ_ONLY, name) && !VERSION_PROGRAMS.has(name);
}

/**
 * Why the command that really runs (after wrappers) is not read-only, or undefined when
 * it is safe to run without any rule. A command missing from the list is not read-only;
 * a listed command with a writing or exec option (`find -delete`, `sed -i`, `sort -o`,
 * `git -c`, `--output=`) is not either.
 */
export function readOnlyReason(argv: readonly Word[]): string | undefined {
  const name = commandName(argv[0]);
  if (name === undefined) return `the command name '${clip(argv[0]?.text ?? '')}' is computed at run time`;
  // A path (`./ls`, `/tmp/cat`) may be any program: only bare names are looked up in the list.
  if (val(argv[0]) !== name) return `'${val(argv[0])}' is a path, not a known read-only command`;
  if (!Object.hasOwn(READ_ONLY, name)) return `'${name}' is not a known read-only command`;
  const args = argv.slice(1);
  const output = args.find((w) => ['--output', '--output-file', '--out-file'].some((o) => namesLongOption(val(w) ?? '', o)));
  if (output) return `${name} ${clip(output.text)} writes a file`;
  return READ_ONLY[name]!(args);
}
