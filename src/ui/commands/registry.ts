import type { SessionInfo } from '../runtime.ts';
import { BUILTIN_COMMANDS } from './builtin-commands.ts';
import type { SlashCommand } from './types.ts';
import { loadUserCommands, type CommandDir } from './user-commands.ts';

/** Names (and aliases) of the built-in commands: user-defined ones may not take them. */
export function builtinNames(): Set<string> {
  return new Set(BUILTIN_COMMANDS.flatMap((c) => [c.name, ...(c.aliases ?? [])]));
}

/** The command folders that apply: the user's always, the project's only in a trusted folder. */
export function commandDirs(info: SessionInfo): CommandDir[] {
  const dirs: CommandDir[] = [{ dir: info.paths.userCommands, source: 'user' }];
  if (info.trusted) dirs.push({ dir: info.paths.projectCommands, source: 'project' });
  return dirs;
}

/** Built-in commands, then user-defined ones. */
export async function loadCommands(info: SessionInfo): Promise<SlashCommand[]> {
  return [...BUILTIN_COMMANDS, ...await loadUserCommands(commandDirs(info), builtinNames())];
}

/** Splits `/name args` into the command (by name or alias) and its arguments. */
export function parseCommand(text: string, commands: readonly SlashCommand[]): { command: SlashCommand; args: string } | { unknown: string } | undefined {
  const match = /^\/([^\s/]+)(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match) return undefined;
  const name = match[1]!;
  const command = commands.find((c) => c.name === name || c.aliases?.includes(name));
  return command ? { command, args: match[2] ?? '' } : { unknown: name };
}

/** Commands whose name starts with (then contains) what was typed after the slash. */
export function completeCommand(prefix: string, commands: readonly SlashCommand[]): SlashCommand[] {
  const p = prefix.toLowerCase();
  const starts = commands.filter((c) => c.name.startsWith(p) || c.aliases?.some((a) => a.startsWith(p)));
  const contains = commands.filter((c) => !starts.includes(c) && c.name.includes(p));
  return [...starts, ...contains];
}
