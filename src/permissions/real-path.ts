import { lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, parse, relative, resolve, sep } from 'node:path';

/** Symlink hops followed before a path is declared a loop (Linux's own limit is 40). */
const MAX_LINK_HOPS = 40;

/** `~` and `~/x` expand to the home directory; `~user` is left alone (never expanded). */
export function expandTilde(path: string, home: string = homedir()): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return join(home, path.slice(2));
  return path;
}

/** The lexical absolute form: `~` expanded, `.` and `..` folded, no filesystem access. */
export function lexicalPath(path: string, cwd: string, home?: string): string {
  return resolve(cwd, expandTilde(path, home));
}

/**
 * The real path a file operation on `path` would touch, even when the file does
 * not exist yet: symlinks (including dangling ones and symlinked parents) are
 * followed segment by segment in the order the kernel follows them, so
 * `link/../x` goes through the link's target before `..`, as open(2) would.
 * Missing segments are appended as they are: they cannot be links.
 * A loop of links throws (ELOOP), like the kernel; callers treat that as fail-closed.
 */
export function realPathOf(path: string, cwd: string, home?: string): string {
  const expanded = expandTilde(path, home);
  // Not path.join: it folds `link/..` lexically, before the link is followed.
  const native = sep === '/' ? expanded : expanded.split('/').join(sep);
  const start = isAbsolute(native) ? native : `${cwd}${sep}${native}`;
  const root = parse(start).root;
  // Segments still to walk, first at the end so pop() is cheap.
  const pending = start.slice(root.length).split(sep).filter((s) => s !== '' && s !== '.').reverse();
  let current = canonicalRoot(root);
  let hops = 0;
  let missing = false;
  while (pending.length > 0) {
    const segment = pending.pop()!;
    if (segment === '..') {
      current = dirname(current);
      continue;
    }
    const next = join(current, segment);
    if (missing) {
      current = next;
      continue;
    }
    let isLink = false;
    try {
      isLink = lstatSync(next).isSymbolicLink();
    } catch {
      // Nothing here: the rest cannot contain links, but `..` still folds lexically.
      missing = true;
      current = next;
      continue;
    }
    if (!isLink) {
      current = next;
      continue;
    }
    if (++hops > MAX_LINK_HOPS) {
      throw Object.assign(new Error(`too many levels of symbolic links at ${next}`), { code: 'ELOOP' });
    }
    const target = readlinkSync(next);
    const targetRoot = isAbsolute(target) ? parse(target).root : '';
    if (targetRoot) current = canonicalRoot(targetRoot);
    const rel = target.slice(targetRoot.length);
    const parts = rel.split(sep).filter((s) => s !== '' && s !== '.');
    for (let i = parts.length - 1; i >= 0; i--) pending.push(parts[i]!);
  }
  return current;
}

function canonicalRoot(root: string): string {
  try {
    return realpathSync.native(root);
  } catch {
    return root;
  }
}

/**
 * The canonical form of a directory that should exist (cwd, additional
 * directories, a rule's base): its real path when it exists, else its
 * real-path-of-deepest-ancestor form.
 */
export function canonicalDir(path: string, cwd: string = process.cwd(), home?: string): string {
  const absolute = lexicalPath(path, cwd, home);
  try {
    return realpathSync.native(absolute);
  } catch {
    try {
      return realPathOf(absolute, cwd, home);
    } catch {
      return absolute;
    }
  }
}

/**
 * True when `child` is `parent` or lies below it. Both must be absolute and
 * already resolved. A string prefix is not containment: `/srv/app-evil` is not inside `/srv/app`.
 */
export function isInside(child: string, parent: string, caseInsensitive = false): boolean {
  const a = caseInsensitive ? child.toLowerCase() : child;
  const b = caseInsensitive ? parent.toLowerCase() : parent;
  const rel = relative(b, a);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** Whether this platform's default filesystems compare names without case (macOS, Windows). */
export function defaultCaseInsensitive(platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'darwin' || platform === 'win32';
}

/** Whether `path` names an existing directory (following links). */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
