import { chmodSync, readFileSync, realpathSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editTool } from '../../src/tools/edit/tool.ts';
import { readTool } from '../../src/tools/read/tool.ts';
import type { ToolContext } from '../../src/tools/tool.ts';
import { testdir } from '../support/testdir.ts';
import { abortedSignal, call, failed, fileToolContext, ok } from './file-tools-support.ts';

async function readFirst(dir: string, name: string, ctx: ToolContext = fileToolContext(dir)): Promise<ToolContext> {
  ok(await call(readTool, { file_path: join(dir, name) }, ctx));
  return ctx;
}

describe('Edit', () => {
  it('replaces a unique string, returning diff hunks and a numbered snippet', async () => {
    const source = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const dir = testdir({ 'a.txt': source });
    const ctx = await readFirst(dir, 'a.txt');
    const out = ok(await call(editTool, { file_path: join(dir, 'a.txt'), old_string: 'line 6\n', new_string: 'six\nsix and a half\n' }, ctx));
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe(source.replace('line 6\n', 'six\nsix and a half\n'));
    expect(out.replacements).toBe(1);
    expect(out.structuredPatch).toEqual([
      { oldStart: 3, oldLines: 7, newStart: 3, newLines: 8, lines: [' line 3', ' line 4', ' line 5', '-line 6', '+six', '+six and a half', ' line 7', ' line 8', ' line 9'] },
    ]);
    const text = editTool.toModelContent(out) as string;
    expect(text).toContain('has been updated');
    expect(text).toContain('     2\tline 2\n     3\tline 3\n     4\tline 4\n     5\tline 5\n     6\tsix\n     7\tsix and a half\n     8\tline 7');
  });

  it('refuses a string that is not there, and one found several times (with the count)', async () => {
    const dir = testdir({ 'a.txt': 'x = 1\nx = 1\nx = 1\n' });
    const ctx = await readFirst(dir, 'a.txt');
    const none = failed(await call(editTool, { file_path: join(dir, 'a.txt'), old_string: 'y = 2', new_string: 'z' }, ctx));
    expect(none.kind).toBe('no_match');
    expect(none.message).toContain('String: y = 2');
    const many = failed(await call(editTool, { file_path: join(dir, 'a.txt'), old_string: 'x = 1', new_string: 'x = 2' }, ctx));
    expect(many.kind).toBe('multiple_matches');
    expect(many.message).toMatch(/Found 3 matches/);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('x = 1\nx = 1\nx = 1\n');
  });

  it('replaces every occurrence with replace_all', async () => {
    const dir = testdir({ 'a.ts': 'let foo = foo + foo;\n' });
    const ctx = await readFirst(dir, 'a.ts');
    const out = ok(await call(editTool, { file_path: join(dir, 'a.ts'), old_string: 'foo', new_string: 'bar', replace_all: true }, ctx));
    expect(out.replacements).toBe(3);
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toBe('let bar = bar + bar;\n');
    expect(editTool.toModelContent(out)).toContain('3 occurrences replaced');
  });

  it('refuses old_string equal to new_string', async () => {
    const dir = testdir({ 'a.txt': 'same' });
    const ctx = await readFirst(dir, 'a.txt');
    expect(failed(await call(editTool, { file_path: join(dir, 'a.txt'), old_string: 'same', new_string: 'same' }, ctx)).kind).toBe('no_change');
  });

  it('refuses a file not read in this session, and one changed on disk since', async () => {
    const dir = testdir({ 'a.txt': 'abc\n', 'b.txt': 'abc\n' });
    const unread = failed(await call(editTool, { file_path: join(dir, 'a.txt'), old_string: 'abc', new_string: 'x' }, fileToolContext(dir)));
    expect(unread.kind).toBe('not_read');
    const ctx = await readFirst(dir, 'b.txt');
    writeFileSync(join(dir, 'b.txt'), 'abd\n'); // same size
    utimesSync(join(dir, 'b.txt'), new Date(), new Date(Date.now() + 3000));
    expect(failed(await call(editTool, { file_path: join(dir, 'b.txt'), old_string: 'abd', new_string: 'x' }, ctx)).kind).toBe('stale');
    writeFileSync(join(dir, 'b.txt'), 'abdd\n'); // size changed, same mtime as recorded would not matter
    expect(failed(await call(editTool, { file_path: join(dir, 'b.txt'), old_string: 'abd', new_string: 'x' }, ctx)).kind).toBe('stale');
    expect(readFileSync(join(dir, 'b.txt'), 'utf8')).toBe('abdd\n');
  });

  it('allows consecutive edits without re-reading (its own writes are known)', async () => {
    const dir = testdir({ 'a.txt': 'one two' });
    const ctx = await readFirst(dir, 'a.txt');
    ok(await call(editTool, { file_path: join(dir, 'a.txt'), old_string: 'one', new_string: '1' }, ctx));
    ok(await call(editTool, { file_path: join(dir, 'a.txt'), old_string: 'two', new_string: '2' }, ctx));
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('1 2');
  });

  it('matches LF old_string in a CRLF file and keeps CRLF', async () => {
    const dir = testdir({ 'w.txt': 'alpha\r\nbeta\r\ngamma\r\n' });
    const ctx = await readFirst(dir, 'w.txt');
    ok(await call(editTool, { file_path: join(dir, 'w.txt'), old_string: 'alpha\nbeta', new_string: 'A\nB\nB2' }, ctx));
    expect(readFileSync(join(dir, 'w.txt'), 'utf8')).toBe('A\r\nB\r\nB2\r\ngamma\r\n');
  });

  it('keeps the encoding (UTF-8 BOM, UTF-16LE) and the file mode', async () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('café\n')]);
    const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('naïve\n', 'utf16le')]);
    const dir = testdir({ 'bom.txt': bom, 'u16.txt': u16 });
    chmodSync(join(dir, 'bom.txt'), 0o600);
    const ctx = await readFirst(dir, 'bom.txt');
    await readFirst(dir, 'u16.txt', ctx);
    ok(await call(editTool, { file_path: join(dir, 'bom.txt'), old_string: 'café', new_string: 'thé' }, ctx));
    ok(await call(editTool, { file_path: join(dir, 'u16.txt'), old_string: 'naïve', new_string: 'naïf' }, ctx));
    expect(readFileSync(join(dir, 'bom.txt'))).toEqual(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('thé\n')]));
    expect(readFileSync(join(dir, 'u16.txt'))).toEqual(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('naïf\n', 'utf16le')]));
    expect(statSync(join(dir, 'bom.txt')).mode & 0o777).toBe(0o600);
  });

  it('inserts new_string literally ($& and $1 are not replacement patterns)', async () => {
    const dir = testdir({ 'a.js': 'const price = X;\n' });
    const ctx = await readFirst(dir, 'a.js');
    ok(await call(editTool, { file_path: join(dir, 'a.js'), old_string: 'X', new_string: "'$&' + '$1'" }, ctx));
    expect(readFileSync(join(dir, 'a.js'), 'utf8')).toBe("const price = '$&' + '$1';\n");
  });

  it('matches straight quotes in old_string against curly quotes in the file', async () => {
    const dir = testdir({ 'q.md': 'He said \u201chello\u201d and left.\n' });
    const ctx = await readFirst(dir, 'q.md');
    ok(await call(editTool, { file_path: join(dir, 'q.md'), old_string: 'said "hello"', new_string: 'said \u201cbye\u201d' }, ctx));
    expect(readFileSync(join(dir, 'q.md'), 'utf8')).toBe('He said \u201cbye\u201d and left.\n');
  });

  it('creates a missing file from an empty old_string, and refuses that on a non-empty file', async () => {
    const dir = testdir({ 'full.txt': 'content' });
    const ctx = fileToolContext(dir);
    const created = ok(await call(editTool, { file_path: join(dir, 'new/file.txt'), old_string: '', new_string: 'fresh\n' }, ctx));
    expect(created.type).toBe('create');
    expect(readFileSync(join(dir, 'new/file.txt'), 'utf8')).toBe('fresh\n');
    expect(ctx.readFiles.has(realpathSync(join(dir, 'new/file.txt')))).toBe(true);
    await readFirst(dir, 'full.txt', ctx);
    expect(failed(await call(editTool, { file_path: join(dir, 'full.txt'), old_string: '', new_string: 'x' }, ctx)).kind).toBe('exists');
  });

  it('refuses a missing file, a directory, a notebook, a binary file and a relative path', async () => {
    const dir = testdir({ 'sub/a': '', 'nb.ipynb': '{}', 'blob.txt': Buffer.from([1, 0, 2]) });
    const ctx = fileToolContext(dir);
    const edit = (file_path: string) => call(editTool, { file_path, old_string: 'a', new_string: 'b' }, ctx);
    expect(failed(await edit(join(dir, 'missing.txt'))).kind).toBe('not_found');
    expect(failed(await edit(join(dir, 'sub'))).kind).toBe('is_directory');
    expect(failed(await edit(join(dir, 'nb.ipynb'))).message).toMatch(/notebook/);
    // Read refuses binary files, so mark it as read to reach Edit's own check.
    const real = realpathSync(join(dir, 'blob.txt'));
    const stats = statSync(real);
    ctx.readFiles.set(real, { mtimeMs: stats.mtimeMs, size: stats.size });
    expect(failed(await edit(join(dir, 'blob.txt'))).kind).toBe('binary');
    expect(failed(await edit('sub/a')).kind).toBe('invalid_input');
  });

  it('leaves the file alone when aborted', async () => {
    const dir = testdir({ 'a.txt': 'keep' });
    const reading = await readFirst(dir, 'a.txt');
    const ctx = { ...reading, signal: abortedSignal() };
    expect(failed(await call(editTool, { file_path: join(dir, 'a.txt'), old_string: 'keep', new_string: 'lose' }, ctx)).kind).toBe('aborted');
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('keep');
  });

  it('is a write: not read-only, not concurrency-safe, asks', async () => {
    const dir = testdir();
    const input = { file_path: join(dir, 'a'), old_string: 'a', new_string: 'b' };
    expect(editTool.isReadOnly(input)).toBe(false);
    expect(editTool.isConcurrencySafe(input)).toBe(false);
    expect((await editTool.checkPermissions(input, fileToolContext(dir))).behavior).toBe('ask');
  });
});
