import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { grepTool, type GrepOutput } from '../../src/tools/grep/tool.ts';
import { findRipgrep } from '../../src/tools/grep/ripgrep.ts';
import type { Tool } from '../../src/tools/tool.ts';
import { testdir } from '../support/testdir.ts';
import { abortedSignal, call, failed, fileToolContext, modelText, ok } from './file-tools-support.ts';
import { sharedGrepProject } from './grep-fixture.ts';

const rg = await findRipgrep(process.env['PATH']);
/** Both engines; ripgrep's suite is skipped (and says so) on a machine without rg. */
const engines = [
  { engine: 'javascript' as const, env: { PATH: '' }, title: 'Grep with the javascript engine (rg hidden from PATH)' },
  {
    engine: 'ripgrep' as const,
    env: { PATH: rg ? dirname(rg) : '' },
    title: rg ? `Grep with the ripgrep engine (${rg})` : 'Grep with the ripgrep engine: SKIPPED, rg is not on PATH (apt-get install ripgrep)',
  },
];

const shared = sharedGrepProject();
const project = () => shared;

const text = (out: GrepOutput) => modelText(grepTool as Tool<unknown, GrepOutput>, out);

for (const { engine, env, title } of engines) describe.skipIf(engine === 'ripgrep' && !rg)(title, () => {
  const grep = async (dir: string, input: Record<string, unknown>) => {
    const out = await call(grepTool, input, fileToolContext(dir, { env }));
    if (!('error' in out)) expect(out.engine).toBe(engine);
    return out;
  };

  it('lists files with matches, newest first, respecting every ignore file', async () => {
    const dir = project();
    const out = ok(await grep(dir, { pattern: 'needle' }));
    const rel = out.filenames.map((f) => f.slice(dir.length + 1));
    expect(rel).toEqual([
      'unicode.txt', 'multi.txt', 'context.txt', 'long.min.js', 'utf16.txt', 'crlf.txt', 'node_modules/pkg/index.js',
      'secret-but-rg-allows.txt', 'keep.log', 'docs/guide.md', 'py/types.pyi', 'py/tool.py', 'src/nested/real.ts',
      'src/util.js', 'src/lib.ts', 'src/app.ts', '.github/workflow.yml',
    ]);
    expect(text(out)).toBe(`Found 17 files\n${out.filenames.join('\n')}`);
  });

  it('shows matching lines as path:line:text, CRLF stripped, long lines cut', async () => {
    const dir = project();
    const out = ok(await grep(dir, { pattern: 'needle', output_mode: 'content', path: 'crlf.txt' }));
    expect(out.lines).toEqual([`${dir}/crlf.txt:1:first needle`, `${dir}/crlf.txt:3:third needle`]);
    const long = ok(await grep(dir, { pattern: 'needle', output_mode: 'content', glob: '*.min.js' }));
    expect(long.lines).toEqual([`${dir}/long.min.js:1:${'x'.repeat(500)} [... line truncated, 1606 characters]`]);
    const plain = ok(await grep(dir, { pattern: 'Needle docs', output_mode: 'content', '-n': false }));
    expect(plain.lines).toEqual([`${dir}/py/tool.py:    """Needle docs."""`]);
  });

  it('adds context lines with rg separators', async () => {
    const dir = project();
    const out = ok(await grep(dir, { pattern: 'needle', output_mode: 'content', path: 'context.txt', '-C': 1 }));
    const f = `${dir}/context.txt`;
    expect(out.lines).toEqual([`${f}-2-c2`, `${f}:3:needle a`, `${f}-4-c4`, '--', `${f}-7-c7`, `${f}:8:needle b`, `${f}-9-c9`, `${f}:10:needle c`, `${f}-11-c11`]);
    const after = ok(await grep(dir, { pattern: 'needle b', output_mode: 'content', path: 'context.txt', '-A': 2, '-B': 0 }));
    expect(after.lines).toEqual([`${f}:8:needle b`, `${f}-9-c9`, `${f}-10-needle c`]);
  });

  it('counts matching lines per file', async () => {
    const dir = project();
    const out = ok(await grep(dir, { pattern: 'needle', output_mode: 'count', glob: '*.md *.txt' }));
    expect(out.lines).toContain(`${dir}/docs/guide.md:2`);
    expect(out.lines).toContain(`${dir}/context.txt:3`);
    expect(out.numMatches).toBe(out.lines.reduce((n, l) => n + Number(l.split(':').at(-1)), 0));
    expect(text(out)).toMatch(/Found \d+ matching lines across \d+ files\.$/);
  });

  it('ignores case with -i, Unicode included', async () => {
    const dir = project();
    const out = ok(await grep(dir, { pattern: 'NEEDLE', '-i': true, output_mode: 'content', path: 'unicode.txt' }));
    expect(out.lines.map((l) => l.split(':')[1])).toEqual(['1', '2', '3']);
    const sensitive = ok(await grep(dir, { pattern: 'NEEDLE', output_mode: 'count' }));
    expect(sensitive.lines).toEqual([`${dir}/.env:1`, `${dir}/docs/guide.md:1`]);
  });

  it('filters by glob (with exclusions and braces) and by type', async () => {
    const dir = project();
    // As with rg --glob, a glob that names a file selects it even when a .gitignore ignores it (generated.ts).
    const globbed = ok(await grep(dir, { pattern: 'needle', glob: 'src/**/*.{ts,tsx} !**/app.ts' }));
    expect([...globbed.filenames].sort()).toEqual([`${dir}/src/lib.ts`, `${dir}/src/nested/generated.ts`, `${dir}/src/nested/real.ts`]);
    const unglobbed = ok(await grep(dir, { pattern: 'needle', path: 'src' }));
    expect(unglobbed.filenames).not.toContain(`${dir}/src/nested/generated.ts`);
    const typed = ok(await grep(dir, { pattern: 'needle', type: 'py' }));
    expect([...typed.filenames].sort()).toEqual([`${dir}/py/tool.py`, `${dir}/py/types.pyi`]);
    const unknown = failed(await grep(dir, { pattern: 'needle', type: 'klingon' }));
    expect(unknown.kind).toBe('invalid_input');
    expect(unknown.message).toContain('Known types:');
  });

  it('a glob selects even an ignored file, as rg --glob does; a path naming a file searches it regardless', async () => {
    const dir = project();
    expect(ok(await grep(dir, { pattern: 'needle', glob: '*.log' })).filenames.map((f) => f.slice(dir.length + 1)).sort()).toEqual(['debug.log', 'keep.log']);
    expect(ok(await grep(dir, { pattern: 'needle', path: 'dist/bundle.js' })).filenames).toEqual([`${dir}/dist/bundle.js`]);
  });

  it('matches across lines in multiline mode', async () => {
    const dir = project();
    const out = ok(await grep(dir, { pattern: 'start \\{.*?\\}', multiline: true, output_mode: 'content', path: 'multi.txt' }));
    const f = `${dir}/multi.txt`;
    expect(out.lines).toEqual([`${f}:1:start {`, `${f}:2:  inner`, `${f}:3:} end`, `${f}:4:start {`, `${f}:5:}`]);
    const lastLine = ok(await grep(dir, { pattern: 'needle$', multiline: true, output_mode: 'content', path: 'multi.txt' }));
    expect(lastLine.lines).toEqual([`${f}:6:last line without newline needle`]);
  });

  it('pages with head_limit and offset, and says when results were cut', async () => {
    const dir = project();
    const all = ok(await grep(dir, { pattern: 'needle', head_limit: 0 }));
    const page = ok(await grep(dir, { pattern: 'needle', head_limit: 3, offset: 2 }));
    expect(page.filenames).toEqual(all.filenames.slice(2, 5));
    expect(page.numFiles).toBe(all.numFiles);
    expect(text(page)).toContain('Results truncated at 3 entries after skipping 2. Use offset to see more');
  });

  it('uses Rust regex syntax: word boundaries, classes, POSIX classes, inline flags', async () => {
    const dir = project();
    const count = async (pattern: string) => ok(await grep(dir, { pattern, output_mode: 'count', path: 'docs/guide.md' })).numMatches;
    expect(await count('\\bneedle\\b')).toBe(2);
    expect(await count('[[:upper:]]{6}')).toBe(1);
    expect(await count('(?i)^the needle')).toBe(1);
    expect(await count('^the needle')).toBe(0);
    expect(await count('(?i)the (needle|NEEDLE)')).toBe(2);
    expect(await count('(?P<word>needle) needle')).toBe(1);
    expect(await count('interface\\{\\}')).toBe(0);
  });

  it('says so when nothing matches', async () => {
    const dir = project();
    expect(text(ok(await grep(dir, { pattern: 'zzz-not-there' })))).toBe('No files found');
    expect(text(ok(await grep(dir, { pattern: 'zzz-not-there', output_mode: 'content' })))).toBe('No matches found');
  });

  it('refuses patterns outside the syntax both engines share, and a newline without multiline', async () => {
    const dir = project();
    const kind = async (input: Record<string, unknown>) => failed(await grep(dir, input));
    expect((await kind({ pattern: 'a(?=b)' })).message).toMatch(/Look-around/);
    expect((await kind({ pattern: '(a)\\1' })).message).toMatch(/Backreferences/);
    expect((await kind({ pattern: 'foo{' })).kind).toBe('invalid_pattern');
    expect((await kind({ pattern: '(unclosed' })).kind).toBe('invalid_pattern');
    expect((await kind({ pattern: 'a\\nb' })).message).toMatch(/multiline: true/);
  });

  it('refuses a missing path and a glob ripgrep cannot parse', async () => {
    const dir = project();
    expect(failed(await grep(dir, { pattern: 'x', path: 'nope' })).kind).toBe('not_found');
    expect(failed(await grep(dir, { pattern: 'x', glob: '*.[ch' })).message).toMatch(/unclosed character class/);
    expect(failed(await grep(dir, { pattern: 'x', glob: '*.{ts,js' })).message).toMatch(/unclosed alternate group/);
  });

  it('stops when aborted', async () => {
    const dir = project();
    const out = await call(grepTool, { pattern: 'needle' }, fileToolContext(dir, { env, signal: abortedSignal() }));
    expect(failed(out).kind).toBe('aborted');
  });
});

describe('Grep as a tool', () => {
  it('is read-only and concurrency-safe; allows inside the working directories, asks outside', async () => {
    const root = testdir({ 'work/a': '', 'other/b': '' });
    const ctx = fileToolContext(join(root, 'work'));
    expect(grepTool.isReadOnly({ pattern: 'x' })).toBe(true);
    expect(grepTool.isConcurrencySafe({ pattern: 'x' })).toBe(true);
    expect((await grepTool.checkPermissions({ pattern: 'x' }, ctx)).behavior).toBe('allow');
    expect((await grepTool.checkPermissions({ pattern: 'x', path: '../other' }, ctx)).behavior).toBe('ask');
  });

  it('finds rg on PATH once and falls back to JavaScript without it', async () => {
    expect(await findRipgrep('')).toBeUndefined();
    expect(await findRipgrep('/nonexistent-dir')).toBeUndefined();
    if (rg) expect(await findRipgrep(dirname(rg))).toBe(rg);
  });
});
