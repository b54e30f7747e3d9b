import { execFileSync } from 'node:child_process';
import { mkdirSync, realpathSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_IMAGE_BYTES, readTool, type ReadOutput } from '../../src/tools/read/tool.ts';
import type { Tool } from '../../src/tools/tool.ts';
import { testdir } from '../support/testdir.ts';
import { abortedSignal, call, failed, fileToolContext, modelText, ok } from './file-tools-support.ts';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest-of-png')]);
const view = (out: ReadOutput) => modelText(readTool as Tool<unknown, ReadOutput>, out);

function notebook(cells: unknown[], minor = 5): string {
  return JSON.stringify({ cells, metadata: { language_info: { name: 'python' } }, nbformat: 4, nbformat_minor: minor }, null, 1);
}

describe('Read', () => {
  it('returns lines in cat -n format and records what was read', async () => {
    const dir = testdir({ 'a.txt': 'alpha\nbeta\ngamma\n' });
    const ctx = fileToolContext(dir);
    const out = ok(await call(readTool, { file_path: join(dir, 'a.txt') }, ctx));
    expect(out.type).toBe('text');
    expect(view(out)).toBe('     1\talpha\n     2\tbeta\n     3\tgamma');
    const real = realpathSync(join(dir, 'a.txt'));
    const stats = statSync(real);
    expect(ctx.readFiles.get(real)).toEqual({ mtimeMs: stats.mtimeMs, size: stats.size });
  });

  it('reads a line range with offset and limit, and says how to read on', async () => {
    const dir = testdir({ 'n.txt': Array.from({ length: 50 }, (_, i) => `line ${i + 1}`).join('\n') });
    const out = ok(await call(readTool, { file_path: join(dir, 'n.txt'), offset: 10, limit: 3 }, fileToolContext(dir)));
    expect(out.type === 'text' && out.totalLines).toBe(50);
    const text = view(out);
    expect(text).toContain('    10\tline 10\n    11\tline 11\n    12\tline 12');
    expect(text).not.toContain('line 13');
    expect(text).toContain('Showing lines 10-12 of 50. Use offset=13 to read more.');
  });

  it('warns about an empty file and an offset past the end', async () => {
    const dir = testdir({ 'empty.txt': '', 'short.txt': 'one\ntwo\n' });
    const ctx = fileToolContext(dir);
    expect(view(ok(await call(readTool, { file_path: join(dir, 'empty.txt') }, ctx)))).toContain('the file exists but the contents are empty');
    const past = view(ok(await call(readTool, { file_path: join(dir, 'short.txt'), offset: 9 }, ctx)));
    expect(past).toContain('shorter than the provided offset (9). The file has 2 lines.');
  });

  it('cuts lines longer than 2000 characters and says so', async () => {
    const dir = testdir({ 'long.txt': `${'x'.repeat(5000)}\nshort\n` });
    const out = ok(await call(readTool, { file_path: join(dir, 'long.txt') }, fileToolContext(dir)));
    const text = view(out);
    expect(text.split('\n')[0]).toBe(`     1\t${'x'.repeat(2000)}`);
    expect(text).toContain('     2\tshort');
    expect(text).toContain('1 line was longer than 2000 characters and cut.');
  });

  it('refuses a whole read of a file over 256 KB, pointing to offset and limit, which then work', async () => {
    const big = Array.from({ length: 30_000 }, (_, i) => `row ${i + 1} ${'.'.repeat(10)}`).join('\n');
    const dir = testdir({ 'big.log': big });
    const ctx = fileToolContext(dir);
    const error = failed(await call(readTool, { file_path: join(dir, 'big.log') }, ctx));
    expect(error.kind).toBe('too_large');
    expect(error.message).toMatch(/offset and limit/);
    expect(ctx.readFiles.size).toBe(0);
    const part = ok(await call(readTool, { file_path: join(dir, 'big.log'), offset: 29_999, limit: 5 }, ctx));
    expect(view(part)).toContain(' 29999\trow 29999');
    expect(view(part)).toContain(' 30000\trow 30000');
  });

  it('caps the output at about 25k tokens and tells the model where to continue', async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `${i + 1}:${'y'.repeat(120)}`).join('\n');
    const dir = testdir({ 'wide.txt': lines });
    const out = ok(await call(readTool, { file_path: join(dir, 'wide.txt'), offset: 1, limit: 2000 }, fileToolContext(dir)));
    if (out.type !== 'text') throw new Error('expected text');
    expect(out.cappedOutput).toBe(true);
    expect(out.content.length).toBeLessThanOrEqual(100_000);
    expect(view(out)).toContain(`Use offset=${out.numLines + 1} to read more.`);
  });

  it('shows CRLF files without carriage returns and decodes UTF-16 with a BOM', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('héllo\nwörld\n', 'utf16le')]);
    const dir = testdir({ 'crlf.txt': 'a\r\nb\r\n', 'u16.txt': utf16 });
    const ctx = fileToolContext(dir);
    expect(view(ok(await call(readTool, { file_path: join(dir, 'crlf.txt') }, ctx)))).toBe('     1\ta\n     2\tb');
    expect(view(ok(await call(readTool, { file_path: join(dir, 'u16.txt') }, ctx)))).toBe('     1\théllo\n     2\twörld');
  });

  it('returns an image as a base64 image block with its real media type', async () => {
    const jpegNamedPng = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const dir = testdir({ 'pic.png': PNG, 'photo.png': jpegNamedPng });
    const ctx = fileToolContext(dir);
    const out = ok(await call(readTool, { file_path: join(dir, 'pic.png') }, ctx));
    expect(readTool.toModelContent(out)).toEqual([{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG.toString('base64') } }]);
    const jpeg = ok(await call(readTool, { file_path: join(dir, 'photo.png') }, ctx));
    expect(jpeg.type === 'image' && jpeg.mediaType).toBe('image/jpeg');
    expect(ctx.readFiles.size).toBe(2);
  });

  it('refuses an image over the size cap and a fake image', async () => {
    const dir = testdir({ 'huge.png': Buffer.concat([PNG, Buffer.alloc(MAX_IMAGE_BYTES)]), 'fake.gif': 'not a gif' });
    const ctx = fileToolContext(dir);
    const big = failed(await call(readTool, { file_path: join(dir, 'huge.png') }, ctx));
    expect(big.kind).toBe('too_large');
    expect(big.message).toMatch(/3\.75 MB/);
    expect(failed(await call(readTool, { file_path: join(dir, 'fake.gif') }, ctx)).kind).toBe('binary');
  });

  it('refuses binary files by extension and by content', async () => {
    const dir = testdir({ 'a.zip': 'PK whatever', 'data.txt': Buffer.from([0x61, 0x00, 0x62]) });
    const ctx = fileToolContext(dir);
    const byExt = failed(await call(readTool, { file_path: join(dir, 'a.zip') }, ctx));
    expect(byExt.kind).toBe('binary');
    expect(byExt.message).toContain('.zip');
    const byContent = failed(await call(readTool, { file_path: join(dir, 'data.txt') }, ctx));
    expect(byContent.kind).toBe('binary');
    expect(byContent.message).toMatch(/NUL/);
    expect(ctx.readFiles.size).toBe(0);
  });

  it('refuses a directory, pointing to LS', async () => {
    const dir = testdir({ 'sub/x.txt': 'x' });
    const error = failed(await call(readTool, { file_path: join(dir, 'sub') }, fileToolContext(dir)));
    expect(error.kind).toBe('is_directory');
    expect(error.message).toContain('LS');
  });

  it('reports a missing file with a near-miss suggestion', async () => {
    const dir = testdir({ 'config.json': '{}' });
    const error = failed(await call(readTool, { file_path: join(dir, 'config.yaml') }, fileToolContext(dir)));
    expect(error.kind).toBe('not_found');
    expect(error.message).toContain(`Did you mean ${join(dir, 'config.json')}?`);
  });

  it('refuses a relative path with the absolute one it probably meant', async () => {
    const dir = testdir({ 'a.txt': 'a' });
    const error = failed(await call(readTool, { file_path: 'a.txt' }, fileToolContext(dir)));
    expect(error.kind).toBe('invalid_input');
    expect(error.message).toContain(join(dir, 'a.txt'));
  });

  it('refuses a FIFO without blocking on it', async () => {
    const dir = testdir();
    try {
      execFileSync('mkfifo', [join(dir, 'pipe')]);
    } catch {
      return; // no mkfifo on this platform
    }
    expect(failed(await call(readTool, { file_path: join(dir, 'pipe') }, fileToolContext(dir))).kind).toBe('not_a_file');
  });

  it('renders a notebook as cells with ids, outputs and output images', async () => {
    const nb = notebook([
      { cell_type: 'markdown', id: 'intro', metadata: {}, source: ['# Title\n', 'text'] },
      {
        cell_type: 'code',
        id: 'c1',
        metadata: {},
        execution_count: 1,
        source: 'print(1)',
        outputs: [
          { output_type: 'stream', name: 'stdout', text: ['1\n'] },
          { output_type: 'display_data', data: { 'image/png': PNG.toString('base64'), 'text/plain': ['<Figure>'] }, metadata: {} },
          { output_type: 'error', ename: 'E', evalue: 'v', traceback: ['\u001b[31mTraceback\u001b[0m', 'E: v'] },
        ],
      },
    ]);
    const dir = testdir({ 'nb.ipynb': nb });
    const ctx = fileToolContext(dir);
    const out = ok(await call(readTool, { file_path: join(dir, 'nb.ipynb') }, ctx));
    const blocks = readTool.toModelContent(out);
    if (typeof blocks === 'string') throw new Error('expected blocks');
    expect(blocks[0]).toEqual({ type: 'text', text: '<cell id="intro"><cell_type>markdown</cell_type># Title\ntext</cell id="intro">' });
    const code = blocks[1];
    expect(code?.type === 'text' && code.text).toBe(
      '<cell id="c1">print(1)\n<output>\n1\n</output>\n<output>\n<Figure>\n</output>\n<output>\nTraceback\nE: v\n</output></cell id="c1">',
    );
    expect(blocks[2]).toEqual({ type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG.toString('base64') } });
    expect(ctx.readFiles.size).toBe(1);
  });

  it('numbers cells of notebooks without ids as cell-N, and refuses an invalid notebook', async () => {
    const dir = testdir({
      'old.ipynb': notebook([{ cell_type: 'code', metadata: {}, source: 'x = 1', outputs: [], execution_count: null }], 4),
      'bad.ipynb': '{"cells": "nope"}',
    });
    const ctx = fileToolContext(dir);
    expect(view(ok(await call(readTool, { file_path: join(dir, 'old.ipynb') }, ctx)))).toBe('<cell id="cell-0">x = 1</cell id="cell-0">');
    expect(failed(await call(readTool, { file_path: join(dir, 'bad.ipynb') }, ctx)).kind).toBe('invalid_notebook');
  });

  it('refuses a notebook that renders past the output cap, pointing to jq', async () => {
    const big = Array.from({ length: 12 }, (_, i) => ({
      cell_type: 'code', id: `c${i}`, metadata: {}, execution_count: 1, source: 'print()',
      outputs: [{ output_type: 'stream', name: 'stdout', text: 'z'.repeat(9_999) }],
    }));
    const dir = testdir({ 'big.ipynb': notebook(big) });
    const error = failed(await call(readTool, { file_path: join(dir, 'big.ipynb') }, fileToolContext(dir)));
    expect(error.kind).toBe('too_large');
    expect(error.message).toContain('jq');
  });

  it('keys what it read by real path, so a symlink and its target are one file', async () => {
    const dir = testdir({ 'real/t.txt': 'target', 'link.txt': { symlink: 'real/t.txt' } });
    const ctx = fileToolContext(dir);
    ok(await call(readTool, { file_path: join(dir, 'link.txt') }, ctx));
    expect([...ctx.readFiles.keys()]).toEqual([realpathSync(join(dir, 'real/t.txt'))]);
  });

  it('stops when the call is aborted', async () => {
    const dir = testdir({ 'a.txt': 'a' });
    const ctx = fileToolContext(dir, { signal: abortedSignal() });
    expect(failed(await call(readTool, { file_path: join(dir, 'a.txt') }, ctx)).kind).toBe('aborted');
    expect(ctx.readFiles.size).toBe(0);
  });

  it('is read-only and concurrency-safe', () => {
    expect(readTool.isReadOnly({ file_path: '/x' })).toBe(true);
    expect(readTool.isConcurrencySafe({ file_path: '/x' })).toBe(true);
  });

  describe('its own permission view', () => {
    it('allows inside cwd and additional directories, asks outside', async () => {
      const root = testdir({ 'work/a.txt': 'a', 'extra/b.txt': 'b', 'outside/c.txt': 'c' });
      const ctx = fileToolContext(join(root, 'work'), { additionalDirectories: [join(root, 'extra')] });
      expect((await readTool.checkPermissions({ file_path: join(root, 'work/a.txt') }, ctx)).behavior).toBe('allow');
      expect((await readTool.checkPermissions({ file_path: join(root, 'extra/b.txt') }, ctx)).behavior).toBe('allow');
      const outside = await readTool.checkPermissions({ file_path: join(root, 'outside/c.txt') }, ctx);
      expect(outside.behavior).toBe('ask');
      expect(outside.reason).toContain('outside the working directories');
    });

    it('resolves symlinks and .. before deciding, and is not fooled by a shared prefix', async () => {
      const root = testdir({ 'app/in.txt': 'i', 'app-evil/x.txt': 'x', 'secret/s.txt': 's' });
      symlinkSync(join(root, 'secret'), join(root, 'app', 'door'));
      mkdirSync(join(root, 'app', 'sub'));
      writeFileSync(join(root, 'app', 'sub', 'f.txt'), 'f');
      const ctx = fileToolContext(join(root, 'app'));
      const check = async (p: string) => (await readTool.checkPermissions({ file_path: p }, ctx)).behavior;
      expect(await check(join(root, 'app/door/s.txt'))).toBe('ask');
      expect(await check(`${join(root, 'app')}/sub/../../secret/s.txt`)).toBe('ask');
      expect(await check(join(root, 'app-evil/x.txt'))).toBe('ask');
      expect(await check(`${join(root, 'app')}/sub/../in.txt`)).toBe('allow');
      expect(await check(join(root, 'app/not-yet/new.txt'))).toBe('allow');
    });
  });
});
