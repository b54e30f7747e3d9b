import type { QueryEvent } from '../../query/index.ts';
import { resultRecord, streamRecord, type InitRecord } from './output-schema.ts';

export type OutputFormat = 'text' | 'json' | 'stream-json';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'stream-json'];

interface Sink {
  write(text: string): unknown;
}

/**
 * Writes a headless run in the chosen format. text: the final answer on
 * stdout (with --verbose, tool activity on stderr); json: one result object;
 * stream-json: one JSON record per line, init first, result last.
 */
export function createOutputWriter(format: OutputFormat, options: { stdout: Sink; stderr: Sink; verbose: boolean }) {
  const { stdout, stderr, verbose } = options;
  const line = (record: object) => stdout.write(`${JSON.stringify(record)}\n`);
  return {
    init(record: InitRecord): void {
      if (format === 'stream-json') line(record);
    },
    event(event: QueryEvent, sessionId: string): void {
      if (event.type === 'result') {
        const record = resultRecord(event, sessionId);
        if (format === 'text') {
          if (event.result) stdout.write(event.result.endsWith('\n') ? event.result : `${event.result}\n`);
        } else {
          format === 'json' ? stdout.write(`${JSON.stringify(record, null, 2)}\n`) : line(record);
        }
        return;
      }
      if (format === 'stream-json') {
        const record = streamRecord(event, sessionId, verbose);
        if (record) line(record);
      } else if (verbose && format === 'text') {
        const note = verboseNote(event);
        if (note) stderr.write(`${note}\n`);
      }
    },
  };
}

/** One stderr line per notable event for `--verbose` text output. */
function verboseNote(event: QueryEvent): string | undefined {
  switch (event.type) {
    case 'tool_start':
      return `> ${event.toolName} ${JSON.stringify(event.input)}`;
    case 'tool_result':
      return `< ${event.toolName}: ${event.outcome} (${event.durationMs} ms)`;
    case 'permission':
      return event.decision.behavior === 'allow' ? undefined : `! ${event.toolName}: ${event.decision.behavior}: ${event.decision.reason}`;
    case 'retry':
      return `~ retrying in ${event.delayMs} ms: ${event.message}`;
    case 'compaction':
      return `~ compacted the conversation (${event.kind}): ${event.tokensBefore} -> ${event.tokensAfter} tokens`;
    default:
      return undefined;
  }
}
