import type { Notebook, NotebookOutput } from './notebook.ts';
import { cellIdOf, sourceText } from './notebook.ts';

/** One cell as the model sees it: text, and images from its outputs. */
export interface NotebookCellView {
  readonly id: string;
  readonly type: 'code' | 'markdown' | 'raw';
  readonly text: string;
  readonly images: readonly { readonly mediaType: string; readonly base64: string }[];
}

/** Characters of one output kept; notebooks with huge logs stay readable. */
const MAX_OUTPUT_CHARS = 10_000;

/** Renders the cells: `<cell id="...">` blocks holding source, then outputs. */
export function viewNotebook(notebook: Notebook): NotebookCellView[] {
  const language = languageOf(notebook);
  return notebook.cells.map((cell, index) => {
    const id = cellIdOf(cell, index);
    const source = sourceText(cell.source);
    const parts = [`<cell id="${id}">`];
    if (cell.cell_type !== 'code') parts.push(`<cell_type>${cell.cell_type}</cell_type>`);
    else if (language !== 'python') parts.push(`<language>${language}</language>`);
    parts.push(source);
    const images: { mediaType: string; base64: string }[] = [];
    for (const output of cell.outputs ?? []) {
      const text = outputText(output);
      if (text.trim() !== '') parts.push(`\n<output>\n${text.replace(/\n+$/, '')}\n</output>`);
      const image = outputImage(output);
      if (image) images.push(image);
    }
    parts.push(`</cell id="${id}">`);
    return { id, type: cell.cell_type, text: parts.join(''), images };
  });
}

function languageOf(notebook: Notebook): string {
  const meta = notebook.metadata ?? {};
  const info = meta['language_info'] as { name?: unknown } | undefined;
  const kernel = meta['kernelspec'] as { language?: unknown } | undefined;
  const name = info?.name ?? kernel?.language;
  return typeof name === 'string' && name !== '' ? name : 'python';
}

function joinText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string').join('');
  return '';
}

// Tracebacks carry terminal colours; they are noise to the model.
function stripAnsi(text: string): string {
  return text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
}

function cap(text: string): string {
  return text.length > MAX_OUTPUT_CHARS ? `${text.slice(0, MAX_OUTPUT_CHARS)}\n[... output truncated, ${text.length} characters]` : text;
}

function outputText(output: NotebookOutput): string {
  switch (output.output_type) {
    case 'stream':
      return cap(joinText(output['text']));
    case 'execute_result':
    case 'display_data': {
      const data = (output['data'] ?? {}) as Record<string, unknown>;
      return cap(joinText(data['text/plain']));
    }
    case 'error': {
      const trace = Array.isArray(output['traceback']) ? joinText((output['traceback'] as unknown[]).map((l) => `${String(l)}\n`)) : '';
      return cap(stripAnsi(trace || `${String(output['ename'])}: ${String(output['evalue'])}`));
    }
    default:
      return '';
  }
}

function outputImage(output: NotebookOutput): { mediaType: string; base64: string } | undefined {
  if (output.output_type !== 'execute_result' && output.output_type !== 'display_data') return undefined;
  const data = (output['data'] ?? {}) as Record<string, unknown>;
  for (const mediaType of ['image/png', 'image/jpeg']) {
    const value = joinText(data[mediaType]);
    if (value !== '') return { mediaType, base64: value.replace(/\s+/g, '') };
  }
  return undefined;
}
