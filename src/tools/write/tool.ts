import { z } from 'zod';
import type { Tool, ToolContext, ToolErrorValue } from '../tool.ts';
import { diffHunks, type DiffHunk } from '../shared/diff.ts';
import { abortedError, fsErrorToValue } from '../shared/errors.ts';
import { requireAbsolute } from '../shared/paths.ts';
import { writePermission } from '../shared/permissions.ts';
import { commitText, isLoadError, loadForChange } from '../shared/text-file.ts';
import { detectLineEnding, lineCount } from '../shared/text.ts';
import description from './prompt.md';

const inputSchema = z.strictObject({
  file_path: z.string().describe('The absolute path to the file to write (must be absolute, not relative)'),
  content: z.string().describe('The content to write to the file'),
});

export type WriteInput = z.output<typeof inputSchema>;

/** What Write did, for the UI (a diff when it replaced a file) and the model. */
export interface WriteOutput {
  readonly type: 'create' | 'update';
  readonly filePath: string;
  readonly lines: number;
  readonly bytes: number;
  /** Changes from the old content; empty for a new file. */
  readonly structuredPatch: readonly DiffHunk[];
}

export const writeTool: Tool<WriteInput, WriteOutput> = {
  name: 'Write',
  description,
  inputSchema,
  isReadOnly: () => false,
  isConcurrencySafe: () => false,
  checkPermissions: (input, ctx) => writePermission('Write', input.file_path, ctx),
  async *call(input, ctx) {
    let output: WriteOutput | ToolErrorValue;
    try {
      output = await write(input, ctx);
    } catch (err) {
      output = ctx.signal.aborted ? abortedError() : fsErrorToValue(err, input.file_path);
    }
    yield { type: 'result', output };
  },
  toModelContent(output) {
    return output.type === 'create'
      ? `File created successfully at: ${output.filePath} (${output.lines} lines)`
      : `The file ${output.filePath} has been overwritten with the new content (${output.lines} lines).`;
  },
};

async function write(input: WriteInput, ctx: ToolContext): Promise<WriteOutput | ToolErrorValue> {
  if (ctx.signal.aborted) return abortedError();
  const path = requireAbsolute(input.file_path, 'file_path', ctx);
  if (typeof path !== 'string') return path;
  const existing = await loadForChange(path, ctx);
  if (isLoadError(existing)) return existing;
  let text = input.content;
  // Keep a CRLF file CRLF when the model wrote plain newlines (it never sees the \r).
  if (existing !== 'missing' && detectLineEnding(existing.text) === 'crlf' && !text.includes('\r\n')) {
    text = text.replaceAll('\n', '\r\n');
  }
  await commitText(path, text, existing === 'missing' ? 'utf8' : existing.encoding, ctx);
  return {
    type: existing === 'missing' ? 'create' : 'update',
    filePath: path,
    lines: lineCount(text),
    bytes: Buffer.byteLength(text),
    structuredPatch: existing === 'missing' ? [] : diffHunks(path, existing.text, text),
  };
}
