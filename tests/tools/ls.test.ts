import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lsTool, MAX_LS_ENTRIES } from '../../src/tools/ls/tool.ts';
import { testdir } from '../support/testdir.ts';
import { abortedSignal, call, failed, fileToolContext, ok } from './file-tools-support.ts';

describe('LS', () => {
  it('lists a directory as a sorted tree, folders marked with a slash', async () => {
    const dir = testdir({ 'src/b.ts': '', 'src/a/x.ts': '', 'README.md': '', 'empty/': '' });
    const out = ok(await call(lsTool, { path: dir }, fileToolContext(dir)));
    expect(lsTool.toModelContent(out)).toBe([`- ${dir}/`, '  - README.md', '  - empty/', '  - src/', '    - a/', '      - x.ts', '    - b.ts'].join('\n'));
  });

  it('leaves out hidden entries, node_modules, __pycache__, .gitignore-d entries and ignore globs', async () => {
    const dir = testdir({
      '.git/HEAD': '',
      '.env': '',
      '.gitignore': 'build/\n',
      'build/out.js': '',
      'node_modules/x/i.js': '',
      '__pycache__/m.pyc': '',
      'src/main.py': '',
      'src/main.test.py': '',
      'docs/guide.md': '',
    });
    const out = ok(await call(lsTool, { path: dir, ignore: ['*.test.py', 'docs'] }, fileToolContext(dir)));
    expect(out.entries).toEqual([
      { path: 'src', isDir: true },
      { path: 'src/main.py', isDir: false },
    ]);
  });

  it(`caps the listing at ${MAX_LS_ENTRIES} entries, shallowest first, with a note`, async () => {
    const tree: Record<string, string> = { 'top.txt': '' };
    for (let i = 0; i < MAX_LS_ENTRIES + 50; i++) tree[`deep/f${String(i).padStart(4, '0')}.txt`] = '';
    const dir = testdir(tree);
    const out = ok(await call(lsTool, { path: dir }, fileToolContext(dir)));
    expect(out.truncated).toBe(true);
    expect(out.entries).toHaveLength(MAX_LS_ENTRIES);
    expect(out.entries.slice(0, 2)).toEqual([
      { path: 'deep', isDir: true },
      { path: 'top.txt', isDir: false },
    ]);
    expect(lsTool.toModelContent(out)).toMatch(/^There are more than 1000 files and directories here/);
  });

  it('refuses a relative path, a file and a missing directory', async () => {
    const dir = testdir({ 'a.txt': '' });
    const ctx = fileToolContext(dir);
    expect(failed(await call(lsTool, { path: '.' }, ctx)).kind).toBe('invalid_input');
    expect(failed(await call(lsTool, { path: join(dir, 'a.txt') }, ctx)).kind).toBe('not_a_directory');
    expect(failed(await call(lsTool, { path: join(dir, 'nope') }, ctx)).kind).toBe('not_found');
  });

  it('stops when aborted', async () => {
    const dir = testdir({ 'a.txt': '' });
    expect(failed(await call(lsTool, { path: dir }, fileToolContext(dir, { signal: abortedSignal() }))).kind).toBe('aborted');
  });

  it('is read-only and concurrency-safe; allows inside the working directories, asks outside', async () => {
    const root = testdir({ 'work/a': '', 'other/b': '' });
    const ctx = fileToolContext(join(root, 'work'));
    expect(lsTool.isReadOnly({ path: root })).toBe(true);
    expect(lsTool.isConcurrencySafe({ path: root })).toBe(true);
    expect((await lsTool.checkPermissions({ path: join(root, 'work') }, ctx)).behavior).toBe('allow');
    expect((await lsTool.checkPermissions({ path: join(root, 'other') }, ctx)).behavior).toBe('ask');
  });
});
