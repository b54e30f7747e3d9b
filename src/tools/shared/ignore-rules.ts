import { access, readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { compileGitignore, type GitignoreMatcher, type IgnoreMatch } from './gitignore.ts';

/** The ignore files of one folder. */
interface Level {
  readonly dir: string;
  readonly rgignore: GitignoreMatcher | undefined;
  readonly dotignore: GitignoreMatcher | undefined;
  readonly gitignore: GitignoreMatcher | undefined;
  readonly gitExclude: GitignoreMatcher | undefined;
  /** The folder holds `.git`: a repository root, where parent .gitignore files stop applying. */
  readonly hasGit: boolean;
}

/** The folders from the filesystem root down to `dir`, inclusive. */
function ancestry(dir: string): string[] {
  const out: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    out.push(d);
    if (dirname(d) === d) break;
  }
  return out.reverse();
}

async function readRules(path: string): Promise<GitignoreMatcher | undefined> {
  try {
    const matcher = compileGitignore(await readFile(path, 'utf8'));
    return matcher.size > 0 ? matcher : undefined;
  } catch {
    return undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Ripgrep's ignore logic (the `ignore` crate with rg's defaults, minus the user's
 * global gitignore): `.rgignore`, `.ignore`, `.gitignore` and `.git/info/exclude`
 * of every folder from the filesystem root down; `.gitignore` rules only inside
 * a git repository and never across its root; per kind the deepest folder with
 * a matching rule decides, and the kinds rank rgignore > ignore > gitignore > exclude.
 * Used by Grep's fallback (so it matches `rg`), Glob and LS.
 */
export class IgnoreRules {
  readonly #levels = new Map<string, Promise<Level>>();

  /** The rules of one folder, read once per instance. */
  level(dir: string): Promise<Level> {
    let level = this.#levels.get(dir);
    if (!level) {
      level = (async () => {
        const [rgignore, dotignore, gitignore, gitExclude, hasGit] = await Promise.all([
          readRules(join(dir, '.rgignore')),
          readRules(join(dir, '.ignore')),
          readRules(join(dir, '.gitignore')),
          readRules(join(dir, '.git', 'info', 'exclude')),
          exists(join(dir, '.git')),
        ]);
        return { dir, rgignore, dotignore, gitignore, gitExclude, hasGit };
      })();
      this.#levels.set(dir, level);
    }
    return level;
  }

  /** The levels that apply to entries of `dir`: from the filesystem root down to `dir`. */
  chain(dir: string): Promise<Level[]> {
    return Promise.all(ancestry(dir).map((d) => this.level(d)));
  }

  /** What the ignore files say about `absPath`, an entry of the last folder of `chain`. */
  decide(chain: readonly Level[], absPath: string, isDir: boolean): IgnoreMatch {
    const anyGit = chain.some((l) => l.hasGit);
    let rg: IgnoreMatch;
    let dot: IgnoreMatch;
    let git: IgnoreMatch;
    let exclude: IgnoreMatch;
    let sawGit = false;
    for (let i = chain.length - 1; i >= 0; i--) {
      const level = chain[i]!;
      const rel = relative(level.dir, absPath).split(sep).join('/');
      rg ??= level.rgignore?.match(rel, isDir);
      dot ??= level.dotignore?.match(rel, isDir);
      if (anyGit && !sawGit) {
        git ??= level.gitignore?.match(rel, isDir);
        exclude ??= level.gitExclude?.match(rel, isDir);
      }
      sawGit ||= level.hasGit;
    }
    return rg ?? dot ?? git ?? exclude;
  }

  /**
   * Whether `absPath` (below `root`) is hidden by ignore rules, itself or through
   * one of its folders between `root` and it: for filtering a flat list of results.
   */
  async isIgnored(root: string, absPath: string, isDir: boolean): Promise<boolean> {
    const parts = relative(root, absPath).split(sep);
    let dir = root;
    for (let i = 0; i < parts.length; i++) {
      const path = join(dir, parts[i]!);
      const last = i === parts.length - 1;
      if (this.decide(await this.chain(dir), path, last ? isDir : true) === 'ignore') return true;
      dir = path;
    }
    return false;
  }
}
