import { z } from 'zod';
import type { Tool } from '../../tool.ts';
import type { BackgroundShellStatus, BackgroundShells } from '../shell-registry.ts';
import description from './prompt.md';

export const bashOutputInputSchema = z.strictObject({
  bash_id: z.string().min(1).describe('The ID of the background shell to retrieve output from'),
  filter: z.string().optional()
    .describe('Optional regular expression to filter the output lines. Only lines matching this regex will be included in the result. Any lines that do not match will no longer be available to read.'),
});

export type BashOutputInput = z.infer<typeof bashOutputInputSchema>;

export interface BashOutputResult {
  readonly shellId: string;
  readonly command: string;
  readonly status: BackgroundShellStatus;
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** New stdout since the last read (capped for the model; the middle is cut). */
  readonly stdout: string;
  readonly stderr: string;
  /** Unread output lost to the buffer cap since the last read. */
  readonly droppedChars: number;
  /** When this read happened (ISO 8601). */
  readonly timestamp: string;
}

/** Most characters of each stream one read returns to the model. */
const MAX_READ_CHARS = 30_000;

export function createBashOutputTool(shells: BackgroundShells): Tool<BashOutputInput, BashOutputResult> {
  return {
    name: 'BashOutput',
    description,
    inputSchema: bashOutputInputSchema,
    isReadOnly: () => true,
    // Reading drains the shell's unread output: two reads of one shell in parallel would race.
    isConcurrencySafe: () => false,
    async checkPermissions() {
      return { behavior: 'allow', reason: "reading the output of the session's own background shell", source: 'BashOutput' };
    },
    async *call(input, ctx) {
      let filter: RegExp | undefined;
      if (input.filter !== undefined) {
        try {
          filter = new RegExp(input.filter);
        } catch (error) {
          yield { type: 'result', output: { error: { kind: 'invalid_filter', message: `Invalid filter regular expression: ${(error as Error).message}` } } };
          return;
        }
      }
      const read = shells.read(input.bash_id, filter);
      if (!read) {
        yield { type: 'result', output: { error: { kind: 'not_found', message: `No background shell with id "${input.bash_id}". ${knownIds(shells)}` } } };
        return;
      }
      yield {
        type: 'result',
        output: {
          shellId: read.info.id,
          command: read.info.command,
          status: read.info.status,
          exitCode: read.info.exitCode,
          signal: read.info.signal,
          stdout: cutMiddle(read.stdout, MAX_READ_CHARS),
          stderr: cutMiddle(read.stderr, MAX_READ_CHARS),
          droppedChars: read.droppedChars,
          timestamp: new Date(ctx.now()).toISOString(),
        },
      };
    },
    toModelContent(output) {
      const parts = [`<status>${output.status}</status>`];
      if (output.status !== 'running') {
        parts.push(output.exitCode !== null ? `<exit_code>${output.exitCode}</exit_code>` : `<signal>${output.signal ?? 'unknown'}</signal>`);
      }
      if (output.droppedChars > 0) parts.push(`<note>${output.droppedChars} characters of older unread output were dropped (buffer full); read more often.</note>`);
      if (output.stdout) parts.push(`<stdout>\n${output.stdout.replace(/\n$/, '')}\n</stdout>`);
      if (output.stderr) parts.push(`<stderr>\n${output.stderr.replace(/\n$/, '')}\n</stderr>`);
      if (!output.stdout && !output.stderr) parts.push('(no new output)');
      parts.push(`<timestamp>${output.timestamp}</timestamp>`);
      return parts.join('\n\n');
    },
  };
}

function knownIds(shells: BackgroundShells): string {
  const ids = shells.list().map((s) => s.id);
  return ids.length ? `Known shells: ${ids.join(', ')}.` : 'No background shells have been started in this session.';
}

function cutMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const half = Math.floor(max / 2);
  return `${text.slice(0, half)}\n\n... [${text.length - 2 * half} characters truncated] ...\n\n${text.slice(-half)}`;
}
