import { z } from 'zod';

/**
 * Jupyter notebooks (nbformat 4). Validated loosely: unknown keys are kept so a
 * rewrite preserves everything the tool does not touch.
 */
const cellSchema = z.looseObject({
  cell_type: z.enum(['code', 'markdown', 'raw']),
  id: z.string().optional(),
  source: z.union([z.string(), z.array(z.string())]),
  metadata: z.record(z.string(), z.unknown()).optional(),
  outputs: z.array(z.looseObject({ output_type: z.string() })).optional(),
  execution_count: z.number().nullable().optional(),
});

const notebookSchema = z.looseObject({
  cells: z.array(cellSchema),
  metadata: z.record(z.string(), z.unknown()).optional(),
  nbformat: z.number(),
  nbformat_minor: z.number(),
});

export type NotebookCell = z.infer<typeof cellSchema>;
export type Notebook = z.infer<typeof notebookSchema>;
export type NotebookOutput = NonNullable<NotebookCell['outputs']>[number];

/** The notebook, or a message saying why the text is not one. */
export function parseNotebook(text: string): Notebook | { readonly invalid: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { invalid: `not valid JSON (${(err as Error).message})` };
  }
  const parsed = notebookSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { invalid: `not an nbformat 4 notebook (${issue ? `${issue.path.join('.') || 'root'}: ${issue.message}` : 'unknown shape'})` };
  }
  if (parsed.data.nbformat < 4) return { invalid: `nbformat ${parsed.data.nbformat} is not supported (4 or later is)` };
  // The original object, not zod's copy: key order survives a rewrite, so diffs stay minimal.
  return json as Notebook;
}

/** A cell's id as Read shows it: its own `id`, or `cell-N` (0-based) for notebooks older than nbformat 4.5. */
export function cellIdOf(cell: NotebookCell, index: number): string {
  return cell.id ?? `cell-${index}`;
}

/** The index of the cell `id` names: its own id first, then `cell-N`, then a bare index. -1 when none. */
export function findCellIndex(notebook: Notebook, id: string): number {
  const byId = notebook.cells.findIndex((c) => c.id === id);
  if (byId !== -1) return byId;
  const numbered = /^(?:cell-)?(\d+)$/.exec(id);
  if (numbered) {
    const index = Number(numbered[1]);
    if (index < notebook.cells.length) return index;
  }
  return -1;
}

/** Cell source as one string. */
export function sourceText(source: string | readonly string[]): string {
  return typeof source === 'string' ? source : source.join('');
}

/** Source the way Jupyter writes it: lines, each keeping its newline. */
export function sourceLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Serialises like Jupyter (one-space indent, trailing newline), so diffs stay small. */
export function stringifyNotebook(notebook: Notebook, indent: string | number = 1): string {
  return `${JSON.stringify(notebook, null, indent)}\n`;
}

/** The indent an existing notebook file uses (Jupyter writes one space). */
export function detectIndent(text: string): string | number {
  const m = /^\{\s*\n([ \t]+)"/.exec(text);
  return m ? m[1]! : 1;
}

/** Whether the notebook's format carries cell ids (nbformat 4.5 and later). */
export function hasCellIds(notebook: Notebook): boolean {
  return notebook.nbformat > 4 || (notebook.nbformat === 4 && notebook.nbformat_minor >= 5);
}
