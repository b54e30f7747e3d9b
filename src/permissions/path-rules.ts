import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { canonicalDir, expandTilde, isInside } from './real-path.ts';
import { literalPrefix } from './tool-families.ts';

/**
 * The forms of a path a file operation touches. Deny and ask rules are checked
 * against both, so neither a symlink nor a symlinked parent hides a denied
 * file; allow rules only against the real one, so a link inside an allowed
 * folder cannot lend its permission to the place it points to.
 */
export interface PathCandidates {
  /** Symlinks and `..` resolved in kernel order (realPathOf). */
  readonly real: string;
  /** `~` expanded and `..` folded lexically, symlinks untouched. */
  readonly lexical: string;
  /** The real path is an existing directory (so `dir/` patterns apply to it). */
  readonly isDirectory: boolean;
}

/** What a pattern is anchored to, and the gitignore pattern relative to it. */
interface Anchored {
  readonly base: string;
  readonly pattern: string;
  /** True when the pattern is rooted at `base` (not "at any depth below"). */
  readonly anchored: boolean;
}

/**
 * Resolves a rule pattern against its root, Claude Code style:
 * `//abs` is absolute, `~/x` is under home, `/x` and `./x` are relative to the
 * rule's root (the settings file's project root), `../x` climbs from it, and a
 * bare `x` matches at any depth below the root, as in a .gitignore.
 */
export function anchorPattern(pattern: string, root: string, home?: string): Anchored {
  if (pattern.startsWith('//')) return { base: '/', pattern: pattern.slice(1), anchored: true };
  if (pattern === '~' || pattern.startsWith('~/')) {
    const rest = pattern === '~' ? '**' : pattern.slice(2);
    return { base: expandTilde('~', home), pattern: `/${rest}`, anchored: true };
  }
  if (pattern.startsWith('/')) return { base: root, pattern, anchored: true };
  let base = root;
  let rest = pattern;
  let climbed = false;
  for (;;) {
    if (rest.startsWith('./')) rest = rest.slice(2);
    else if (rest.startsWith('../')) {
      base = dirname(base);
      rest = rest.slice(3);
      climbed = true;
    } else break;
  }
  if (climbed || pattern.startsWith('./')) return { base, pattern: `/${rest}`, anchored: true };
  return { base, pattern: rest, anchored: false };
}

const MATCHERS = new Map<string, Ignore>();

function matcherFor(pattern: string, caseInsensitive: boolean): Ignore {
  const key = `${caseInsensitive ? 'i' : 's'}:${pattern}`;
  let ig = MATCHERS.get(key);
  if (!ig) {
    ig = ignore({ ignorecase: caseInsensitive, allowRelativePaths: false }).add(pattern);
    MATCHERS.set(key, ig);
  }
  return ig;
}

interface Base {
  readonly base: string;
  readonly pattern: string;
  /** The pattern named exactly this (linked) folder: it covers the folder and all below. */
  readonly whole: boolean;
}

/** The bases a rule is checked from: as written, canonical, and (anchored) its literal prefix's real path. */
function basesOf(anchored: Anchored): { lexical: Base; canonical: Base; linkedPrefix?: Base } {
  const lexical = { base: resolve(anchored.base), pattern: anchored.pattern, whole: false };
  const canonical = { ...lexical, base: canonicalDir(anchored.base) };
  if (!anchored.anchored) return { lexical, canonical };
  // `./secrets/**` where secrets is a link to /vault: also check /vault/**, so the
  // target cannot be reached under its own name.
  const prefix = literalPrefix(anchored.pattern.slice(1));
  if (prefix === '/' || prefix === '') return { lexical, canonical };
  const literal = join(anchored.base, prefix);
  const real = canonicalDir(literal);
  if (real === join(canonical.base, prefix) || real === resolve(literal)) return { lexical, canonical };
  const rest = anchored.pattern.slice(1 + prefix.length).replace(/^\//, '');
  return { lexical, canonical, linkedPrefix: { base: real, pattern: rest === '' ? '' : `/${rest}`, whole: rest === '' } };
}

function matchesFrom(path: string, isDir: boolean, base: string, pattern: string, whole: boolean, ci: boolean, strictDir = false): boolean {
  const a = ci ? path.toLowerCase() : path;
  const b = ci ? base.toLowerCase() : base;
  // A pattern that is exactly a linked folder's name covers the folder and all below it.
  if (whole) return isInside(a, b);
  const rel = relative(b, a);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return false;
  const posix = sep === '/' ? rel : rel.split(sep).join('/');
  if (!ignore.isPathValid(posix)) return false;
  const ig = matcherFor(pattern, ci);
  if (ig.ignores(posix) || (isDir && ig.ignores(`${posix}/`))) return true;
  // `dir/**` covers the folder itself for deny and ask rules: listing a denied folder is reading it.
  return strictDir && pattern.endsWith('/**') && pattern.length > 3 && matcherFor(pattern.slice(0, -3), ci).ignores(posix);
}

/**
 * Whether a path rule matches. `strict` (deny and ask rules) checks every
 * form of the path from every base, case-insensitively: a deny rule over-matching
 * is safe, under-matching is not. Allow rules check only the real path from
 * canonical bases, with the platform's case rule.
 */
export function pathRuleMatches(
  pattern: string,
  root: string,
  path: PathCandidates,
  options: { readonly strict: boolean; readonly caseInsensitive: boolean; readonly home?: string },
): boolean {
  const anchored = anchorPattern(pattern, root, options.home);
  const { lexical, canonical, linkedPrefix } = basesOf(anchored);
  if (options.strict) {
    const bases = linkedPrefix ? [lexical, canonical, linkedPrefix] : [lexical, canonical];
    for (const candidate of new Set([path.real, path.lexical])) {
      for (const b of bases) if (matchesFrom(candidate, path.isDirectory, b.base, b.pattern, b.whole, true, path.isDirectory)) return true;
    }
    return false;
  }
  return matchesFrom(path.real, path.isDirectory, canonical.base, canonical.pattern, false, options.caseInsensitive);
}
