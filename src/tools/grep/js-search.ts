import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { compileGitignore, type GitignoreMatcher, type IgnoreMatch } from '../shared/gitignore.ts';
import { IgnoreRules } from '../shared/ignore-rules.ts';
import { decoderLabel, detectEncoding } from '../shared/text.ts';
import {
  MAX_COLLECTED_LINES,
  MAX_FILE_BYTES,
  normalizeResult,
  type FileHits,
  type LineHit,
  type SearchRequest,
  type SearchResult,
} from './search-types.ts';

/** Files read at once. */
const CONCURRENCY = 16;

/**
 * The pure-JS engine: walks like ripgrep (same ignore files, same --glob
 * precedence, symlinks not followed, binary files skipped) and matches with the
 * translated pattern, so its result equals `rg`'s for every supported option.
 */
export async function searchWithJs(req: SearchRequest): Promise<SearchResult> {
  const candidates = req.rootIsFile ? [req.root] : await walk(req);
  const files: FileHits[] = [];
  let collected = 0;
  let incomplete = false;
  let next = 0;
  const worker = async () => {
    while (next < candidates.length && !incomplete) {
      const path = candidates[next++]!;
      req.signal.throwIfAborted();
      const hits = await searchFile(path, req);
      if (!hits) continue;
      files.push(hits);
      collected += hits.lines.length;
      if (collected >= MAX_COLLECTED_LINES) incomplete = true;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return normalizeResult(files, incomplete);
}

/** The files a recursive rg search of `req.root` would open. */
async function walk(req: SearchRequest): Promise<string[]> {
  const rules = new IgnoreRules();
  const overrides = compileGitignore(req.globs);
  const typeMatchers = req.type?.globs.map((g) => picomatch(g, { dot: true, nonegate: true, noextglob: true }));
  const out: string[] = [];
  const visit = async (dir: string): Promise<void> => {
    req.signal.throwIfAborted();
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // unreadable folder: rg reports it on stderr and goes on
    }
    const chain = await rules.chain(dir);
    const subdirs: string[] = [];
    for (const entry of entries) {
      // rg does not follow symbolic links (no -L), nor search sockets, FIFOs or devices.
      const isDir = entry.isDirectory();
      if (!isDir && !entry.isFile()) continue;
      const path = join(dir, entry.name);
      const rel = relative(req.root, path).split(sep).join('/');
      if (decide(overrides, rules, chain, typeMatchers, rel, path, isDir) === 'ignore') continue;
      if (isDir) subdirs.push(path);
      else out.push(path);
    }
    await Promise.all(subdirs.map(visit));
  };
  await visit(req.root);
  return out;
}

/** ripgrep's order: --glob overrides, then ignore files, then file types. */
function decide(
  overrides: GitignoreMatcher,
  rules: IgnoreRules,
  chain: Awaited<ReturnType<IgnoreRules['chain']>>,
  typeMatchers: ((name: string) => boolean)[] | undefined,
  rel: string,
  path: string,
  isDir: boolean,
): IgnoreMatch {
  if (overrides.size > 0) {
    const m = overrides.match(rel, isDir);
    // As --glob, a plain glob selects and a `!glob` excludes: the inverse of an ignore file.
    if (m === 'ignore') return 'whitelist';
    if (m === 'whitelist') return 'ignore';
    if (overrides.positives > 0 && !isDir) return 'ignore';
  }
  const ignored = rules.decide(chain, path, isDir);
  if (ignored === 'ignore') return 'ignore';
  if (typeMatchers && !isDir) {
    const name = basename(path);
    return typeMatchers.some((t) => t(name)) ? 'whitelist' : 'ignore';
  }
  return ignored;
}

async function searchFile(path: string, req: SearchRequest): Promise<FileHits | undefined> {
  let bytes: Buffer;
  try {
    if ((await stat(path)).size > MAX_FILE_BYTES) return undefined;
    bytes = await readFile(path, { signal: req.signal });
  } catch (err) {
    if ((err as { name?: string }).name === 'AbortError') throw err;
    return undefined; // vanished or unreadable: rg skips it too
  }
  const text = new TextDecoder(decoderLabel(detectEncoding(bytes))).decode(bytes);
  if (text.includes('\0')) return undefined; // binary
  const lines = text.split('\n');
  if (text.endsWith('\n') || text === '') lines.pop(); // no line after the final newline
  const matched = req.multiline ? multilineMatches(text, lines, req) : lineMatches(lines, req);
  if (matched.size === 0) return undefined;
  return { path, lines: withContext(lines, matched, req.before, req.after) };
}

function lineMatches(lines: readonly string[], req: SearchRequest): Set<number> {
  const re = new RegExp(req.pattern.js.source, req.pattern.js.flags);
  const matched = new Set<number>();
  lines.forEach((line, i) => {
    if (re.test(line)) matched.add(i + 1);
  });
  return matched;
}

/** Every line a match touches, from the line of its first to the line of its last character. */
function multilineMatches(text: string, lines: readonly string[], req: SearchRequest): Set<number> {
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const lineOf = (pos: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const matched = new Set<number>();
  const re = new RegExp(req.pattern.js.source, `${req.pattern.js.flags}g`);
  for (const m of text.matchAll(re)) {
    const start = m.index;
    if (start >= text.length && (text.endsWith('\n') || text === '')) continue; // past the last line
    const end = m[0].length > 0 ? start + m[0].length - 1 : start;
    for (let l = lineOf(start), last = lineOf(end); l <= last; l++) matched.add(l);
  }
  return matched;
}

function withContext(lines: readonly string[], matched: ReadonlySet<number>, before: number, after: number): LineHit[] {
  const shown = new Set<number>(matched);
  if (before > 0 || after > 0) {
    for (const l of matched) {
      for (let c = Math.max(1, l - before); c <= Math.min(lines.length, l + after); c++) shown.add(c);
    }
  }
  return [...shown]
    .sort((a, b) => a - b)
    .map((line) => ({ line, text: stripCr(lines[line - 1]!), match: matched.has(line) }));
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
