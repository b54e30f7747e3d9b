import { relative, isAbsolute } from 'node:path';
import { firstLine } from '../format.ts';

/*
 * What a tool call's header line says about it, from its input: the command,
 * the file, the pattern, the URL. Keyed on input fields rather than tool
 * names, so a new tool (or an MCP one) still gets a useful line.
 */

export function toolSummary(input: unknown, cwd: string, max = 100): string {
  if (typeof input !== 'object' || input === null) return '';
  const i = input as Record<string, unknown>;
  const str = (key: string) => (typeof i[key] === 'string' ? (i[key] as string) : undefined);
  const path = (p: string) => {
    if (!isAbsolute(p)) return p;
    const rel = relative(cwd, p);
    return rel === '' ? '.' : rel.startsWith('..') ? p : rel;
  };
  const command = str('command');
  if (command !== undefined) return firstLine(command, max) + (command.includes('\n') ? ' …' : '');
  const file = str('file_path') ?? str('notebook_path');
  if (file !== undefined) return path(file);
  const pattern = str('pattern');
  if (pattern !== undefined) {
    const where = str('path');
    return firstLine(`"${pattern}"${where ? ` in ${path(where)}` : ''}`, max);
  }
  const url = str('url');
  if (url !== undefined) return firstLine(url, max);
  const query = str('query');
  if (query !== undefined) return firstLine(`"${query}"`, max);
  const description = str('description');
  if (description !== undefined) return firstLine(description, max);
  const json = JSON.stringify(input);
  return json === '{}' ? '' : firstLine(json, max);
}

/** "Found 3 files", "12 matching lines", from a search tool's result (structured output when present). */
export function searchCount(name: string, text: string, output?: unknown): string {
  const o = output as { numFiles?: number; numMatches?: number; mode?: string } | undefined;
  if (o && typeof o.numFiles === 'number') {
    if (typeof o.numMatches === 'number' && o.mode !== 'files_with_matches') return `Found ${o.numMatches} matching line${o.numMatches === 1 ? '' : 's'} in ${o.numFiles} file${o.numFiles === 1 ? '' : 's'}`;
    return `Found ${o.numFiles} file${o.numFiles === 1 ? '' : 's'}`;
  }
  const trimmed = text.trim();
  if (/^No (files|matches) found/.test(trimmed)) return trimmed.split('\n')[0]!;
  const across = /Found (\d+) matching lines? across (\d+) files?/.exec(trimmed);
  if (across) return `Found ${across[1]} matching line${across[1] === '1' ? '' : 's'} in ${across[2]} file${across[2] === '1' ? '' : 's'}`;
  const found = /^Found (\d+) files?/.exec(trimmed);
  if (found) return found[0];
  const lines = trimmed.split('\n\n')[0]!.split('\n').filter((l) => l !== '' && l !== '--');
  if (name === 'Glob') return `Found ${lines.length} file${lines.length === 1 ? '' : 's'}`;
  return `${lines.length} line${lines.length === 1 ? '' : 's'} of results`;
}
