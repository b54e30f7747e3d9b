import { isAbsolute, relative, sep } from 'node:path';
import type { QueryEvent } from '../../query/index.ts';

/** Input keys that say best what a call is about, in order of preference. */
const SUBJECT_KEYS = ['file_path', 'notebook_path', 'command', 'pattern', 'url', 'query', 'path', 'description', 'prompt'] as const;
const PATH_KEYS: ReadonlySet<string> = new Set(['file_path', 'notebook_path', 'path']);
const MAX_SUBJECT = 80;

/**
 * One line for the UI about a tool call of the subagent: "Read src/a.ts",
 * "Bash npm test". Paths inside `cwd` are shown relative to it.
 */
export function describeCall(toolName: string, input: unknown, cwd: string): string {
  if (typeof input !== 'object' || input === null) return toolName;
  const record = input as Record<string, unknown>;
  for (const key of SUBJECT_KEYS) {
    const value = record[key];
    if (typeof value !== 'string' || value.trim() === '') continue;
    const subject = PATH_KEYS.has(key) ? shortPath(value, cwd) : value;
    return `${toolName} ${oneLine(subject)}`;
  }
  return toolName;
}

/** The progress line a subagent event deserves, if any. */
export function progressOf(event: QueryEvent, cwd: string): string | undefined {
  switch (event.type) {
    case 'tool_start':
      return describeCall(event.toolName, event.input, cwd);
    case 'tool_result':
      return event.outcome === 'denied' ? `${event.toolName} denied` : undefined;
    case 'retry':
      return `API ${event.status ?? event.reason}: retrying in ${Math.round(event.delayMs / 100) / 10} s`;
    case 'compaction':
      return 'Compacting its context';
    default:
      return undefined;
  }
}

function shortPath(path: string, cwd: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel) ? path : rel;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_SUBJECT ? `${flat.slice(0, MAX_SUBJECT - 1)}…` : flat;
}
