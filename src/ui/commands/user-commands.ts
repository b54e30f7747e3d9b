import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { SlashCommand } from './types.ts';

/*
 * User-defined slash commands: each markdown file under the user's
 * `<config dir>/commands/` and, in a trusted folder only, the project's
 * `.wren/commands/`, is a command named after its path (`git/commit.md` is
 * /git:commit). Its body is the prompt; `$ARGUMENTS` is replaced by what
 * follows the command, `$1`..`$9` by its words. An optional front matter sets
 * `description` and `argument-hint`. A project command never shadows a
 * built-in one, and a user command wins over a project one of the same name.
 */

export interface CommandDir {
  readonly dir: string;
  readonly source: 'user' | 'project';
}

/** Most files read from one folder (a huge tree must not stall the prompt). */
const MAX_FILES = 200;

export async function loadUserCommands(dirs: readonly CommandDir[], reserved: ReadonlySet<string>): Promise<SlashCommand[]> {
  const byName = new Map<string, SlashCommand>();
  for (const { dir, source } of dirs) {
    for (const file of await markdownFiles(dir)) {
      const name = relative(dir, file).replace(/\.md$/i, '').split(sep).join(':');
      if (!/^[\w.:-]+$/.test(name) || reserved.has(name) || byName.has(name)) continue;
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        continue;
      }
      byName.set(name, markdownCommand(name, text, source));
    }
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** A command from one markdown file's text. */
export function markdownCommand(name: string, text: string, source: 'user' | 'project'): SlashCommand {
  const { meta, body } = frontMatter(text);
  const firstLine = body.split('\n').find((l) => l.trim() !== '')?.replace(/^#+\s*/, '').trim() ?? '';
  return {
    name,
    description: meta['description'] ?? (firstLine.length > 60 ? `${firstLine.slice(0, 59)}…` : firstLine),
    ...(meta['argument-hint'] ? { argumentHint: meta['argument-hint'] } : {}),
    source,
    run(args, ctx) {
      ctx.controller.submitPrompt(expandArguments(body, args), `/${name}${args ? ` ${args}` : ''}`);
    },
  };
}

export function expandArguments(body: string, args: string): string {
  const words = args.trim() === '' ? [] : args.trim().split(/\s+/);
  const expanded = body.replace(/\$ARGUMENTS/g, args.trim()).replace(/\$([1-9])/g, (_m, n: string) => words[Number(n) - 1] ?? '');
  // A command that takes no placeholder still gets what was typed after it.
  return !/\$ARGUMENTS|\$[1-9]/.test(body) && args.trim() !== '' ? `${expanded.trimEnd()}\n\n${args.trim()}` : expanded.trim();
}

function frontMatter(text: string): { meta: Record<string, string>; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) return { meta: {}, body: text };
  const meta: Record<string, string> = {};
  for (const line of match[1]!.split(/\r?\n/)) {
    const kv = /^([\w-]+)\s*:\s*(.*)$/.exec(line);
    if (kv) meta[kv[1]!] = kv[2]!.trim().replace(/^(['"])(.*)\1$/, '$2');
  }
  return { meta, body: text.slice(match[0].length) };
}

async function markdownFiles(dir: string, depth = 0): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (out.length >= MAX_FILES) break;
    const path = join(dir, entry.name);
    if (entry.isDirectory() && depth < 3 && !entry.name.startsWith('.')) out.push(...await markdownFiles(path, depth + 1));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.md')) out.push(path);
  }
  return out.slice(0, MAX_FILES);
}
