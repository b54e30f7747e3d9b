import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import basePrompt from './system-prompt.md';

export interface SystemPromptOptions {
  readonly cwd: string;
  readonly configDir: string;
  /** Project instruction files are read only in a trusted folder. */
  readonly trusted: boolean;
  /** `--system-prompt`: replaces the base prompt. */
  readonly replace?: string;
  /** `--append-system-prompt`. */
  readonly append?: string;
  readonly now: Date;
  readonly platform: string;
}

/**
 * The system prompt: the base prompt (or the user's replacement), facts about
 * the environment, the user's MEMORY.md, the project's AGENTS.md when the
 * folder is trusted, then whatever the user appends.
 */
export function buildSystemPrompt(options: SystemPromptOptions): string {
  const parts = [options.replace ?? basePrompt.trim()];
  parts.push([
    '<env>',
    `Working directory: ${options.cwd}`,
    `Platform: ${options.platform}`,
    `Today's date: ${options.now.toISOString().slice(0, 10)}`,
    '</env>',
  ].join('\n'));
  const memory = readOptional(join(options.configDir, 'MEMORY.md'));
  if (memory) parts.push(`<user-memory file="MEMORY.md">\n${memory}\n</user-memory>`);
  if (options.trusted) {
    const agents = readOptional(join(options.cwd, 'AGENTS.md'));
    if (agents) parts.push(`<project-instructions file="AGENTS.md">\n${agents}\n</project-instructions>`);
  }
  if (options.append) parts.push(options.append);
  return parts.join('\n\n');
}

function readOptional(path: string): string | undefined {
  try {
    const text = readFileSync(path, 'utf8').trim();
    return text || undefined;
  } catch {
    return undefined;
  }
}
