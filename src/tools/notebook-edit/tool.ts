import { extname } from 'node:path';
import { z } from 'zod';
import type { Tool, ToolContext, ToolErrorValue } from '../tool.ts';
import { diffHunks, type DiffHunk } from '../shared/diff.ts';
import { abortedError, fsErrorToValue, toolError } from '../shared/errors.ts';
import { detectIndent, parseNotebook, stringifyNotebook } from '../shared/notebook.ts';
import { notFoundError, requireAbsolute } from '../shared/paths.ts';
import { writePermission } from '../shared/permissions.ts';
import { commitText, isLoadError, loadForChange } from '../shared/text-file.ts';
import { detectLineEnding } from '../shared/text.ts';
import { applyCellEdit } from './edit-cells.ts';
import description from './prompt.md';

const inputSchema = z.strictObject({
  notebook_path: z.string().describe('The absolute path to the Jupyter notebook file to edit (must be absolute, not relative)'),
  cell_id: z
    .string()
    .optional()
    .describe('The ID of the cell to edit. When inserting a new cell, the new cell will be inserted after the cell with this ID, or at the beginning if not specified.'),
  new_source: z.string().describe('The new source for the cell'),
  cell_type: z
    .enum(['code', 'markdown'])
    .optional()
    .describe('The type of the cell (code or markdown). If not specified, it defaults to the current cell type. If using edit_mode=insert, this is required.'),
  edit_mode: z
    .enum(['replace', 'insert', 'delete'])
    .optional()
    .describe('The type of edit to make (replace, insert, delete). Defaults to replace.'),
});

export type NotebookEditInput = z.output<typeof inputSchema>;

export interface NotebookEditOutput {
  readonly notebookPath: string;
  readonly cellId: string;
  readonly cellType: string;
  readonly editMode: 'replace' | 'insert' | 'delete';
  readonly newSource: string;
  /** Changes to the notebook file, for the UI. */
  readonly structuredPatch: readonly DiffHunk[];
}

export const notebookEditTool: Tool<NotebookEditInput, NotebookEditOutput> = {
  name: 'NotebookEdit',
  description,
  inputSchema,
  isReadOnly: () => false,
  isConcurrencySafe: () => false,
  checkPermissions: (input, ctx) => writePermission('NotebookEdit', input.notebook_path, ctx),
  async *call(input, ctx) {
    let output: NotebookEditOutput | ToolErrorValue;
    try {
      output = await editNotebook(input, ctx);
    } catch (err) {
      output = ctx.signal.aborted ? abortedError() : fsErrorToValue(err, input.notebook_path);
    }
    yield { type: 'result', output };
  },
  toModelContent(output) {
    if (output.editMode === 'delete') return `Deleted cell ${output.cellId}.`;
    if (output.editMode === 'insert') return `Inserted ${output.cellType} cell ${output.cellId} with:\n${output.newSource}`;
    return `Updated cell ${output.cellId} with:\n${output.newSource}`;
  },
};

async function editNotebook(input: NotebookEditInput, ctx: ToolContext): Promise<NotebookEditOutput | ToolErrorValue> {
  if (ctx.signal.aborted) return abortedError();
  const path = requireAbsolute(input.notebook_path, 'notebook_path', ctx);
  if (typeof path !== 'string') return path;
  if (extname(path).toLowerCase() !== '.ipynb') {
    return toolError('invalid_input', `${path} is not a Jupyter notebook (.ipynb). Use Edit for other files.`);
  }
  const loaded = await loadForChange(path, ctx);
  if (isLoadError(loaded)) return loaded;
  if (loaded === 'missing') return notFoundError(path, ctx.cwd, 'Notebook');
  const notebook = parseNotebook(loaded.text);
  if ('invalid' in notebook) return toolError('invalid_notebook', `${path} is ${notebook.invalid}; it cannot be edited cell by cell.`);
  const mode = input.edit_mode ?? 'replace';
  const result = applyCellEdit(notebook, { cellId: input.cell_id, newSource: input.new_source, cellType: input.cell_type, mode });
  if (!result.ok) return toolError('invalid_input', result.message);
  let text = stringifyNotebook(notebook, detectIndent(loaded.text));
  if (detectLineEnding(loaded.text) === 'crlf') text = text.replaceAll('\n', '\r\n');
  await commitText(path, text, loaded.encoding, ctx);
  return {
    notebookPath: path,
    cellId: result.cellId,
    cellType: result.cellType,
    editMode: mode,
    newSource: mode === 'delete' ? '' : input.new_source,
    structuredPatch: diffHunks(path, loaded.text, text),
  };
}
