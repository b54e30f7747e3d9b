import { lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { SandboxError } from './errors.ts';

/** What stands in for a protected path that does not exist, while commands run. */
export type Placeholder =
  | { readonly kind: 'dir' }
  | { readonly kind: 'file'; readonly content: string };

/** A path mounted read-only over the writable folders. */
export interface ProtectedTarget {
  readonly path: string;
  /**
   * What to create there if nothing is (checked again under the placeholder
   * lock, since another process may remove its own placeholder meanwhile).
   * Absent for a folder protected whole in place of a link inside it.
   */
  readonly placeholder?: Placeholder;
}

interface Candidate {
  readonly path: string;
  readonly placeholder: Placeholder;
  /** Protected whole instead when `path` is a symbolic link (a link can be swapped, its parent cannot). */
  readonly fallback?: string;
  /** Human name for refusals. */
  readonly what: string;
}

const DIR: Placeholder = { kind: 'dir' };
const EMPTY_FILE: Placeholder = { kind: 'file', content: '' };
/** git reads `commondir` when it exists; "." names the git directory itself, which is what no file means. */
const SELF_COMMONDIR: Placeholder = { kind: 'file', content: '.\n' };
/** Past this many git directories under one repository, `.git/modules` or `.git/worktrees` is protected whole. */
const MAX_GIT_DIRS = 64;

/**
 * The paths that stay read-only even inside writable folders, because writing
 * them plants something that runs later without the user running it:
 * each writable folder's `.wren/` (project settings, hooks) and `.mcp.json`
 * (servers started at launch), its git directory's `hooks/`, `config`,
 * `commondir` and `config.worktree` (each can make git run a program), the
 * same for submodules and linked worktrees, and the user config dir (user
 * settings, the trust store).
 *
 * Only paths inside a writable folder are listed: the rest of the filesystem
 * is read-only already. A path that does not exist gets a placeholder, since
 * creating a missing settings file is as good as editing one. A protected path
 * that is a symbolic link cannot be protected by a mount (the link itself can
 * be replaced), so its parent is protected whole where that is a git
 * directory, and the command is refused otherwise.
 */
export function protectedTargets(input: { readonly writable: readonly string[]; readonly configDir: string }): ProtectedTarget[] {
  const inside = (path: string): string | undefined => input.writable.find((root) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep));
  const candidates: Candidate[] = [];
  for (const root of input.writable) {
    if (!isDir(root)) continue;
    if (!looksLikeGitDir(root)) {
      candidates.push({ path: join(root, '.wren'), placeholder: DIR, what: 'the project settings folder' });
      // An empty folder stands in for a missing .mcp.json: git does not see empty folders, so a command's `git add -A` cannot commit it.
      candidates.push({ path: join(root, '.mcp.json'), placeholder: DIR, what: 'the MCP server list' });
      candidates.push(...gitCandidates(root));
    }
    // A writable folder inside a repository (or inside a git directory: allowWrite "repo/.git")
    // is covered by that repository's protections too.
    candidates.push(...enclosingGitCandidates(root));
  }
  // A link on the way to the config dir (~/.wren -> dotfiles/wren) inside a writable folder could be re-pointed.
  const link = swappableLink(resolve(input.configDir), inside);
  if (link) throw refusal(link, 'on the way to the user config folder');
  candidates.push({ path: realPathOfMaybeMissing(input.configDir), placeholder: DIR, what: 'the user config folder' });

  const targets: ProtectedTarget[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const candidate = candidates[i]!;
    const root = inside(candidate.path);
    if (!root) continue;
    const kind = entryKind(candidate.path);
    if (kind === 'symlink') {
      if (!candidate.fallback) throw refusal(candidate.path, candidate.what);
      // The folder holding the link, so the link stays; and what it points to, which git reads through it.
      targets.push({ path: candidate.fallback });
      const real = linkTarget(candidate.path);
      if (real !== candidate.path) candidates.push({ path: real, placeholder: candidate.placeholder, what: candidate.what });
    } else if (kind === 'missing') {
      const missing = firstMissing(root, candidate.path);
      targets.push(missing === candidate.path ? { path: missing, placeholder: candidate.placeholder } : { path: missing, placeholder: DIR });
    } else {
      targets.push({ path: candidate.path, placeholder: candidate.placeholder });
    }
  }
  return outermost(targets);
}

