import { feature } from '../../feature/index.ts';
import type { Tool } from '../tool.ts';
import { createBashTool, type BashToolOptions } from './tool.ts';

/**
 * The `sandbox` settings block as the Bash tools get it. Only a build with the
 * OS sandbox reads it; elsewhere commands run as they always did.
 */
export interface BashSandboxSettings {
  /** Run commands inside the OS sandbox when it works on this machine. @default true */
  readonly enabled?: boolean;
  /** Paths commands may write besides the working directories (`~/` and project-relative forms allowed). */
  readonly allowWrite?: readonly string[];
  /** 'deny' cuts commands off the network, loopback to the host included. @default 'allow' */
  readonly network?: 'allow' | 'deny';
  /**
   * The session's working directories (project root, then additionalDirectories),
   * the only places commands may write besides `allowWrite`; the call context's
   * additionalDirectories are added to them. @default the context's projectRoot (else the first call's cwd)
   */
  readonly workingDirectories?: readonly string[];
  /** The user config dir, kept read-only for commands. @default $WREN_CONFIG_DIR or ~/.wren */
  readonly configDir?: string;
  /** Called once, at the first command, if the sandbox is enabled but cannot run here: the UI shows it. */
  readonly onNotice?: (message: string) => void;
}

/** What `loadBashTools` takes: the Bash tool's options, plus how its commands are sandboxed. */
export interface LoadBashToolsOptions extends BashToolOptions {
  readonly sandbox?: BashSandboxSettings;
}

/**
 * The Bash tool as this build has it. With BACKGROUND_BASH it comes back
 * extended (a background option in its schema) together with the tools that
 * read and kill background shells; the extension lives in the flag's own
 * folder, so a build without the flag holds none of it. With SANDBOX_BASH its
 * commands run inside the OS sandbox when one is available.
 */
export async function loadBashTools(options: LoadBashToolsOptions = {}): Promise<Tool<unknown, unknown>[]> {
  const { sandbox, ...toolOptions } = options;
  let launcher = toolOptions.launcher;
  if (feature('SANDBOX_BASH')) {
    const sandboxing = await import('../bash-sandbox/index.ts');
    launcher ??= sandboxing.createBashSandbox(sandbox ?? {}).launcher;
  }
  const bash = createBashTool({ ...toolOptions, ...(launcher ? { launcher } : {}) });
  if (feature('BACKGROUND_BASH')) {
    const background = await import('../bash-background/index.ts');
    return background.backgroundBashTools(bash, undefined, launcher);
  }
  return [bash as Tool<unknown, unknown>];
}

/** Ends whatever the Bash tools left running (background shells, the sandbox's files); call once when the session ends. */
export async function shutdownBashTools(): Promise<void> {
  if (feature('BACKGROUND_BASH')) {
    const background = await import('../bash-background/index.ts');
    await background.shutdownBackgroundShells();
  }
  if (feature('SANDBOX_BASH')) {
    const sandboxing = await import('../bash-sandbox/index.ts');
    await sandboxing.shutdownBashSandboxes();
  }
}
