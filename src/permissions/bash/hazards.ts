import { namesLongOption, namesOption } from './options.ts';
import { sedFacts } from './sed-script.ts';
import type { Word } from './types.ts';
import { commandName } from './wrappers.ts';
import { clip } from './words.ts';

/**
 * Ways a command runs code its words do not show: `git -c core.pager=...`, `sed 's/x/y/e'`,
 * `rg --pre cmd`, `tar --to-command=...`. A prefix rule (`Bash(git:*)`) names a program,
 * not every program that program can be told to start, so these always ask unless an
 * exact rule names the whole command. Commands that `find -exec` runs are returned as
 * children instead: they are checked like any other command.
 */
export interface InnerFacts {
  readonly hazards: string[];
  /** argv of commands this one runs (`find -exec cmd {} ;`). */
  readonly children: Word[][];
}

const v = (w: Word | undefined): string | undefined => (w?.kind === 'literal' ? w.value : undefined);
const dynamic = (w: Word): Word => ({ kind: 'dynamic', value: undefined, text: w.text });

/** The first argument whose value is not known before the command runs. */
function firstUnknown(args: readonly Word[]): Word | undefined {
  return args.find((w) => w.kind !== 'literal');
}

function unknownHazard(name: string, w: Word): string {
  return `the ${name} argument '${clip(w.text)}' is computed at run time, so it could become an option that runs commands`;
}

/** Any literal argument equal to one of `names`, or starting with `name=`. */
function hasOption(args: readonly Word[], names: readonly string[]): string | undefined {
  for (const w of args) {
    const value = v(w);
    if (value === undefined) continue;
    if (names.some((name) => namesOption(value, name))) return value;
  }
  return undefined;
}

/** Short option clusters (`-avze`) that contain `letter`. */
function hasShortLetter(args: readonly Word[], letter: string): string | undefined {
  return args.map(v).find((value) => value !== undefined && /^-[a-zA-Z0-9]+$/.test(value) && value.includes(letter));
}

const FIND_EXEC = new Set(['-exec', '-execdir', '-ok', '-okdir']);

function find(args: readonly Word[]): InnerFacts {
  const hazards: string[] = [];
  const children: Word[][] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const value = v(w);
    if (value === undefined) {
      hazards.push(unknownHazard('find', w));
      continue;
    }
    if (!FIND_EXEC.has(value)) continue;
    const end = args.findIndex((t, j) => j > i && (v(t) === ';' || (v(t) === '+' && v(args[j - 1]) === '{}')));
    if (end === -1) {
      hazards.push(`find ${value} has no terminating ';' or '+', so the command it runs is unclear`);
      break;
    }
    const child = args.slice(i + 1, end).map((t) => (v(t)?.includes('{}') ? dynamic(t) : t));
    if (child.length === 0) hazards.push(`find ${value} names no command`);
    else children.push(child);
    i = end;
  }
  return { hazards, children };
}

/** Config keys whose value git runs as a program or that pull in other config. */
const GIT_EXEC_KEYS = /^(alias\.|core\.|include|filter\.|diff\.|merge\.|pager\.|credential|gpg\.|sequence\.|uploadpack\.|receive\.|remote\.|protocol|submodule\.|hook\.|sendemail\.|tar\.|ssh\.|mergetool\.|difftool\.|man\.|web\.|browser\.|instaweb\.|gc\.|url\.|http\.|interactive\.|color\.pager|log\.|notes\.|rebase\.|am\.|apply\.|fsmonitor|worktree\.)/i;

/** Subcommands with options that run programs; their arguments must be known. */
const GIT_SENSITIVE = new Set(['config', 'submodule', 'bisect', 'rebase', 'filter-branch', 'difftool', 'mergetool', 'grep',
  'fetch', 'pull', 'clone', 'push', 'ls-remote', 'archive', 'remote', 'send-email', 'daemon', 'instaweb', 'web--browse', 'var']);

const GIT_VALUED_GLOBALS = new Set(['--list-cmds', '--attr-source']);

/**
 * Global options that make git use another repository (and so its config: core.fsmonitor,
 * diff.external, core.pager run programs) or another place for its own programs. A project
 * can ship such a repository (`evil.git/` committed as plain files), so `git -C evil.git diff`
 * runs the project's code: only an exact rule may allow it.
 */
const GIT_ELSEWHERE: readonly (readonly [option: string, valued: boolean])[] = [
  ['-C', true], ['--git-dir', true], ['--work-tree', true], ['--namespace', true], ['--super-prefix', true],
  ['--exec-path', false], ['--bare', false],
];

