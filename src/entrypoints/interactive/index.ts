import type { CliSettings } from '../../config/index.ts';
import type { SessionChoice } from '../../runtime/index.ts';
import { createInteractiveRuntime } from './create-interactive-runtime.ts';

export interface InteractiveSessionOptions {
  readonly initialPrompt?: string;
  readonly model?: string;
  readonly maxTurns?: number;
  readonly systemPrompt?: string;
  readonly appendSystemPrompt?: string;
  readonly verbose: boolean;
  readonly session: SessionChoice;
  readonly cli: CliSettings;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * `wren` in a terminal: the interactive session. The terminal UI (React, ink)
 * is imported only here, so headless runs never load it.
 */
export async function runInteractiveSession(options: InteractiveSessionOptions): Promise<number> {
  const runtime = await createInteractiveRuntime({
    cwd: options.cwd, env: options.env, cli: options.cli, session: options.session, verbose: options.verbose,
    ...(options.model !== undefined ? { model: options.model } : {}),
    ...(options.maxTurns !== undefined ? { maxTurns: options.maxTurns } : {}),
    ...(options.systemPrompt !== undefined ? { systemPrompt: options.systemPrompt } : {}),
    ...(options.appendSystemPrompt !== undefined ? { appendSystemPrompt: options.appendSystemPrompt } : {}),
    ...(options.env['WREN_MANAGED_SETTINGS_PATH'] ? { managedSettingsPath: options.env['WREN_MANAGED_SETTINGS_PATH'] } : {}),
  });
  const { runInteractive } = await import('../../ui/index.ts');
  // Start-up notices (refused modes, hooks that will never run) before the screen takes over.
  for (const notice of runtime.notices()) process.stderr.write(`${notice.startsWith('wren: ') ? notice : `wren: ${notice}`}\n`);
  const history = runtime.history();
  return runInteractive(runtime, {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: options.env,
    ...(options.initialPrompt ? { initialPrompt: options.initialPrompt } : {}),
    ...(history.length ? { history } : {}),
  });
}
