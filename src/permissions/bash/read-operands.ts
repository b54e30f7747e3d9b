import type { Word } from './types.ts';
import { commandName } from './wrappers.ts';

/**
 * Which words of a read-only command it reads as files or directories. The read-only
 * list says a command changes nothing; it does not say the command may read anything:
 * `cat ~/.ssh/id_rsa` and `grep -r KEY ~/.aws` are read-only. The engine checks each
 * operand found here against Read rules and the working directories, as the Read tool
 * would be checked. Over-reporting is safe (the engine ignores a word that does not look
 * like a path); missing an operand is not.
 */

/** One operand a command reads. */
export interface ReadOperand {
  readonly target: Word;
  /** Everything below a directory target is read (`grep -r`, `find`, `rg`, `ls -R`, `du`). */
  readonly recursive: boolean;
  /** No operand named it: the cwd. */
  readonly implicit: boolean;
  /** The command moves there (`cd`). */
  readonly changesDirectory: boolean;
}

/** Programs of the read-only list whose operands are not files they read (strings, numbers, names). */
const NOT_FILES = new Set(['echo', 'printf', 'pwd', 'true', 'false', ':', 'seq', 'sleep', 'test', '[', '[[', 'which', 'type',
  'whoami', 'id', 'groups', 'uname', 'arch', 'nproc', 'tty', 'uptime', 'free', 'locale', 'basename', 'dirname', 'realpath',
  'readlink', 'df', 'wait', 'read', 'command', 'date', 'hostname', 'tr']);

const val = (w: Word | undefined): string | undefined => (w?.kind === 'literal' ? w.value : undefined);
const literal = (value: string): Word => ({ kind: 'literal', value, text: value });
const CWD: ReadOperand = { target: literal('.'), recursive: true, implicit: true, changesDirectory: false };

/** How a program's options are read. */
interface Spec {
  /** Options (`--long` or `-x`) that take a value, attached or as the next word. */
  readonly valued?: readonly string[];
  /** Among `valued`: those whose value is a file the program reads (`grep -f patterns.txt`). */
  readonly files?: readonly string[];
  /** Options that give the pattern or script, so the first operand is a file (`grep -e p f`). */
  readonly patterns?: readonly string[];
}

interface Scan {
  /** Operands in order, plus values of options no spec names (`--x=/etc/y`, `-x/etc/y`). */
  readonly operands: Word[];
  /** Values of options the spec says are files. */
  readonly fileValues: Word[];
  /** Every option seen, by name (`-r`, `--recursive`); clusters are split into letters. */
  readonly options: Set<string>;
  /** A pattern option was given. */
  readonly patternGiven: boolean;
}

function scan(args: readonly Word[], spec: Spec = {}): Scan {
  const valued = new Set(spec.valued ?? []);
  const files = new Set(spec.files ?? []);
  const patterns = new Set(spec.patterns ?? []);
  const out: Scan = { operands: [], fileValues: [], options: new Set(), patternGiven: false };
  let patternGiven = false;
  let endOfOptions = false;
  const take = (name: string, value: Word | undefined) => {
    if (patterns.has(name)) patternGiven = true;
    if (value && files.has(name)) out.fileValues.push(value);
  };
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    if (w.processSubstitution) continue; // a pipe from a command that is checked on its own
    // A glob that starts with a dash (`--include=*.ts`) is an option too: no file is named like that.
    const v = w.kind === 'dynamic' ? undefined : w.value;
    if (endOfOptions || v === undefined || !v.startsWith('-') || v === '-') {
      if (v !== '-') out.operands.push(w);
      continue;
    }
    if (v === '--') { endOfOptions = true; continue; }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const name = eq === -1 ? v : v.slice(0, eq);
      const inline = eq === -1 ? undefined : literal(v.slice(eq + 1));
      out.options.add(name);
      if (valued.has(name)) take(name, inline ?? args[++i]);
      else if (inline && inline.value !== '') out.operands.push(inline);
      continue;
    }
    for (let j = 1; j < v.length; j++) {
      const name = `-${v[j]}`;
      out.options.add(name);
      const rest = v.slice(j + 1);
      if (valued.has(name)) {
        take(name, rest !== '' ? literal(rest) : args[++i]);
        break;
      }
      if (patterns.has(name)) patternGiven = true;
      // An option no spec names, with a path glued on (`-I/etc`): check the path.
      if (/^[/~]/.test(rest)) {
        out.operands.push(literal(rest));
        break;
      }
    }
  }
  return { ...out, patternGiven };
}

