import { extname } from 'node:path';
import { z } from 'zod';
import type { Tool, ToolContext, ToolErrorValue } from '../tool.ts';
import { diffHunks, type DiffHunk } from '../shared/diff.ts';
import { abortedError, fsErrorToValue, toolError } from '../shared/errors.ts';
import { notFoundError, requireAbsolute } from '../shared/paths.ts';
import { writePermission } from '../shared/permissions.ts';
import { commitText, isLoadError, loadForChange } from '../shared/text-file.ts';
import { detectLineEnding } from '../shared/text.ts';
import description from './prompt.md';
import { replaceExact } from './replace.ts';

const inputSchema = z.strictObject({
  file_path: z.string().describe('The absolute path to the file to modify'),
  old_string: z.string().describe('The text to replace'),
  new_string: z.string().describe('The text to replace it with (must be different from old_string)'),
  replace_all: z.boolean().optional().describe('Replace all occurrences of old_string (default false)'),
});

export type EditInput = z.output<typeof inputSchema>;

/** What Edit did: the hunks are for the UI's diff view. */
export interface EditOutput {
  readonly type: 'create' | 'update';
  readonly filePath: string;
  readonly replacements: number;
  readonly structuredPatch: readonly DiffHunk[];
  /** The edited region with a few lines around it, `cat -n` style, for the model to check its work. */
  readonly snippet: string;
}

/** Lines shown around an edit in the snippet. */
const SNIPPET_CONTEXT = 4;

export const editTool: Tool<EditInput, EditOutput> = {
  name: 'Edit',
  description,
  inputSchema,
  isReadOnly: () => false,
  isConcurrencySafe: () => false,
  checkPermissions: (input, ctx) => writePermission('Edit', input.file_path, ctx),
  async *call(input, ctx) {
    let output: EditOutput | ToolErrorValue;
    try {
      output = await edit(input, ctx);
    } catch (err) {
      output = ctx.signal.aborted ? abortedError() : fsErrorToValue(err, input.file_path);
    }
    yield { type: 'result', output };
  },
  toModelContent(output) {
    if (output.type === 'create') return `File created successfully at: ${output.filePath}`;
    const what = output.replacements === 1 ? '' : ` (${output.replacements} occurrences replaced)`;
    return `The file ${output.filePath} has been updated${what}. Here's the result of running \`cat -n\` on a snippet of the edited file:\n${output.snippet}`;
  },
};

async function edit(input: EditInput, ctx: ToolContext): Promise<EditOutput | ToolErrorValue> {
  if (ctx.signal.aborted) return abortedError();
  const path = requireAbsolute(input.file_path, 'file_path', ctx);
  if (typeof path !== 'string') return path;
  if (input.old_string === input.new_string) {
    return toolError('no_change', 'No changes to make: old_string and new_string are exactly the same.');
  }
  if (extname(path).toLowerCase() === '.ipynb') {
    return toolError('invalid_input', `${path} is a Jupyter notebook: edit its cells with the notebook cell editing tool instead.`);
  }
  const loaded = await loadForChange(path, ctx);
  if (isLoadError(loaded)) return loaded;
  if (loaded === 'missing') {
    // An empty old_string creates a new file, as in Claude Code.
    if (input.old_string !== '') return notFoundError(path, ctx.cwd);
    await commitText(path, input.new_string, 'utf8', ctx);
    return { type: 'create', filePath: path, replacements: 1, structuredPatch: diffHunks(path, '', input.new_string), snippet: '' };
  }
  if (input.old_string === '') {
    if (loaded.text.trim() !== '') {
      return toolError('exists', `Cannot create ${path}: the file already exists and is not empty. Give the text to replace in old_string.`);
    }
  }
  // The model sees lines without \r (Read splits on CRLF too): match and replace on LF text, write CRLF back.
  const crlf = detectLineEnding(loaded.text) === 'crlf';
  const content = crlf ? loaded.text.replaceAll('\r\n', '\n') : loaded.text;
  const oldString = crlf ? input.old_string.replaceAll('\r\n', '\n') : input.old_string;
  const newString = crlf ? input.new_string.replaceAll('\r\n', '\n') : input.new_string;
  const result = oldString === '' ? { ok: true as const, text: newString, replacements: 1, firstIndex: 0, matched: '' } : replaceExact(content, oldString, newString, input.replace_all ?? false);
  if (!result.ok) {
    if (result.reason === 'multiple_matches') {
      return toolError(
        'multiple_matches',
        `Found ${result.count} matches of the string to replace, but replace_all is false. To replace all occurrences, set replace_all to true. To replace only one occurrence, provide more surrounding context to identify the instance uniquely.`,
      );
    }
    const mixed = !crlf && loaded.text.includes('\r\n') ? ' The file mixes CRLF and LF line endings; old_string must match them exactly.' : '';
    return toolError(
      'no_match',
      `String to replace not found in ${path}. It must match the file exactly, including whitespace and indentation (without Read's line-number prefixes).${mixed}\nString: ${input.old_string}`,
    );
  }
  const written = crlf ? result.text.replaceAll('\n', '\r\n') : result.text;
  await commitText(path, written, loaded.encoding, ctx);
  return {
    type: 'update',
    filePath: path,
    replacements: result.replacements,
    structuredPatch: diffHunks(path, content, result.text),
    snippet: snippetAround(result.text, result.firstIndex, newString),
  };
}

function snippetAround(text: string, index: number, inserted: string): string {
  const lines = text.split('\n');
  const first = text.slice(0, index).split('\n').length; // 1-based line where the edit starts
  const last = first + inserted.split('\n').length - 1;
  const from = Math.max(1, first - SNIPPET_CONTEXT);
  const to = Math.min(lines.length, last + SNIPPET_CONTEXT);
  const out: string[] = [];
  for (let n = from; n <= to; n++) out.push(`${String(n).padStart(6)}\t${lines[n - 1]}`);
  return out.join('\n');
}
