import { feature } from '../../feature/index.ts';
import type { Tool } from '../tool.ts';
import { createBashTool, type BashToolOptions } from './tool.ts';

/**
 * The Bash tool as this build has it. With BACKGROUND_BASH it comes back
 * extended (a background option in its schema) together with the tools that
 * read and kill background shells; the extension lives in the flag's own
 * folder, so a build without the flag holds none of it.
 */
export async function loadBashTools(options: BashToolOptions = {}): Promise<Tool<unknown, unknown>[]> {
  const bash = createBashTool(options);
  if (feature('BACKGROUND_BASH')) {
    const background = await import('../bash-background/index.ts');
    return background.backgroundBashTools(bash);
  }
  return [bash as Tool<unknown, unknown>];
}

/** Ends whatever the Bash tools left running (background shells); call once when the session ends. */
export async function shutdownBashTools(): Promise<void> {
  if (feature('BACKGROUND_BASH')) {
    const background = await import('../bash-background/index.ts');
    await background.shutdownBackgroundShells();
  }
}
