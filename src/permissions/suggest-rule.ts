import { isAbsolute, relative, resolve, sep } from 'node:path';
import { commandOf } from './bash-analyser.ts';
import { hostOf } from './domain-rules.ts';
import { expandTilde } from './real-path.ts';
import { fileFamilyOf, filePathOf } from './tool-families.ts';

/**
 * The narrowest rule that would allow this call, for "add X to
 * permissions.allow" messages (headless denials, prompts). Narrow on purpose:
 * a suggestion should never teach users to allow more than they asked for.
 */
export function suggestRule(toolName: string, input: unknown, cwd: string): string {
  if (toolName === 'Bash') {
    const command = commandOf(input);
    return command && !/[()\n]/.test(command) ? `Bash(${command})` : 'Bash(<command>)';
  }
  const family = fileFamilyOf(toolName);
  if (family) {
    const raw = filePathOf(toolName, input);
    const ruleTool = family === 'read' ? 'Read' : 'Edit';
    if (raw === undefined) return `${ruleTool}(<path>)`;
    const absolute = resolve(cwd, expandTilde(raw));
    const rel = relative(cwd, absolute);
    if (rel === '') return `${ruleTool}(./**)`;
    const inside = rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
    return inside ? `${ruleTool}(./${rel.split(sep).join('/')})` : `${ruleTool}(/${absolute.split(sep).join('/')})`;
  }
  if (toolName === 'WebFetch') {
    const url = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)['url'] : undefined;
    const host = typeof url === 'string' ? hostOf(url) : undefined;
    return host ? `WebFetch(domain:${host})` : 'WebFetch(domain:<host>)';
  }
  return toolName;
}