function git(args: readonly Word[]): InnerFacts {
  const hazards: string[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const w = args[i]!;
    const value = v(w);
    if (value === undefined) {
      hazards.push(unknownHazard('git', w));
      return { hazards, children: [] };
    }
    if (!value.startsWith('-')) break;
    const elsewhere = GIT_ELSEWHERE.find(([o]) => value === o || value.startsWith(`${o}=`) || (o === '-C' && value.startsWith('-C')));
    if (value.startsWith('-c') || value.startsWith('--config-env')) {
      hazards.push(`git ${value === '-c' ? `-c ${v(args[i + 1]) ?? ''}` : value} sets configuration for this command (core.pager, alias.*, core.sshCommand... run programs)`);
      if (value === '-c' || value === '--config-env') i++;
    } else if (elsewhere) {
      const [option, valued] = elsewhere;
      const shown = valued && value === option ? `${value} ${v(args[i + 1]) ?? ''}` : value;
      hazards.push(option === '--exec-path'
        ? `git ${value} makes git run its subcommands from another directory`
        : `git ${shown} uses another repository, whose config can run programs (core.fsmonitor, diff.external, core.pager)`);
      if (valued && value === option) i++;
    } else if (GIT_VALUED_GLOBALS.has(value)) {
      i++;
    }
  }
  const sub = v(args[i]);
  const rest = beforeDashDash(args.slice(i + 1));
  if (sub === undefined) return { hazards, children: [] };
  const unknown = firstUnknown(rest);
  if (GIT_SENSITIVE.has(sub) && unknown) hazards.push(unknownHazard(`git ${sub}`, unknown));
  const found = (names: string[]) => hasOption(rest, names);
  let hit: string | undefined;
  switch (sub) {
    case 'config':
      hit = gitConfigWrite(rest);
      if (hit) hazards.push(hit);
      break;
    case 'submodule':
      if (rest.some((w) => v(w) === 'foreach')) hazards.push('git submodule foreach runs a shell command in every submodule');
      break;
    case 'bisect':
      if (v(rest[0]) === 'run') hazards.push('git bisect run runs a command');
      break;
    case 'rebase':
      if ((hit = found(['-x', '--exec']))) hazards.push(`git rebase ${hit} runs a shell command after each commit`);
      break;
    case 'filter-branch':
      hazards.push('git filter-branch runs shell filters');
      break;
    case 'difftool':
    case 'mergetool':
      if ((hit = found(['-x', '--extcmd']))) hazards.push(`git ${sub} ${hit} runs a command`);
      break;
    case 'grep':
      if ((hit = found(['-O', '--open-files-in-pager']) ?? hasShortLetter(rest, 'O'))) hazards.push(`git grep ${hit} runs a pager command`);
      break;
    case 'fetch':
    case 'pull':
    case 'clone':
    case 'push':
    case 'ls-remote':
    case 'archive':
      if ((hit = found(['--upload-pack', '--receive-pack', '--exec', '-u']))) hazards.push(`git ${sub} ${hit} runs a program`);
      if (sub === 'clone' && (hit = found(['-c', '--config', '--template']))) hazards.push(`git clone ${hit} sets configuration or hooks that run programs`);
      break;
  }
  return { hazards, children: [] };
}

/** `git config` forms that set a key whose value git may run. */
function gitConfigWrite(args: readonly Word[]): string | undefined {
  const positionals: string[] = [];
  let writeFlag = false;
  for (let i = 0; i < args.length; i++) {
    const value = v(args[i]);
    if (value === undefined) continue;
    if (value === '-e' || namesLongOption(value, '--edit')) return `git config ${value} opens an editor`;
    if (['--add', '--replace-all'].some((o) => namesLongOption(value, o))) writeFlag = true;
    else if (['-f', '--file', '--blob', '--type', '--default', '--comment', '--value'].includes(value)) i++;
    else if (!value.startsWith('-')) positionals.push(value);
  }
  const subcommands = ['get', 'set', 'unset', 'list', 'rename-section', 'remove-section', 'edit'];
  let key: string | undefined;
  let write: boolean;
  if (positionals[0] !== undefined && subcommands.includes(positionals[0])) {
    if (positionals[0] === 'edit') return 'git config edit opens an editor';
    key = positionals[1];
    write = positionals[0] === 'set' || positionals[0] === 'rename-section';
  } else {
    key = positionals[0];
    write = writeFlag || positionals.length >= 2;
  }
  if (write && key !== undefined && GIT_EXEC_KEYS.test(key)) {
    return `git config sets '${key}', a setting git can run as a program`;
  }
  return undefined;
}

