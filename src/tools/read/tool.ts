import { open, readFile, realpath, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { z } from 'zod';
import type { Tool, ToolContext, ToolErrorValue, ToolResultContent } from '../tool.ts';
import { binaryExtension, sniffBinary } from '../shared/binary-files.ts';
import { abortedError, fsErrorToValue, toolError } from '../shared/errors.ts';
import { recordRead } from '../shared/file-state.ts';
import { parseNotebook } from '../shared/notebook.ts';
import { viewNotebook, type NotebookCellView } from '../shared/notebook-view.ts';
import { notFoundError, requireAbsolute } from '../shared/paths.ts';
import { readPermission } from '../shared/permissions.ts';
import { detectEncoding } from '../shared/text.ts';
import { isImagePath, sniffImageType } from './image.ts';
import description from './prompt.md';
import { readLineRange } from './read-lines.ts';

/** Lines read when no limit is given. */
export const DEFAULT_LINE_LIMIT = 2000;
/** Characters kept of one line. */
export const MAX_LINE_CHARS = 2000;
/** A whole-file read (no offset/limit) of a larger file is refused: read it in parts. */
export const MAX_WHOLE_FILE_BYTES = 256 * 1024;
/** Characters of numbered output returned at most (about 25k tokens); the rest is left for the next call. */
export const MAX_OUTPUT_CHARS = 100_000;
/** The API takes images up to 5 MB of base64, which is 3.75 MB of bytes. */
export const MAX_IMAGE_BYTES = 3.75 * 1024 * 1024;

const inputSchema = z.strictObject({
  file_path: z.string().describe('The absolute path to the file to read'),
  offset: z
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe('The line number to start reading from. Only provide if the file is too large to read at once'),
  limit: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('The number of lines to read. Only provide if the file is too large to read at once.'),
});

export type ReadInput = z.output<typeof inputSchema>;

/** What Read returns, by kind of file. */
export type ReadOutput =
  | {
      readonly type: 'text';
      readonly filePath: string;
      /** Lines in `cat -n` format: number right-aligned in 6 columns, a tab, the line. */
      readonly content: string;
      readonly startLine: number;
      readonly numLines: number;
      readonly totalLines: number;
      /** Lines of the range cut at MAX_LINE_CHARS. */
      readonly cutLines: number;
      /** The range was cut short at MAX_OUTPUT_CHARS. */
      readonly cappedOutput: boolean;
    }
  | { readonly type: 'image'; readonly filePath: string; readonly mediaType: string; readonly base64: string; readonly bytes: number }
  | { readonly type: 'notebook'; readonly filePath: string; readonly cells: readonly NotebookCellView[] };

export const readTool: Tool<ReadInput, ReadOutput> = {
  name: 'Read',
  description,
  inputSchema,
  isReadOnly: () => true,
  isConcurrencySafe: () => true,
  checkPermissions: (input, ctx) => readPermission('Read', input.file_path, ctx),
  async *call(input, ctx) {
    let output: ReadOutput | ToolErrorValue;
    try {
      output = await read(input, ctx);
    } catch (err) {
      output = ctx.signal.aborted ? abortedError() : fsErrorToValue(err, input.file_path);
    }
    yield { type: 'result', output };
  },
  toModelContent: renderForModel,
};

async function read(input: ReadInput, ctx: ToolContext): Promise<ReadOutput | ToolErrorValue> {
  if (ctx.signal.aborted) return abortedError();
  const path = requireAbsolute(input.file_path, 'file_path', ctx);
  if (typeof path !== 'string') return path;
  let stats;
  try {
    stats = await stat(path);
  } catch (err) {
    const value = fsErrorToValue(err, path);
    return value.error.kind === 'not_found' ? notFoundError(path, ctx.cwd) : value;
  }
  if (stats.isDirectory()) return toolError('is_directory', `${path} is a directory, not a file. Use the LS tool to list a directory.`);
  if (!stats.isFile()) return toolError('not_a_file', `${path} is not a regular file (a device, socket or FIFO); it cannot be read.`);
  const real = await realpath(path);

  if (isImagePath(path)) {
    if (stats.size > MAX_IMAGE_BYTES) {
      return toolError(
        'too_large',
        `The image is ${mb(stats.size)}; images over ${mb(MAX_IMAGE_BYTES)} cannot be sent to the model. Make a smaller copy first (for example \`convert in.png -resize 50% out.png\`) and read that.`,
      );
    }
    const bytes = await readFile(path, { signal: ctx.signal });
    const mediaType = sniffImageType(bytes);
    if (!mediaType) return toolError('binary', `${path} has an image extension but is not a PNG, JPEG, GIF or WebP image.`);
    recordRead(ctx, real, stats);
    return { type: 'image', filePath: path, mediaType, base64: bytes.toString('base64'), bytes: bytes.length };
  }

  if (extname(path).toLowerCase() === '.ipynb') {
    const notebook = parseNotebook(await readFile(path, { encoding: 'utf8', signal: ctx.signal }));
    if ('invalid' in notebook) return toolError('invalid_notebook', `${path} is ${notebook.invalid}.`);
    const cells = viewNotebook(notebook);
    const chars = cells.reduce((n, c) => n + c.text.length, 0);
    if (chars > MAX_OUTPUT_CHARS) {
      return toolError(
        'too_large',
        `The notebook renders to ${chars} characters (limit ${MAX_OUTPUT_CHARS}). Read parts of it with a shell command, e.g. \`jq '.cells[:10]' ${path}\`, or clear large outputs.`,
      );
    }
    recordRead(ctx, real, stats);
    return { type: 'notebook', filePath: path, cells };
  }

  const ext = binaryExtension(path);
  if (ext) {
    return toolError(
      'binary',
      `${path} is a binary file (${ext}); Read shows text, images (png, jpg, gif, webp) and notebooks. Inspect it with a suitable command-line tool instead.`,
    );
  }
  if (await sniffBinary(path)) {
    return toolError('binary', `${path} looks like a binary file (it contains NUL bytes); Read shows text only. Inspect it with a suitable command-line tool instead.`);
  }
  const whole = input.offset === undefined && input.limit === undefined;
  if (whole && stats.size > MAX_WHOLE_FILE_BYTES) {
    return toolError(
      'too_large',
      `File content (${kb(stats.size)}) exceeds the maximum allowed size (${kb(MAX_WHOLE_FILE_BYTES)}). Use offset and limit to read specific portions of the file, or use Grep to search for specific content.`,
    );
  }

  const startLine = Math.max(1, input.offset ?? 1);
  const encoding = detectEncoding(await readHead(path));
  const range = await readLineRange(path, {
    startLine,
    maxLines: input.limit ?? DEFAULT_LINE_LIMIT,
    maxLineChars: MAX_LINE_CHARS,
    encoding,
    signal: ctx.signal,
  });
  const numbered: string[] = [];
  let chars = 0;
  let cappedOutput = false;
  for (const [i, line] of range.lines.entries()) {
    const entry = `${String(startLine + i).padStart(6)}\t${line}`;
    if (numbered.length > 0 && chars + entry.length + 1 > MAX_OUTPUT_CHARS) {
      cappedOutput = true;
      break;
    }
    numbered.push(entry);
    chars += entry.length + 1;
  }
  recordRead(ctx, real, stats);
  return {
    type: 'text',
    filePath: path,
    content: numbered.join('\n'),
    startLine,
    numLines: numbered.length,
    totalLines: range.totalLines,
    cutLines: range.cutLines,
    cappedOutput,
  };
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4);
    const { bytesRead } = await handle.read(buffer, 0, 4, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function renderForModel(output: ReadOutput): ToolResultContent {
  if (output.type === 'image') {
    return [{ type: 'image', source: { type: 'base64', media_type: output.mediaType, data: output.base64 } }];
  }
  if (output.type === 'notebook') {
    if (output.cells.length === 0) return 'The notebook has no cells.';
    return output.cells.flatMap((cell) => [
      { type: 'text' as const, text: cell.text },
      ...cell.images.map((img) => ({ type: 'image' as const, source: { type: 'base64' as const, media_type: img.mediaType, data: img.base64 } })),
    ]);
  }
  if (output.totalLines === 0) return '<system-reminder>Warning: the file exists but the contents are empty.</system-reminder>';
  if (output.numLines === 0) {
    return `<system-reminder>Warning: the file exists but is shorter than the provided offset (${output.startLine}). The file has ${output.totalLines} lines.</system-reminder>`;
  }
  const notes: string[] = [];
  const last = output.startLine + output.numLines - 1;
  if (output.cutLines > 0) notes.push(`${output.cutLines} line${output.cutLines === 1 ? ' was' : 's were'} longer than ${MAX_LINE_CHARS} characters and cut.`);
  if (output.cappedOutput) notes.push(`Output capped at ${MAX_OUTPUT_CHARS} characters.`);
  if (last < output.totalLines || output.startLine > 1) {
    notes.push(`Showing lines ${output.startLine}-${last} of ${output.totalLines}.${last < output.totalLines ? ` Use offset=${last + 1} to read more.` : ''}`);
  }
  return notes.length === 0 ? output.content : `${output.content}\n\n(${notes.join(' ')})`;
}

function kb(bytes: number): string {
  return `${Math.round(bytes / 1024)}KB`;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}
