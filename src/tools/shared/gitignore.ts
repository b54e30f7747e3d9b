import picomatch from 'picomatch';

/** What one set of gitignore-style rules says about a path: the last matching rule decides. */
export type IgnoreMatch = 'ignore' | 'whitelist' | undefined;

/** Rules of one ignore file (or one list of `--glob`s), matched against paths relative to their base. */
export interface GitignoreMatcher {
  /** `relPath` uses `/`, has no leading `./`; `isDir` enables dir-only rules (`build/`). */
  match(relPath: string, isDir: boolean): IgnoreMatch;
  /** Number of rules. */
  readonly size: number;
  /** Number of rules without `!`; used as `--glob` lists, these are the whitelisting ones. */
  readonly positives: number;
}

interface Rule {
  readonly test: (path: string) => boolean;
  readonly whitelist: boolean;
  readonly onlyDir: boolean;
}

/**
 * Compiles gitignore lines the way ripgrep's `ignore` crate does (its
 * `GitignoreBuilder::add_line`), so the pure-JS search and `rg` agree on every
 * path: `#` comments, trailing blanks, `!` negation, leading `/` anchoring,
 * trailing `/` for folders only, unslashed globs matching at any depth,
 * `x/**` matching only what is inside x, `*` never crossing `/`, and `{a,b}`.
 * Only the path itself is tested; a walker prunes ignored folders, as rg does.
 */
export function compileGitignore(source: string | readonly string[]): GitignoreMatcher {
  const lines = typeof source === 'string' ? source.split(/\r?\n/) : source;
  const rules: Rule[] = [];
  for (const raw of lines) {
    const rule = parseLine(raw);
    if (rule) rules.push(rule);
  }
  return {
    size: rules.length,
    positives: rules.filter((r) => !r.whitelist).length,
    match(relPath, isDir) {
      for (let i = rules.length - 1; i >= 0; i--) {
        const rule = rules[i]!;
        if (rule.onlyDir && !isDir) continue;
        if (rule.test(relPath)) return rule.whitelist ? 'whitelist' : 'ignore';
      }
      return undefined;
    },
  };
}

function parseLine(raw: string): Rule | undefined {
  let line = raw;
  if (line.startsWith('#')) return undefined;
  if (!line.endsWith('\\ ')) line = line.trimEnd();
  if (line === '') return undefined;
  let whitelist = false;
  let anchored = false;
  if (line.startsWith('\\!') || line.startsWith('\\#')) {
    line = line.slice(1);
    anchored = line.startsWith('/');
  } else {
    if (line.startsWith('!')) {
      whitelist = true;
      line = line.slice(1);
    }
    if (line.startsWith('/')) {
      line = line.slice(1);
      anchored = true;
    }
  }
  let onlyDir = false;
  if (line.endsWith('/')) {
    onlyDir = true;
    line = line.slice(0, -1);
    if (line.endsWith('\\')) line = line.slice(0, -1);
  }
  let glob = line;
  if (!anchored && !line.includes('/') && !line.startsWith('**/') && line !== '**') glob = `**/${glob}`;
  if (glob.endsWith('/**')) glob = `${glob}/*`;
  if (glob === '') return undefined;
  const test = picomatch(glob, { dot: true, nonegate: true, noextglob: true, strictSlashes: true });
  return { test, whitelist, onlyDir };
}
