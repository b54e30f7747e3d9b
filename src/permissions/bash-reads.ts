import { existsSync, readdirSync } from 'node:fs';
import { glob } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { BashRead } from './bash/index.ts';
import { strictest, type PermissionDecision } from './decision.ts';
import { anchorPattern, pathRuleMatches } from './path-rules.ts';
import { canonicalDir, expandTilde, isDirectory, isInside, lexicalPath } from './real-path.ts';
import type { PermissionRule } from './rule-parse.ts';
import { fileFamilyOf, literalPrefix } from './tool-families.ts';

/** What the engine lends this check for one Bash command. */
export interface BashReadContext {
  /** The folder the command runs in (the live session cwd). */
  readonly cwd: string;
  readonly home: string;
  readonly rules: readonly PermissionRule[];
  readonly workingDirectories: readonly string[];
  readonly caseInsensitive: boolean;
  /**
   * The whole Bash tool is granted (a `Bash` allow rule, bypassPermissions): a read that
   * only asks because no rule allows it runs. Rule asks, protected reads and reads a deny
   * rule could cover still ask.
   */
  readonly wholeTool: boolean;
  /** The engine's verdict on reading one path (Read rules, containment, protected reads). */
  checkRead(path: string): Promise<PermissionDecision>;
}

/**
 * The engine's verdict on a file a Bash redirection writes: an Edit of it (`edit`), except
 * that `~user`, `~+` and `~-` are expanded by bash to folders the engine cannot see.
 */
export function decideBashWrite(path: string, edit: (path: string) => Promise<PermissionDecision>): Promise<PermissionDecision> {
  if (/^~[^/]/.test(path)) return Promise.resolve(ask(`bash expands '${path}' to another user's home or folder, which is not checked`));
  return edit(path);
}

/** Devices whose reads reveal nothing. */
const HARMLESS = new Set(['/dev/null', '/dev/zero', '/dev/random', '/dev/urandom', '/dev/stdin', '/dev/stdout', '/dev/stderr', '/dev/tty']);
/** Matches of one glob checked before giving up on the glob (and relying on the folder it starts in). */
const GLOB_LIMIT = 500;
/** Entries walked below a folder read recursively, looking for a file a Read rule covers. */
const WALK_LIMIT = 2000;

const SOURCE = 'bash read check';
const ask = (reason: string, source = SOURCE): PermissionDecision => ({ behavior: 'ask', reason, source });
const allow = (reason: string): PermissionDecision => ({ behavior: 'allow', reason, source: SOURCE });

/** Read-family deny and ask rules on paths: what a read the engine cannot see in full could break. */
function guardingRules(rules: readonly PermissionRule[]): PermissionRule[] {
  return rules.filter((r) => r.behavior !== 'allow' && fileFamilyOf(r.toolName) === 'read' && r.matcher.kind === 'path');
}

/**
 * Whether some file below `dir` (real, canonical) may be covered by a Read deny or ask
 * rule: `grep -r TOKEN .` reads `.env` as surely as `cat .env`. Rules anchored below
 * `dir` count when their folder exists; rules at any depth (`.env`, `*.pem`) are looked
 * for in a bounded walk; a walk too long to finish counts as a match.
 */
function guardedBelow(dir: string, ctx: BashReadContext): PermissionRule | undefined {
  const pending: PermissionRule[] = [];
  for (const rule of guardingRules(ctx.rules)) {
    if (rule.matcher.kind !== 'path') continue;
    const anchored = anchorPattern(rule.matcher.pattern, rule.source.root, ctx.home);
    const base = canonicalDir(anchored.base);
    if (anchored.anchored) {
      const prefix = literalPrefix(anchored.pattern.slice(1));
      const reach = prefix === '/' || prefix === '' ? base : canonicalDir(join(base, prefix));
      if (isInside(dir, reach, true) || (isInside(reach, dir, true) && existsSync(reach))) return rule;
    } else if (isInside(dir, base, true) || isInside(base, dir, true)) {
      pending.push(rule);
    }
  }
  if (pending.length === 0) return undefined;
  const queue = [dir];
  let seen = 0;
  while (queue.length > 0) {
    const folder = queue.shift()!;
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (++seen > WALK_LIMIT) return pending[0];
      const path = join(folder, entry.name);
      const isDir = entry.isDirectory();
      const candidates = { real: path, lexical: path, isDirectory: isDir };
      const hit = pending.find((r) => r.matcher.kind === 'path' &&
        pathRuleMatches(r.matcher.pattern, r.source.root, candidates, { strict: true, caseInsensitive: true, home: ctx.home }));
      if (hit) return hit;
      if (isDir) queue.push(path);
    }
  }
  return undefined;
}