const reads = (words: readonly Word[], recursive: boolean): ReadOperand[] =>
  words.map((target) => ({ target, recursive, implicit: false, changesDirectory: false }));

const hasAny = (s: Scan, names: readonly string[]): boolean => names.some((n) => s.options.has(n));

const GREP: Spec = {
  valued: ['-e', '-f', '--regexp', '--file', '-m', '--max-count', '-A', '-B', '-C', '--context', '--after-context',
    '--before-context', '-d', '--directories', '-D', '--devices', '--label', '--include', '--exclude', '--exclude-dir'],
  files: ['-f', '--file', '--exclude-from'],
  patterns: ['-e', '-f', '--regexp', '--file'],
};

function grep(args: readonly Word[]): ReadOperand[] {
  const s = scan(args, GREP);
  const files = s.patternGiven ? s.operands : s.operands.slice(1);
  const recursive = hasAny(s, ['-r', '-R', '--recursive', '--dereference-recursive']) ||
    args.some((w, i) => (val(w) === '-d' || val(w) === '--directories') && val(args[i + 1]) === 'recurse') ||
    args.some((w) => val(w) === '--directories=recurse' || val(w) === '-drecurse');
  const out = [...reads(files, recursive), ...reads(s.fileValues, false)];
  return recursive && files.length === 0 ? [...out, CWD] : out;
}

const RG: Spec = {
  valued: ['-e', '-f', '--regexp', '--file', '-g', '--glob', '--iglob', '-t', '--type', '-T', '--type-not', '-m', '--max-count',
    '-A', '-B', '-C', '--context', '-r', '--replace', '-M', '--max-columns', '-d', '--max-depth', '-j', '--threads', '--ignore-file',
    '--type-add', '--color', '--colors', '-E', '--encoding', '--sort', '--sortr'],
  files: ['-f', '--file', '--ignore-file'],
  patterns: ['-e', '-f', '--regexp', '--file'],
};

function rg(args: readonly Word[]): ReadOperand[] {
  const s = scan(args, RG);
  const files = s.patternGiven || hasAny(s, ['--files', '--type-list']) ? s.operands : s.operands.slice(1);
  const out = [...reads(files, true), ...reads(s.fileValues, false)];
  return files.length === 0 ? [...out, CWD] : out;
}

/** find's starting points: the operands before its expression. */
function find(args: readonly Word[]): ReadOperand[] {
  const roots: Word[] = [];
  for (const w of args) {
    const v = val(w);
    if (v !== undefined && (v.startsWith('-') || v === '(' || v === '!' || v === ',')) break;
    roots.push(w);
  }
  return roots.length === 0 ? [CWD] : reads(roots, true);
}

/** A listing program: recursive when told to (or always), the cwd when given no operand. */
const listing = (always: boolean, flags: readonly string[], spec: Spec = {}) => (args: readonly Word[]): ReadOperand[] => {
  const s = scan(args, spec);
  const recursive = always || hasAny(s, flags);
  return s.operands.length === 0 ? [{ ...CWD, recursive }] : reads(s.operands, recursive);
};

function cd(args: readonly Word[]): ReadOperand[] {
  let i = 0;
  while (i < args.length && /^-[LPe@]+$/.test(val(args[i]) ?? '')) i++;
  if (val(args[i]) === '--') i++;
  const target = args[i];
  const word: Word = target === undefined ? literal('~')
    // `cd -` goes to $OLDPWD.
    : val(target) === '-' ? { kind: 'dynamic', value: undefined, text: '-' } : target;
  return [{ target: word, recursive: false, implicit: false, changesDirectory: true }];
}

const SED: Spec = {
  valued: ['-e', '-f', '--expression', '--file', '-l', '--line-length'],
  files: ['-f', '--file'],
  patterns: ['-e', '-f', '--expression', '--file'],
};