/** The arguments before a literal `--`: after it, getopt-style programs read no options. */
function beforeDashDash(args: readonly Word[]): readonly Word[] {
  const end = args.findIndex((w) => v(w) === '--');
  return end === -1 ? args : args.slice(0, end);
}

function options(name: string, names: string[], reason: string, extra?: (args: readonly Word[]) => string | undefined) {
  return (all: readonly Word[]): InnerFacts => {
    const args = beforeDashDash(all);
    const hazards: string[] = [];
    const unknown = firstUnknown(args);
    if (unknown) hazards.push(unknownHazard(name, unknown));
    const hit = hasOption(args, names) ?? extra?.(args);
    if (hit) hazards.push(`${name} ${hit} ${reason}`);
    return { hazards, children: [] };
  };
}

const SSH_COMMAND_OPTION = (args: readonly Word[]): string | undefined =>
  args.map(v).find((value, i) =>
    value !== undefined && /(proxycommand|localcommand|knownhostscommand|proxyusefdpass|permitlocalcommand)/i.test(value) &&
    (value.startsWith('-o') || v(args[i - 1]) === '-o'));

/** Builtins that evaluate array subscripts in variable names as arithmetic (which runs `$(...)`). */
const SUBSCRIPT_BUILTINS = new Set(['printf', 'read', 'mapfile', 'readarray', 'unset', 'declare', 'typeset', 'local',
  'export', 'readonly', 'getopts', 'wait', 'test', '[', 'let', 'shift', 'return', 'exit', 'ulimit']);

const TABLE: Record<string, (args: readonly Word[]) => InnerFacts> = {
  find,
  git,
  sed: (args) => {
    const facts = sedFacts(args);
    return { hazards: facts.exec ? [facts.exec] : [], children: [] };
  },
  sort: options('sort', ['--compress-program'], 'runs a compression program'),
  rg: options('rg', ['--pre'], 'runs a preprocessor command on every file'),
  tar: options('tar', ['--to-command', '-I', '--use-compress-program', '--checkpoint-action', '--info-script', '-F',
    '--new-volume-script', '--rsh-command', '--rmt-command'], 'runs a program',
  (args) => (v(args[0]) !== undefined && /^[a-zA-Z]+$/.test(v(args[0])!) && /[IF]/.test(v(args[0])!) ? v(args[0]) : hasShortLetter(args, 'I') ?? hasShortLetter(args, 'F'))),
  rsync: options('rsync', ['-e', '--rsh', '--rsync-path'], 'runs a remote shell program', (args) => hasShortLetter(args, 'e')),
  ssh: options('ssh', [], 'runs a local command', SSH_COMMAND_OPTION),
  scp: options('scp', ['-S'], 'runs a program', SSH_COMMAND_OPTION),
  sftp: options('sftp', ['-S', '-D'], 'runs a program', SSH_COMMAND_OPTION),
  man: options('man', ['-P', '--pager', '-H', '--html'], 'runs a program'),
  zip: options('zip', ['-TT', '--unzip-command'], 'runs a program'),
  npm: options('npm', ['--script-shell', '--node-options', '--call', '-c', '--shell'], 'runs a program of its choosing'),
  npx: options('npx', ['--script-shell', '--node-options', '--call', '-c', '--shell'], 'runs a program of its choosing'),
  pnpm: options('pnpm', ['--script-shell', '--node-options', '--shell-emulator'], 'runs a program of its choosing'),
  yarn: options('yarn', ['--script-shell', '--node-options'], 'runs a program of its choosing'),
};

/** Hazards and child commands of the command that really runs (after wrappers). */
export function innerFacts(argv: readonly Word[]): InnerFacts {
  const name = commandName(argv[0]);
  if (name === undefined) return { hazards: [], children: [] };
  const args = argv.slice(1);
  const hazards: string[] = [];
  if (SUBSCRIPT_BUILTINS.has(name)) {
    const subscript = args.find((w) => w.kind === 'literal' && /\[.*[$`]/.test(w.value!));
    if (subscript) hazards.push(`'${name}' evaluates the array subscript in '${clip(subscript.text)}' as arithmetic, which can run commands`);
    if (name === 'let') hazards.push(`'let' evaluates arithmetic, whose variables can run commands`);
  }
  const specific = Object.hasOwn(TABLE, name) ? TABLE[name]!(args) : { hazards: [], children: [] };
  return { hazards: [...hazards, ...specific.hazards], children: specific.children };
}