/** A path the shell hands to the command, checked as the Read tool would be. */
async function checkOne(path: string, read: BashRead, ctx: BashReadContext): Promise<PermissionDecision> {
  if (HARMLESS.has(path) || /^\/dev\/fd\/\d+$/.test(path)) return allow(`${path} reveals nothing`);
  if (path.startsWith('~') && path !== '~' && !path.startsWith('~/')) {
    return ask(`bash expands '${path}' to another user's home or to $PWD/$OLDPWD, which is not checked`);
  }
  const decisions = [await ctx.checkRead(path)];
  if (read.changesDirectory) {
    // `cd` resolves `..` before symlinks (cd -L): the folder it lands in is the lexical one.
    const lexical = lexicalPath(path, ctx.cwd, ctx.home);
    if (!ctx.workingDirectories.some((dir) => isInside(lexical, dir, ctx.caseInsensitive))) {
      decisions.push(ask(`cd ${path} leaves the working directories`, 'default'));
    }
  }
  if (read.recursive && decisions[0]!.behavior !== 'deny') {
    const real = canonicalDir(path, ctx.cwd, ctx.home);
    const rule = isDirectory(real) ? guardedBelow(real, ctx) : undefined;
    if (rule) decisions.push(ask(`it reads everything below ${real}, where ${rule.behavior} rule ${rule.text} covers some files`, rule.text));
  }
  return strictest(decisions);
}

/** The folder a glob starts in: `src/*.ts` -> src, `*.ts` -> `.`, `/etc/*` -> /etc. */
function globFolder(pattern: string): string {
  const prefix = literalPrefix(pattern);
  return !pattern.startsWith('/') && prefix === '/' ? '.' : prefix;
}

/** The files a glob matches now, as bash would expand it (no dotfiles for `*`), or undefined past the limit. */
async function expand(pattern: string, ctx: BashReadContext): Promise<string[] | undefined> {
  const out: string[] = [];
  try {
    for await (const match of glob(expandTilde(pattern, ctx.home), { cwd: ctx.cwd })) {
      out.push(isAbsolute(match) ? match : join(ctx.cwd, match));
      if (out.length > GLOB_LIMIT) return undefined;
    }
  } catch {
    return undefined;
  }
  return out;
}

function looksLikePath(value: string, ctx: BashReadContext): boolean {
  if (value.includes('/') || value.startsWith('.') || value.startsWith('~')) return true;
  try {
    return existsSync(resolve(ctx.cwd, value));
  } catch {
    return false;
  }
}

/**
 * The engine's verdict on one thing a read-only Bash command reads: Read deny rules
 * deny, reads outside the working directories ask (as the Read tool's would), process
 * environments and network devices always ask, and what cannot be checked (a path
 * computed at run time, a glob too large to expand, a recursive read over files a
 * rule covers) asks.
 */
export async function decideBashRead(read: BashRead, ctx: BashReadContext): Promise<PermissionDecision> {
  const decision = await decideRaw(read, ctx);
  // "No rule allows it" is settled by a grant of the whole tool; every other ask stands.
  if (ctx.wholeTool && decision.behavior === 'ask' && decision.source === 'default') {
    return allow(`${read.text}: the whole Bash tool is allowed`);
  }
  return decision;
}

async function decideRaw(read: BashRead, ctx: BashReadContext): Promise<PermissionDecision> {
  const path = read.path;
  if (path === undefined) {
    const guard = guardingRules(ctx.rules)[0];
    if (guard) return ask(`'${read.text}' is computed at run time, so it could name a file ${guard.behavior} rule ${guard.text} covers`, guard.text);
    const what = read.changesDirectory ? 'the folder cd moves to' : 'the path it reads';
    return ask(`${what} ('${read.text}') is computed at run time (or is relative after a cd), so it cannot be checked against the working directories`, 'default');
  }
  if (!read.glob) {
    if (!read.implicit && !read.changesDirectory && !looksLikePath(path, ctx)) return allow(`'${path}' is not a path`);
    return checkOne(path, read, ctx);
  }
  const folder = globFolder(path);
  const decisions = [await checkOne(folder, read, ctx)];
  const matches = await expand(path, ctx);
  if (matches === undefined) {
    const guard = guardingRules(ctx.rules)[0];
    if (guard) decisions.push(ask(`the glob '${path}' matches too many files to check against ${guard.behavior} rule ${guard.text}`, guard.text));
  } else {
    for (const match of matches) {
      const d = await checkOne(match, read, ctx);
      decisions.push(d);
      if (d.behavior === 'deny') break;
    }
  }
  return strictest(decisions);
}
