import { type CostTotals, emptyTotals } from './entries.ts';
import { SessionError } from './errors.ts';
import { findLastLine } from './lines.ts';
import { parseEntry } from './reader.ts';

/**
 * A session's cost and token totals without replaying its transcript: every
 * usage record carries the running totals, so only the last one is read,
 * scanning backwards from the end of the file. A session with no usage yet
 * costs zero.
 */
export async function readSessionTotals(path: string): Promise<CostTotals> {
  let line: string | undefined;
  try {
    line = await findLastLine(path, '{"type":"usage"');
  } catch (cause) {
    throw new SessionError('TRANSCRIPT_IO', `cannot read transcript ${path}: ${(cause as Error).message}`, { file: path, cause });
  }
  if (line === undefined) return emptyTotals();
  const entry = parseEntry(line, path);
  if (entry.type !== 'usage') throw new SessionError('TRANSCRIPT_CORRUPT', `${path}: the last usage line is not a usage record`, { file: path });
  return entry.totals;
}
