import { randomBytes } from 'node:crypto';
import type { Notebook, NotebookCell } from '../shared/notebook.ts';
import { cellIdOf, findCellIndex, hasCellIds, sourceLines } from '../shared/notebook.ts';

/** One cell change, already validated against the tool's schema. */
export interface CellEdit {
  readonly cellId: string | undefined;
  readonly newSource: string;
  readonly cellType: 'code' | 'markdown' | undefined;
  readonly mode: 'replace' | 'insert' | 'delete';
}

export type CellEditResult = { readonly ok: true; readonly cellId: string; readonly cellType: string } | { readonly ok: false; readonly message: string };

/** Applies `edit` to `notebook` in place (a parsed copy), keeping every field it does not change. */
export function applyCellEdit(notebook: Notebook, edit: CellEdit): CellEditResult {
  const known = () => notebook.cells.map((c, i) => cellIdOf(c, i)).join(', ') || '(none)';
  if (edit.mode === 'insert') {
    if (!edit.cellType) return { ok: false, message: 'cell_type is required when inserting a cell (code or markdown).' };
    let at = 0;
    if (edit.cellId !== undefined) {
      const index = findCellIndex(notebook, edit.cellId);
      if (index === -1) return { ok: false, message: `Cell '${edit.cellId}' not found. Known cell ids: ${known()}.` };
      at = index + 1;
    }
    const cell: NotebookCell = { cell_type: edit.cellType, metadata: {}, source: sourceLines(edit.newSource) };
    if (hasCellIds(notebook)) cell.id = newCellId(notebook);
    if (edit.cellType === 'code') Object.assign(cell, { execution_count: null, outputs: [] });
    notebook.cells.splice(at, 0, cell);
    return { ok: true, cellId: cellIdOf(cell, at), cellType: edit.cellType };
  }
  if (edit.cellId === undefined) return { ok: false, message: `cell_id is required to ${edit.mode} a cell.` };
  const index = findCellIndex(notebook, edit.cellId);
  if (index === -1) return { ok: false, message: `Cell '${edit.cellId}' not found. Known cell ids: ${known()}.` };
  const cell = notebook.cells[index]!;
  const id = cellIdOf(cell, index);
  if (edit.mode === 'delete') {
    notebook.cells.splice(index, 1);
    return { ok: true, cellId: id, cellType: cell.cell_type };
  }
  cell.source = typeof cell.source === 'string' ? edit.newSource : sourceLines(edit.newSource);
  const type = edit.cellType ?? cell.cell_type;
  if (type !== cell.cell_type) {
    cell.cell_type = type;
    if (type !== 'code') {
      delete cell.outputs;
      delete cell.execution_count;
    }
  }
  // New code means old outputs describe something that no longer exists.
  if (cell.cell_type === 'code') Object.assign(cell, { execution_count: null, outputs: [] });
  return { ok: true, cellId: id, cellType: cell.cell_type };
}

function newCellId(notebook: Notebook): string {
  const taken = new Set(notebook.cells.map((c) => c.id));
  for (;;) {
    const id = randomBytes(4).toString('hex');
    if (!taken.has(id)) return id;
  }
}