function sed(args: readonly Word[]): ReadOperand[] {
  const s = scan(args, SED);
  return reads([...(s.patternGiven ? s.operands : s.operands.slice(1)), ...s.fileValues], false);
}

function jq(args: readonly Word[]): ReadOperand[] {
  const end = args.findIndex((w) => ['--args', '--jsonargs'].includes(val(w) ?? ''));
  const own = end === -1 ? args : args.slice(0, end);
  const s = scan(own, { valued: ['--indent', '-f', '--from-file', '-L'], files: ['-f', '--from-file', '-L'], patterns: ['-f', '--from-file'] });
  // `--arg name value` and `--rawfile name file` take two words: drop names and values, keep files.
  const skipped = new Set<Word>();
  const files: Word[] = [];
  own.forEach((w, i) => {
    const v = val(w);
    if (!['--arg', '--argjson', '--rawfile', '--slurpfile'].includes(v ?? '')) return;
    if (own[i + 1]) skipped.add(own[i + 1]!);
    if (own[i + 2]) skipped.add(own[i + 2]!);
    if ((v === '--rawfile' || v === '--slurpfile') && own[i + 2]) files.push(own[i + 2]!);
  });
  const operands = s.operands.filter((w) => !skipped.has(w));
  return reads([...(s.patternGiven ? operands : operands.slice(1)), ...s.fileValues, ...files], false);
}

/** Read-only git subcommands read revisions and paths; grep and ls-files read the whole tree. */
function git(args: readonly Word[]): ReadOperand[] {
  let i = 0;
  while (i < args.length && (val(args[i]) ?? '').startsWith('-')) i++;
  const sub = val(args[i]);
  const rest = args.slice(i + 1);
  if (sub === 'grep') return [...grep(rest).filter((r) => !r.implicit).map((r) => ({ ...r, recursive: true })), CWD];
  if (sub === 'ls-files') return [...reads(scan(rest).operands, true), CWD];
  return reads(scan(rest, { valued: ['-n', '--max-count', '-L', '-S', '-G'] }).operands, false);
}

const PROGRAMS: Readonly<Record<string, (args: readonly Word[]) => ReadOperand[]>> = {
  cd,
  grep,
  egrep: grep,
  fgrep: grep,
  rg,
  find,
  sed,
  jq,
  git,
  ls: listing(false, ['-R', '--recursive'], { valued: ['-I', '--ignore', '-T', '--tabsize', '-w', '--width', '--hide'] }),
  dir: listing(false, ['-R', '--recursive'], { valued: ['-I', '--ignore', '-T', '--tabsize', '-w', '--width', '--hide'] }),
  tree: listing(true, [], { valued: ['-L', '-P', '-I', '--filelimit', '--charset'] }),
  du: listing(true, [], { valued: ['-d', '--max-depth', '-t', '--threshold', '-B', '--block-size', '--exclude'] }),
  head: (args) => reads(scan(args, { valued: ['-n', '-c', '--lines', '--bytes'] }).operands, false),
  tail: (args) => reads(scan(args, { valued: ['-n', '-c', '--lines', '--bytes', '-s', '--sleep-interval', '--pid'] }).operands, false),
  sort: (args) => {
    const s = scan(args, { valued: ['-k', '--key', '-t', '--field-separator', '-S', '--buffer-size', '-T', '--temporary-directory',
      '--parallel', '--files0-from'], files: ['--files0-from'] });
    return reads([...s.operands, ...s.fileValues], false);
  },
};

/** What the command that really runs (after wrappers) reads; empty when its operands are not files. */
export function readOperands(argv: readonly Word[]): ReadOperand[] {
  const name = commandName(argv[0]);
  if (name === undefined || NOT_FILES.has(name)) return [];
  const args = argv.slice(1);
  const specific = Object.hasOwn(PROGRAMS, name) ? PROGRAMS[name] : undefined;
  return specific ? specific(args) : reads(scan(args).operands, false);
}

/** Whether this command changes the shell's directory for the commands after it. */
export function changesDirectory(argv: readonly Word[]): boolean {
  const name = commandName(argv[0]);
  return name === 'cd' || name === 'pushd' || name === 'popd';
}
