import { execFile, spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import {
  MAX_COLLECTED_LINES,
  MAX_FILE_SIZE_ARG,
  normalizeResult,
  type FileHits,
  type LineHit,
  type SearchRequest,
  type SearchResult,
} from './search-types.ts';

/** An rg failure the model can act on (bad pattern, bad glob): its stderr. */
export class RipgrepError extends Error {
  readonly code = 'WREN_RIPGREP';
}

let detected: Map<string, Promise<string | undefined>> | undefined;

/**
 * The `rg` executable on `PATH` that answers `--version`, or undefined. Looked
 * up once per PATH value and remembered for the process.
 */
export function findRipgrep(pathVar: string | undefined): Promise<string | undefined> {
  detected ??= new Map();
  const key = pathVar ?? '';
  let found = detected.get(key);
  if (!found) {
    found = locate(key);
    detected.set(key, found);
  }
  return found;
}

async function locate(pathVar: string): Promise<string | undefined> {
  for (const dir of pathVar.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, process.platform === 'win32' ? 'rg.exe' : 'rg');
    try {
      await access(candidate, constants.X_OK);
    } catch {
      continue;
    }
    const works = await new Promise<boolean>((done) => {
      execFile(candidate, ['--version'], { timeout: 5000 }, (err, stdout) => done(!err && stdout.startsWith('ripgrep')));
    });
    if (works) return candidate;
  }
  return undefined;
}

/** The argument list for one search; rg runs in the searched folder so --glob paths are relative to it. */
export function ripgrepArgs(req: SearchRequest): string[] {
  const args = ['--json', '--no-config', '--hidden', '--no-ignore-global', '--max-filesize', MAX_FILE_SIZE_ARG];
  if (req.ignoreCase) args.push('--ignore-case');
  else args.push('--case-sensitive');
  if (req.multiline) args.push('--multiline', '--multiline-dotall');
  if (req.before > 0) args.push('--before-context', String(req.before));
  if (req.after > 0) args.push('--after-context', String(req.after));
  for (const glob of req.globs) args.push('--glob', glob);
  if (req.type) {
    args.push('--type-clear', req.type.name);
    for (const glob of req.type.globs) args.push('--type-add', `${req.type.name}:${glob}`);
    args.push('--type', req.type.name);
  }
  args.push('--regexp', req.pattern.rust, '--', req.rootIsFile ? `./${basename(req.root)}` : '.');
  return args;
}

/** Runs `rg --json` and collects its matches in the engines' common shape. */
export async function searchWithRipgrep(rg: string, req: SearchRequest): Promise<SearchResult> {
  const cwd = req.rootIsFile ? dirname(req.root) : req.root;
  const child = spawn(rg, ripgrepArgs(req), { cwd, signal: req.signal, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < 10_000) stderr += chunk;
  });
  const exited = new Promise<number | null>((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done(code));
  });
  exited.catch(() => undefined); // awaited below; this only keeps an early abort from being an unhandled rejection

  const files: FileHits[] = [];
  let current: LineHit[] = [];
  let collected = 0;
  let incomplete = false;
  let summary = false;
  for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) {
    if (line === '') continue;
    const msg = JSON.parse(line) as RgMessage;
    if (msg.type === 'begin') current = [];
    else if (msg.type === 'match' || msg.type === 'context') {
      const lines = textOf(msg.data.lines).split('\n');
      if (lines.at(-1) === '') lines.pop();
      lines.forEach((text, i) => {
        current.push({ line: msg.data.line_number + i, text: text.endsWith('\r') ? text.slice(0, -1) : text, match: msg.type === 'match' });
      });
    } else if (msg.type === 'end') {
      // A file with a NUL byte is binary: rg stops there; both engines leave it out.
      if (msg.data.binary_offset === null && current.some((l) => l.match)) {
        files.push({ path: resolve(cwd, textOf(msg.data.path)), lines: current });
        collected += current.length;
      }
      if (collected >= MAX_COLLECTED_LINES) {
        incomplete = true;
        child.kill();
        break;
      }
    } else if (msg.type === 'summary') summary = true;
  }
  const code = await exited;
  if (!incomplete && code === 2 && !summary) throw new RipgrepError(stderr.trim() || 'ripgrep failed without a message');
  return normalizeResult(files, incomplete);
}

type RgText = { readonly text: string } | { readonly bytes: string };
type RgMessage =
  | { readonly type: 'begin'; readonly data: { readonly path: RgText } }
  | { readonly type: 'match' | 'context'; readonly data: { readonly path: RgText; readonly lines: RgText; readonly line_number: number } }
  | { readonly type: 'end'; readonly data: { readonly path: RgText; readonly binary_offset: number | null } }
  | { readonly type: 'summary'; readonly data: unknown };

function textOf(value: RgText): string {
  return 'text' in value ? value.text : Buffer.from(value.bytes, 'base64').toString('utf8');
}
