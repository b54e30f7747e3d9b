import { readFileSync, realpathSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { featureModule, notebookEditTool } from '../../src/tools/notebook-edit/index.ts';
import { readTool } from '../../src/tools/read/tool.ts';
import type { ToolContext } from '../../src/tools/tool.ts';
import { testdir } from '../support/testdir.ts';
import { abortedSignal, call, failed, fileToolContext, ok } from './file-tools-support.ts';

const code = (id: string | undefined, source: string) => ({
  cell_type: 'code',
  ...(id ? { id } : {}),
  metadata: { tags: ['keep-me'] },
  execution_count: 3,
  source: source.split(/(?<=\n)/),
  outputs: [{ output_type: 'stream', name: 'stdout', text: ['old output\n'] }],
});
const markdown = (id: string | undefined, source: string) => ({ cell_type: 'markdown', ...(id ? { id } : {}), metadata: {}, source: [source] });

function notebookFile(cells: unknown[], minor = 5): string {
  return `${JSON.stringify({ cells, metadata: { kernelspec: { name: 'python3' } }, nbformat: 4, nbformat_minor: minor, extra_top_level: true }, null, 1)}\n`;
}

async function opened(dir: string, name = 'nb.ipynb'): Promise<ToolContext> {
  const ctx = fileToolContext(dir);
  ok(await call(readTool, { file_path: join(dir, name) }, ctx));
  return ctx;
}

function load(path: string): { cells: Record<string, unknown>[]; [k: string]: unknown } {
  return JSON.parse(readFileSync(path, 'utf8'));
}

describe('NotebookEdit', () => {
  it('is the NOTEBOOK_TOOL feature, built', () => {
    expect(featureModule).toEqual({ flag: 'NOTEBOOK_TOOL', status: 'ready', provides: ['NotebookEdit'] });
    expect(notebookEditTool.name).toBe('NotebookEdit');
  });

  it('replaces a cell by id, clearing stale outputs and keeping everything else', async () => {
    const dir = testdir({ 'nb.ipynb': notebookFile([markdown('m1', '# T'), code('c1', 'x = 1\nprint(x)\n')]) });
    const ctx = await opened(dir);
    const out = ok(await call(notebookEditTool, { notebook_path: join(dir, 'nb.ipynb'), cell_id: 'c1', new_source: 'y = 2\nprint(y)' }, ctx));
    expect(out).toMatchObject({ cellId: 'c1', cellType: 'code', editMode: 'replace' });
    expect(out.structuredPatch.length).toBeGreaterThan(0);
    const text = readFileSync(join(dir, 'nb.ipynb'), 'utf8');
    expect(text.startsWith('{\n "cells": [')).toBe(true); // Jupyter's one-space indent kept
    const nb = load(join(dir, 'nb.ipynb'));
    expect(nb['extra_top_level']).toBe(true);
    expect(nb.cells[1]).toEqual({ cell_type: 'code', id: 'c1', metadata: { tags: ['keep-me'] }, execution_count: null, source: ['y = 2\n', 'print(y)'], outputs: [] });
    expect(nb.cells[0]).toEqual(markdown('m1', '# T'));
    expect(notebookEditTool.toModelContent(out)).toBe('Updated cell c1 with:\ny = 2\nprint(y)');
  });

  it('addresses cells of notebooks without ids as cell-N (or N), as Read shows them', async () => {
    const dir = testdir({ 'nb.ipynb': notebookFile([markdown(undefined, 'a'), markdown(undefined, 'b')], 4) });
    const ctx = await opened(dir);
    ok(await call(notebookEditTool, { notebook_path: join(dir, 'nb.ipynb'), cell_id: 'cell-1', new_source: 'B' }, ctx));
    ok(await call(notebookEditTool, { notebook_path: join(dir, 'nb.ipynb'), cell_id: '0', new_source: 'A' }, ctx));
    expect(load(join(dir, 'nb.ipynb')).cells.map((c) => c['source'])).toEqual([['A'], ['B']]);
  });

  it('inserts after a cell, or first without cell_id, with fresh ids; requires cell_type', async () => {
    const dir = testdir({ 'nb.ipynb': notebookFile([markdown('m1', 'a')]) });
    const ctx = await opened(dir);
    const path = join(dir, 'nb.ipynb');
    const after = ok(await call(notebookEditTool, { notebook_path: path, cell_id: 'm1', new_source: 'print(1)', cell_type: 'code', edit_mode: 'insert' }, ctx));
    const first = ok(await call(notebookEditTool, { notebook_path: path, new_source: '# Top', cell_type: 'markdown', edit_mode: 'insert' }, ctx));
    const cells = load(path).cells;
    expect(cells.map((c) => c['id'])).toEqual([first.cellId, 'm1', after.cellId]);
    expect(after.cellId).toMatch(/^[0-9a-f]{8}$/);
    expect(cells[2]).toEqual({ cell_type: 'code', id: after.cellId, metadata: {}, source: ['print(1)'], execution_count: null, outputs: [] });
    const missingType = failed(await call(notebookEditTool, { notebook_path: path, new_source: 'x', edit_mode: 'insert' }, ctx));
    expect(missingType.message).toMatch(/cell_type is required/);
  });

  it('deletes a cell and changes a cell type', async () => {
    const dir = testdir({ 'nb.ipynb': notebookFile([markdown('m1', 'a'), code('c1', 'x'), code('c2', 'y')]) });
    const ctx = await opened(dir);
    const path = join(dir, 'nb.ipynb');
    const del = ok(await call(notebookEditTool, { notebook_path: path, cell_id: 'm1', new_source: '', edit_mode: 'delete' }, ctx));
    expect(notebookEditTool.toModelContent(del)).toBe('Deleted cell m1.');
    ok(await call(notebookEditTool, { notebook_path: path, cell_id: 'c2', new_source: '## now prose', cell_type: 'markdown' }, ctx));
    const cells = load(path).cells;
    expect(cells.map((c) => c['id'])).toEqual(['c1', 'c2']);
    expect(cells[1]).toEqual({ cell_type: 'markdown', id: 'c2', metadata: { tags: ['keep-me'] }, source: ['## now prose'] });
  });

  it('refuses an unknown cell, listing the ids there are', async () => {
    const dir = testdir({ 'nb.ipynb': notebookFile([markdown('m1', 'a')]) });
    const ctx = await opened(dir);
    const error = failed(await call(notebookEditTool, { notebook_path: join(dir, 'nb.ipynb'), cell_id: 'zz', new_source: 'x' }, ctx));
    expect(error.kind).toBe('invalid_input');
    expect(error.message).toContain('Known cell ids: m1');
    const noId = failed(await call(notebookEditTool, { notebook_path: join(dir, 'nb.ipynb'), new_source: 'x' }, ctx));
    expect(noId.message).toMatch(/cell_id is required/);
  });

  it('refuses a notebook not read, or changed since it was read', async () => {
    const dir = testdir({ 'nb.ipynb': notebookFile([markdown('m1', 'a')]) });
    const path = join(dir, 'nb.ipynb');
    expect(failed(await call(notebookEditTool, { notebook_path: path, cell_id: 'm1', new_source: 'x' }, fileToolContext(dir))).kind).toBe('not_read');
    const ctx = await opened(dir);
    writeFileSync(path, notebookFile([markdown('m1', 'b')]));
    utimesSync(path, new Date(), new Date(Date.now() + 3000));
    expect(failed(await call(notebookEditTool, { notebook_path: path, cell_id: 'm1', new_source: 'x' }, ctx)).kind).toBe('stale');
  });

  it('refuses a non-notebook, an invalid notebook, a missing file and a relative path', async () => {
    const dir = testdir({ 'a.py': 'x', 'bad.ipynb': '{"cells": [' });
    const ctx = fileToolContext(dir);
    const edit = (notebook_path: string) => call(notebookEditTool, { notebook_path, cell_id: 'a', new_source: 'x' }, ctx);
    expect(failed(await edit(join(dir, 'a.py'))).kind).toBe('invalid_input');
    expect(failed(await edit(join(dir, 'missing.ipynb'))).kind).toBe('not_found');
    expect(failed(await edit('nb.ipynb')).kind).toBe('invalid_input');
    // Read refuses invalid notebooks, so mark it read to reach NotebookEdit's own parse.
    const real = realpathSync(join(dir, 'bad.ipynb'));
    ctx.readFiles.set(real, { mtimeMs: statSync(real).mtimeMs, size: statSync(real).size });
    expect(failed(await edit(join(dir, 'bad.ipynb'))).kind).toBe('invalid_notebook');
  });

  it('leaves the notebook alone when aborted', async () => {
    const dir = testdir({ 'nb.ipynb': notebookFile([markdown('m1', 'a')]) });
    const ctx = { ...(await opened(dir)), signal: abortedSignal() };
    const before = readFileSync(join(dir, 'nb.ipynb'), 'utf8');
    expect(failed(await call(notebookEditTool, { notebook_path: join(dir, 'nb.ipynb'), cell_id: 'm1', new_source: 'x' }, ctx)).kind).toBe('aborted');
    expect(readFileSync(join(dir, 'nb.ipynb'), 'utf8')).toBe(before);
  });

  it('is a write: not read-only, not concurrency-safe, asks', async () => {
    const dir = testdir();
    const input = { notebook_path: join(dir, 'nb.ipynb'), new_source: '' };
    expect(notebookEditTool.isReadOnly(input)).toBe(false);
    expect(notebookEditTool.isConcurrencySafe(input)).toBe(false);
    expect((await notebookEditTool.checkPermissions(input, fileToolContext(dir))).behavior).toBe('ask');
  });
});