function refusal(path: string, what: string): SandboxError {
  return new SandboxError('PROTECTED_SYMLINK',
    `${path} (${what}) is a symbolic link inside a writable folder, so the sandbox cannot keep it read-only: a command could replace the link. ` +
    'Replace the link with the real file or folder, or turn the sandbox off (settings: "sandbox": { "enabled": false }).');
}

/** The git directory (or `.git` pointer) of the nearest repository above `root`, or the git directory `root` is in. */
function enclosingGitCandidates(root: string): Candidate[] {
  for (let dir = dirname(root), child = root; dir !== child; child = dir, dir = dirname(dir)) {
    if (looksLikeGitDir(child)) return gitDirCandidates(child, { left: MAX_GIT_DIRS }, false);
    if (entryKind(join(dir, '.git')) !== 'missing') return gitCandidates(dir);
  }
  return [];
}

function looksLikeGitDir(dir: string): boolean {
  return entryKind(join(dir, 'HEAD')) === 'other' && entryKind(join(dir, 'objects')) === 'dir';
}

/** The git paths of one working folder: its `.git` directory, or the `.git` file of a linked worktree or submodule and what it points to. */
function gitCandidates(root: string): Candidate[] {
  const dotGit = join(root, '.git');
  const kind = entryKind(dotGit);
  if (kind === 'missing') return [];
  if (kind === 'symlink') return [{ path: dotGit, placeholder: DIR, what: 'the git directory' }];
  const budget = { left: MAX_GIT_DIRS };
  if (kind === 'dir') return gitDirCandidates(dotGit, budget, false);
  // A `.git` file: keep the pointer itself, and the git directory it names.
  const out: Candidate[] = [{ path: dotGit, placeholder: EMPTY_FILE, what: 'the git directory pointer' }];
  const target = readSmall(dotGit)?.match(/^gitdir:\s*(.+?)\s*$/m)?.[1];
  if (target) {
    const gitDir = realPathOfMaybeMissing(resolve(root, target));
    // A linked worktree's git directory names its common directory; a submodule's does not.
    const common = commonDirOf(gitDir);
    const worktreeOf = common ? { worktreeConfig: /worktreeconfig/i.test(readSmall(join(common, 'config')) ?? '') } : false;
    if (isDir(gitDir)) out.push(...gitDirCandidates(gitDir, budget, worktreeOf));
  }
  return out;
}

/** The common directory a git directory's `commondir` names, if it names one. */
function commonDirOf(gitDir: string): string | undefined {
  const common = readSmall(join(gitDir, 'commondir'))?.trim();
  if (!common) return undefined;
  const dir = realPathOfMaybeMissing(isAbsolute(common) ? common : resolve(gitDir, common));
  return dir !== gitDir && isDir(dir) ? dir : undefined;
}

/**
 * hooks/, config, commondir (and config.worktree where git reads it) of one
 * git directory, then of its submodules and linked worktrees. A linked
 * worktree's own directory has no hooks or config of its own (git takes them
 * from the common directory), so only its commondir and config.worktree count.
 */
function gitDirCandidates(gitDir: string, budget: { left: number }, worktreeOf: false | { readonly worktreeConfig: boolean }): Candidate[] {
  const out: Candidate[] = [
    { path: join(gitDir, 'commondir'), placeholder: SELF_COMMONDIR, fallback: gitDir, what: 'git commondir' },
  ];
  // config.worktree is read only with extensions.worktreeConfig, which config (kept read-only) turns on.
  const worktreeConfig = worktreeOf ? worktreeOf.worktreeConfig : /worktreeconfig/i.test(readSmall(join(gitDir, 'config')) ?? '');
  if (!worktreeOf) {
    out.push(
      { path: join(gitDir, 'hooks'), placeholder: DIR, fallback: gitDir, what: 'git hooks' },
      { path: join(gitDir, 'config'), placeholder: EMPTY_FILE, fallback: gitDir, what: 'git config' },
    );
  }
  if (worktreeConfig) {
    out.push({ path: join(gitDir, 'config.worktree'), placeholder: EMPTY_FILE, fallback: gitDir, what: 'git worktree config' });
  }
  const commonDir = commonDirOf(gitDir);
  if (commonDir) {
    out.push(
      { path: join(commonDir, 'hooks'), placeholder: DIR, fallback: commonDir, what: 'git hooks' },
      { path: join(commonDir, 'config'), placeholder: EMPTY_FILE, fallback: commonDir, what: 'git config' },
    );
  }
  if (worktreeOf) return out;
  for (const nest of ['modules', 'worktrees'] as const) {
    const folder = join(gitDir, nest);
    const nested = nestedGitDirs(folder, budget);
    if (nested === 'too-many') out.push({ path: folder, placeholder: DIR, what: `git ${nest}` });
    else for (const dir of nested) out.push(...gitDirCandidates(dir, budget, nest === 'worktrees' ? { worktreeConfig } : false));
  }
  return out;
}

