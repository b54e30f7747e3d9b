import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { globTool, MAX_GLOB_RESULTS } from '../../src/tools/glob/tool.ts';
import { testdir, type Tree } from '../support/testdir.ts';
import { abortedSignal, call, failed, fileToolContext, ok } from './file-tools-support.ts';

/** Sets a file's modification time to `secondsAgo` before now. */
function age(path: string, secondsAgo: number): void {
  const t = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(path, t, t);
}

describe('Glob', () => {
  it('finds matching files, newest first', async () => {
    const dir = testdir({ 'src/a.ts': '', 'src/b.ts': '', 'src/deep/c.ts': '', 'src/d.js': '', 'README.md': '' });
    age(join(dir, 'src/a.ts'), 300);
    age(join(dir, 'src/b.ts'), 100);
    age(join(dir, 'src/deep/c.ts'), 200);
    const out = ok(await call(globTool, { pattern: '**/*.ts' }, fileToolContext(dir)));
    expect(out.filenames).toEqual([join(dir, 'src/b.ts'), join(dir, 'src/deep/c.ts'), join(dir, 'src/a.ts')]);
    expect(globTool.toModelContent(out)).toBe(out.filenames.join('\n'));
  });

  it('leaves out .gitignore-d files (nested rules too), .git and node_modules', async () => {
    const tree: Tree = {
      '.git/HEAD': 'ref',
      '.git/hooks/x.ts': '',
      '.gitignore': 'dist/\n*.log\n',
      'dist/out.ts': '',
      'keep.ts': '',
      'pkg/.gitignore': 'gen.ts\n',
      'pkg/gen.ts': '',
      'pkg/src.ts': '',
      'node_modules/lib/index.ts': '',
      'debug.log': '',
      '.github/ci.ts': '',
    };
    const dir = testdir(tree);
    const out = ok(await call(globTool, { pattern: '**/*' }, fileToolContext(dir)));
    expect([...out.filenames].sort()).toEqual(
      ['.github/ci.ts', '.gitignore', 'keep.ts', 'pkg/.gitignore', 'pkg/src.ts'].map((p) => join(dir, p)).sort(),
    );
  });

  it('searches node_modules when the pattern or path names it, even when .gitignore hides it', async () => {
    const dir = testdir({ '.git/HEAD': '', '.gitignore': 'node_modules\n', 'node_modules/lib/index.js': '', 'node_modules/lib/package.json': '{}' });
    const byPattern = ok(await call(globTool, { pattern: 'node_modules/**/*.js' }, fileToolContext(dir)));
    expect(byPattern.filenames).toEqual([join(dir, 'node_modules/lib/index.js')]);
    const byPath = ok(await call(globTool, { pattern: '*.json', path: 'node_modules/lib' }, fileToolContext(dir)));
    expect(byPath.filenames).toEqual([join(dir, 'node_modules/lib/package.json')]);
  });

  it(`caps results at ${MAX_GLOB_RESULTS} with a note`, async () => {
    const tree: Record<string, string> = {};
    for (let i = 0; i < MAX_GLOB_RESULTS + 5; i++) tree[`f${i}.txt`] = '';
    const dir = testdir(tree);
    const out = ok(await call(globTool, { pattern: '*.txt' }, fileToolContext(dir)));
    expect(out.filenames).toHaveLength(MAX_GLOB_RESULTS);
    expect(out.numFiles).toBe(MAX_GLOB_RESULTS + 5);
    expect(globTool.toModelContent(out)).toContain(`Results are truncated: showing the ${MAX_GLOB_RESULTS} most recently modified of ${MAX_GLOB_RESULTS + 5} files`);
  });

  it('takes a relative path against cwd, an absolute pattern, and matches without case', async () => {
    const dir = testdir({ 'a/Upper.TS': '', 'b/x.ts': '' });
    const ctx = fileToolContext(dir);
    expect(ok(await call(globTool, { pattern: '*.ts', path: 'a' }, ctx)).filenames).toEqual([join(dir, 'a/Upper.TS')]);
    expect(ok(await call(globTool, { pattern: join(dir, 'b', '*.ts') }, ctx)).filenames).toEqual([join(dir, 'b/x.ts')]);
  });

  it('says so when nothing matches', async () => {
    const dir = testdir({ 'a.txt': '' });
    const out = ok(await call(globTool, { pattern: '**/*.rs' }, fileToolContext(dir)));
    expect(globTool.toModelContent(out)).toBe('No files found');
  });

  it('refuses a missing directory, a file as path, and an empty pattern', async () => {
    const dir = testdir({ 'a.txt': '' });
    const ctx = fileToolContext(dir);
    expect(failed(await call(globTool, { pattern: '*', path: 'nope' }, ctx)).kind).toBe('not_found');
    expect(failed(await call(globTool, { pattern: '*', path: 'a.txt' }, ctx)).kind).toBe('not_a_directory');
    expect(failed(await call(globTool, { pattern: ' ' }, ctx)).kind).toBe('invalid_input');
    expect(ok(await call(globTool, { pattern: 'no/such/folder/**/*.ts' }, ctx)).numFiles).toBe(0);
  });

  it('stops when aborted', async () => {
    const dir = testdir({ 'a.txt': '' });
    expect(failed(await call(globTool, { pattern: '*' }, fileToolContext(dir, { signal: abortedSignal() }))).kind).toBe('aborted');
  });

  it('is read-only and concurrency-safe; allows inside the working directories, asks outside', async () => {
    const root = testdir({ 'work/a': '', 'other/b': '' });
    const ctx = fileToolContext(join(root, 'work'));
    expect(globTool.isReadOnly({ pattern: '*' })).toBe(true);
    expect(globTool.isConcurrencySafe({ pattern: '*' })).toBe(true);
    expect((await globTool.checkPermissions({ pattern: '**/*' }, ctx)).behavior).toBe('allow');
    expect((await globTool.checkPermissions({ pattern: '*', path: '../other' }, ctx)).behavior).toBe('ask');
    expect((await globTool.checkPermissions({ pattern: join(root, 'other', '*') }, ctx)).behavior).toBe('ask');
  });
});
