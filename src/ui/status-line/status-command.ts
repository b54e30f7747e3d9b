import { spawn } from 'node:child_process';
import type { SessionInfo } from '../runtime.ts';
import type { SessionTotals } from '../state/types.ts';

/*
 * The user's status-line command (STATUSLINE): run through the shell with the
 * session state as JSON on stdin; its first line of output is the status line.
 * It is a command from the user's (or, once trusted, the project's) settings,
 * so it only runs when the runtime hands its config over.
 */

/** Longest the command may run before it is killed. */
export const STATUS_TIMEOUT_MS = 2000;
/** Output kept (the first line of it is shown). */
const MAX_OUTPUT = 4096;

/** The JSON the command reads on stdin. */
export interface StatusLineInput {
  readonly session_id: string;
  readonly cwd: string;
  readonly model: { readonly id: string; readonly display_name: string };
  readonly workspace: { readonly current_dir: string; readonly project_dir: string };
  readonly version: string;
  readonly permission_mode: string;
  readonly cost: { readonly total_cost_usd: number; readonly total_input_tokens: number; readonly total_output_tokens: number };
  /** Whether a turn is running. */
  readonly busy: boolean;
}

export function statusLineInput(info: SessionInfo, totals: SessionTotals, busy: boolean): StatusLineInput {
  return {
    session_id: info.sessionId,
    cwd: info.cwd,
    model: { id: info.model, display_name: info.modelDisplayName ?? info.model },
    workspace: { current_dir: info.cwd, project_dir: info.projectDir },
    version: info.version,
    permission_mode: info.permissionMode,
    cost: { total_cost_usd: totals.costUsd, total_input_tokens: totals.inputTokens, total_output_tokens: totals.outputTokens },
    busy,
  };
}

/** Runs the command once; resolves to its first line of output ('' on failure or timeout). */
export function runStatusCommand(command: string, input: StatusLineInput, options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<string> {
  return new Promise((resolve) => {
    let out = '';
    let settled = false;
    const child = spawn(command, { shell: true, cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'ignore'] });
    const finish = (text: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(text);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish('');
    }, options.timeoutMs ?? STATUS_TIMEOUT_MS);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (out.length < MAX_OUTPUT) out += chunk;
    });
    child.on('error', () => finish(''));
    child.on('close', () => finish(out.split('\n')[0]?.trimEnd() ?? ''));
    // A command that does not read stdin closes it early: that is not an error.
    child.stdin.on('error', () => {});
    child.stdin.end(JSON.stringify(input));
  });
}