/** Git directories under `.git/modules` (nested by path) or `.git/worktrees`; 'too-many' past the budget. */
function nestedGitDirs(folder: string, budget: { left: number }): string[] | 'too-many' {
  if (entryKind(folder) !== 'dir') return [];
  const found: string[] = [];
  const walk = (dir: string, depth: number): boolean => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return true;
    }
    if (entries.includes('HEAD')) {
      if (--budget.left < 0) return false;
      found.push(dir);
      return true; // its own submodules are under its modules/, handled when it is
    }
    if (depth > 8) return true;
    for (const entry of entries) {
      const child = join(dir, entry);
      if (entryKind(child) === 'dir' && !walk(child, depth + 1)) return false;
    }
    return true;
  };
  for (const entry of safeReaddir(folder)) {
    const child = join(folder, entry);
    if (entryKind(child) === 'dir' && !walk(child, 0)) return 'too-many';
  }
  return found;
}

/** Drops targets inside another target: the outer read-only mount covers them. */
function outermost(targets: readonly ProtectedTarget[]): ProtectedTarget[] {
  const sorted = [...new Map(targets.map((t) => [t.path, t])).values()].sort((a, b) => a.path.length - b.path.length);
  const kept: ProtectedTarget[] = [];
  for (const target of sorted) {
    if (!kept.some((k) => target.path.startsWith(k.path + sep))) kept.push(target);
  }
  return kept;
}

/** The first component of `path` below `root` that does not exist (where a placeholder must go). */
function firstMissing(root: string, path: string): string {
  let current = root;
  for (const part of relative(root, path).split(sep)) {
    current = join(current, part);
    if (entryKind(current) === 'missing') return current;
  }
  return path;
}

/** Where a symbolic link leads, dangling or not (a dangling one is where a write through it would land). */
function linkTarget(path: string): string {
  let current = path;
  for (let hops = 0; hops < 40 && entryKind(current) === 'symlink'; hops++) {
    try {
      current = resolve(realPathOfMaybeMissing(dirname(current)), readlinkSync(current));
    } catch {
      break;
    }
  }
  return realPathOfMaybeMissing(current);
}

/** The real path of `path`, resolving the deepest part that exists (the rest may not exist yet). */
export function realPathOfMaybeMissing(path: string): string {
  const absolute = resolve(path);
  let existing = absolute;
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(existing), ...rest);
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return absolute;
      rest.unshift(basename(existing));
      existing = parent;
    }
  }
}

function entryKind(path: string): 'missing' | 'symlink' | 'dir' | 'other' {
  try {
    const stat = lstatSync(path);
    return stat.isSymbolicLink() ? 'symlink' : stat.isDirectory() ? 'dir' : 'other';
  } catch {
    return 'missing';
  }
}

function isDir(path: string): boolean {
  return entryKind(path) === 'dir';
}

/** A symbolic link on `path`'s way down whose folder is writable (so it could be re-pointed), if any. */
function swappableLink(path: string, inside: (path: string) => string | undefined): string | undefined {
  let prefix = '/';
  for (const part of path.split(sep).filter(Boolean)) {
    prefix = join(prefix, part);
    if (entryKind(prefix) === 'symlink' && inside(realPathOfMaybeMissing(dirname(prefix)))) return prefix;
  }
  return undefined;
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** A small regular file's text (git pointers and config); undefined when absent, not a file or too big. */
function readSmall(path: string): string | undefined {
  try {
    const stat = lstatSync(path);
    if (!stat.isFile() || stat.size > 1024 * 1024) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
