import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { typeGlobs } from '../../src/tools/grep/file-types.ts';
import { searchWithJs } from '../../src/tools/grep/js-search.ts';
import { compilePattern } from '../../src/tools/grep/regex.ts';
import { findRipgrep, RipgrepError, searchWithRipgrep } from '../../src/tools/grep/ripgrep.ts';
import { VCS_DIRS, type SearchRequest } from '../../src/tools/grep/search-types.ts';
import { sharedGrepProject } from './grep-fixture.ts';

const rg = await findRipgrep(process.env['PATH']);
const dir = sharedGrepProject();

interface Case {
  readonly pattern: string;
  readonly ignoreCase?: boolean;
  readonly multiline?: boolean;
  readonly globs?: readonly string[];
  readonly type?: string;
  readonly before?: number;
  readonly after?: number;
  readonly path?: string;
}

/** Every supported option, alone and combined, over the shared fixture. */
const CASES: readonly Case[] = [
  { pattern: 'needle' },
  { pattern: 'needle', ignoreCase: true },
  { pattern: 'NEEDLE' },
  { pattern: '^needle' },
  { pattern: 'needle$' },
  { pattern: '^$' },
  { pattern: '^' },
  { pattern: '\\bneedle\\b' },
  { pattern: '\\Bneedle' },
  { pattern: '\\w+\\(' },
  { pattern: '\\d+' },
  { pattern: '[[:upper:]]+' },
  { pattern: '[^a-z\\s]{3,}' },
  { pattern: 'needle|TODO' },
  { pattern: '(?i)caf[eé]' },
  { pattern: '(?P<name>need)le' },
  { pattern: 'x\\{' },
  { pattern: 'a}' },
  { pattern: '\\x{65}xport' },
  { pattern: '\\pL{5}\\.' },
  { pattern: 'e\\.$' },
  { pattern: 'needle\\r' },
  { pattern: '.' },
  { pattern: '' },
  { pattern: 'needle', globs: ['*.ts'] },
  { pattern: 'needle', globs: ['!*.ts'] },
  { pattern: 'needle', globs: ['src/**'] },
  { pattern: 'needle', globs: ['src/**/*.{ts,tsx}', '!**/app.ts'] },
  { pattern: 'needle', globs: ['*.log'] },
  { pattern: 'needle', globs: ['/src'] },
  { pattern: 'needle', globs: ['nested/'] },
  { pattern: 'needle', globs: ['**/nested/*'] },
  { pattern: 'needle', globs: ['!node_modules', '!docs/'] },
  { pattern: 'needle', type: 'ts' },
  { pattern: 'needle', type: 'js' },
  { pattern: 'needle', type: 'py', globs: ['!*.pyi'] },
  { pattern: 'needle', type: 'md', ignoreCase: true },
  { pattern: 'needle', before: 1, after: 2 },
  { pattern: 'needle', before: 3 },
  { pattern: 'c\\d', after: 1 },
  { pattern: 'start \\{.*?\\}', multiline: true },
  { pattern: '\\{\\n\\}', multiline: true },
  { pattern: 'needle\\s+needle', multiline: true },
  { pattern: '\\n', multiline: true },
  { pattern: '$', multiline: true },
  { pattern: '^\\s*$', multiline: true },
  { pattern: 'inner.*end', multiline: true, before: 1, after: 1 },
  { pattern: 'b\\n|c4', multiline: true },
  { pattern: 'needle', path: 'dist/bundle.js' },
  { pattern: 'needle', path: 'binary.dat' },
  { pattern: 'needle', path: 'src', globs: ['*.ts'] },
  { pattern: 'needle', path: 'src/nested' },
  { pattern: 'needle', path: 'link-to-lib.ts' },
];

function request(dir: string, c: Case): SearchRequest {
  const root = c.path ? join(dir, c.path) : dir;
  const ignoreCase = c.ignoreCase ?? false;
  return {
    root,
    rootIsFile: c.path !== undefined && /\.\w+$/.test(c.path),
    pattern: compilePattern(c.pattern, ignoreCase),
    ignoreCase,
    multiline: c.multiline ?? false,
    globs: [...VCS_DIRS.map((d) => `!${d}`), ...(c.globs ?? [])],
    type: c.type ? { name: c.type, globs: typeGlobs(c.type)! } : undefined,
    before: c.before ?? 0,
    after: c.after ?? 0,
    signal: new AbortController().signal,
  };
}

describe.skipIf(!rg)(
  rg ? `Grep engines agree: ripgrep (${rg}) and the JavaScript fallback` : 'Grep engine parity: SKIPPED, ripgrep (rg) is not on PATH; install it (apt-get install ripgrep) to compare the engines',
  () => {
    it.each(CASES.map((c) => [JSON.stringify(c), c] as const))('%s', async (_name, c) => {
      const req = request(dir, c);
      const [fromRg, fromJs] = [await searchWithRipgrep(rg!, req), await searchWithJs(req)];
      expect(fromJs).toEqual(fromRg);
    });

    it('ripgrep refusing a search surfaces as a RipgrepError (the tool turns it into an error value)', async () => {
      const req = { ...request(dir, { pattern: 'x' }), globs: ['[unclosed'] };
      await expect(searchWithRipgrep(rg!, req)).rejects.toBeInstanceOf(RipgrepError);
    });

    it('the fixture is not trivially empty: most cases find something', async () => {
      let nonEmpty = 0;
      for (const c of CASES) if ((await searchWithJs(request(dir, c))).files.length > 0) nonEmpty++;
      expect(nonEmpty).toBeGreaterThan(CASES.length * 0.8);
    });
  },
);
