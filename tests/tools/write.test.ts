import { chmodSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTool } from '../../src/tools/read/tool.ts';
import { writeFileAtomic } from '../../src/tools/shared/atomic-write.ts';
import { writeTool } from '../../src/tools/write/tool.ts';
import { testdir } from '../support/testdir.ts';
import { abortedSignal, call, failed, fileToolContext, ok } from './file-tools-support.ts';

describe('Write', () => {
  it('creates a new file, with its missing parent folders, and records it as known', async () => {
    const dir = testdir();
    const ctx = fileToolContext(dir);
    const path = join(dir, 'deep/er/new.txt');
    const out = ok(await call(writeTool, { file_path: path, content: 'hello\nworld\n' }, ctx));
    expect(out).toMatchObject({ type: 'create', filePath: path, lines: 2, structuredPatch: [] });
    expect(readFileSync(path, 'utf8')).toBe('hello\nworld\n');
    expect(ctx.readFiles.has(realpathSync(path))).toBe(true);
    expect(writeTool.toModelContent(out)).toBe(`File created successfully at: ${path} (2 lines)`);
  });

  it('refuses to overwrite a file that was not read in this session', async () => {
    const dir = testdir({ 'a.txt': 'original' });
    const error = failed(await call(writeTool, { file_path: join(dir, 'a.txt'), content: 'new' }, fileToolContext(dir)));
    expect(error.kind).toBe('not_read');
    expect(error.message).toMatch(/Read it first/);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('original');
  });

  it('overwrites a file that was read, returning the diff', async () => {
    const dir = testdir({ 'a.txt': 'one\ntwo\nthree\n' });
    const ctx = fileToolContext(dir);
    ok(await call(readTool, { file_path: join(dir, 'a.txt') }, ctx));
    const out = ok(await call(writeTool, { file_path: join(dir, 'a.txt'), content: 'one\n2\nthree\n' }, ctx));
    expect(out.type).toBe('update');
    expect(out.structuredPatch).toEqual([{ oldStart: 1, oldLines: 3, newStart: 1, newLines: 3, lines: [' one', '-two', '+2', ' three'] }]);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('one\n2\nthree\n');
    // Its own write counts as known: a second write needs no new read.
    ok(await call(writeTool, { file_path: join(dir, 'a.txt'), content: 'again\n' }, ctx));
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('again\n');
  });

  it('refuses to overwrite a file changed on disk since it was read', async () => {
    const dir = testdir({ 'a.txt': 'v1' });
    const ctx = fileToolContext(dir);
    ok(await call(readTool, { file_path: join(dir, 'a.txt') }, ctx));
    writeFileSync(join(dir, 'a.txt'), 'v2 by the user');
    const error = failed(await call(writeTool, { file_path: join(dir, 'a.txt'), content: 'model' }, ctx));
    expect(error.kind).toBe('stale');
    expect(error.message).toMatch(/Read it again/);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('v2 by the user');
  });

  it('keeps the file mode, CRLF line endings and UTF-16 encoding, and leaves no temp file', async () => {
    const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('x\n', 'utf16le')]);
    const dir = testdir({ 'run.sh': 'echo a\r\necho b\r\n', 'w.txt': u16 });
    chmodSync(join(dir, 'run.sh'), 0o750);
    const ctx = fileToolContext(dir);
    ok(await call(readTool, { file_path: join(dir, 'run.sh') }, ctx));
    ok(await call(readTool, { file_path: join(dir, 'w.txt') }, ctx));
    ok(await call(writeTool, { file_path: join(dir, 'run.sh'), content: 'echo c\necho d\n' }, ctx));
    ok(await call(writeTool, { file_path: join(dir, 'w.txt'), content: 'ÿes\n' }, ctx));
    expect(readFileSync(join(dir, 'run.sh'), 'utf8')).toBe('echo c\r\necho d\r\n');
    expect(statSync(join(dir, 'run.sh')).mode & 0o777).toBe(0o750);
    expect(readFileSync(join(dir, 'w.txt'))).toEqual(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ÿes\n', 'utf16le')]));
    expect(readdirSync(dir).sort()).toEqual(['run.sh', 'w.txt']);
  });

  it('writes through a symlink to its target, keeping the link', async () => {
    const dir = testdir({ 'target.txt': 'old', 'link.txt': { symlink: 'target.txt' } });
    const ctx = fileToolContext(dir);
    ok(await call(readTool, { file_path: join(dir, 'link.txt') }, ctx));
    ok(await call(writeTool, { file_path: join(dir, 'link.txt'), content: 'new' }, ctx));
    expect(lstatSync(join(dir, 'link.txt')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'target.txt'), 'utf8')).toBe('new');
  });

  it('refuses a directory and a relative path', async () => {
    const dir = testdir({ 'sub/x': '' });
    const ctx = fileToolContext(dir);
    expect(failed(await call(writeTool, { file_path: join(dir, 'sub'), content: 'x' }, ctx)).kind).toBe('is_directory');
    expect(failed(await call(writeTool, { file_path: 'rel.txt', content: 'x' }, ctx)).kind).toBe('invalid_input');
  });

  it('does nothing once aborted', async () => {
    const dir = testdir();
    const ctx = fileToolContext(dir, { signal: abortedSignal() });
    expect(failed(await call(writeTool, { file_path: join(dir, 'n.txt'), content: 'x' }, ctx)).kind).toBe('aborted');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an abort before the rename leaves the old file intact and no temp file', async () => {
    const dir = testdir({ 'a.txt': 'old' });
    await expect(writeFileAtomic(join(dir, 'a.txt'), Buffer.from('new'), { signal: abortedSignal() })).rejects.toThrow(/abort/i);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it('is neither read-only nor concurrency-safe, and always asks, saying when the target is outside', async () => {
    const root = testdir({ 'work/.keep': '', 'else/.keep': '' });
    const ctx = fileToolContext(join(root, 'work'));
    expect(writeTool.isReadOnly({ file_path: '/x', content: '' })).toBe(false);
    expect(writeTool.isConcurrencySafe({ file_path: '/x', content: '' })).toBe(false);
    const inside = await writeTool.checkPermissions({ file_path: join(root, 'work/a.txt'), content: '' }, ctx);
    expect(inside.behavior).toBe('ask');
    expect(inside.reason).not.toContain('outside');
    const outside = await writeTool.checkPermissions({ file_path: join(root, 'work/../else/a.txt'), content: '' }, ctx);
    expect(outside.behavior).toBe('ask');
    expect(outside.reason).toContain('outside the working directories');
  });

  it('notices a same-size change by its modification time', async () => {
    const dir = testdir({ 'a.txt': 'abc' });
    const ctx = fileToolContext(dir);
    ok(await call(readTool, { file_path: join(dir, 'a.txt') }, ctx));
    writeFileSync(join(dir, 'a.txt'), 'xyz');
    utimesSync(join(dir, 'a.txt'), new Date(), new Date(Date.now() + 5000));
    expect(failed(await call(writeTool, { file_path: join(dir, 'a.txt'), content: 'm' }, ctx)).kind).toBe('stale');
  });
});
