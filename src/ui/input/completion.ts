import type { SlashCommand } from '../commands/types.ts';
import { completeCommand } from '../commands/registry.ts';
import { completeMention, matchFiles, mentionAt } from './mentions.ts';
import type { TextBuffer } from './text-buffer.ts';

/** One suggestion under the prompt. */
export interface Suggestion {
  readonly label: string;
  readonly description?: string;
  /** The buffer after accepting it. */
  readonly apply: () => { text: string; cursor: number };
  /** A command completed by Enter runs at once. */
  readonly runsOnEnter: boolean;
}

/** Suggestions for the text at the cursor: `/command` names, or files for an `@mention`. */
export function suggestionsFor(b: TextBuffer, commands: readonly SlashCommand[], files: readonly string[] | undefined, limit = 8): Suggestion[] {
  const slash = /^\/(\S*)$/.exec(b.text.slice(0, b.cursor));
  if (slash && !b.text.slice(b.cursor).trim()) {
    return completeCommand(slash[1]!, commands).slice(0, limit).map((c) => ({
      label: `/${c.name}${c.argumentHint ? ` ${c.argumentHint}` : ''}`,
      description: c.description,
      apply: () => ({ text: `/${c.name} `, cursor: c.name.length + 2 }),
      runsOnEnter: !c.argumentHint || c.argumentHint.startsWith('['),
    }));
  }
  const mention = mentionAt(b.text, b.cursor);
  if (mention && files) {
    return matchFiles(files, mention.query, limit).map((path) => ({
      label: path,
      apply: () => completeMention(b.text, mention, b.cursor, path),
      runsOnEnter: false,
    }));
  }
  return [];
}
