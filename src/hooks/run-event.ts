import { readVerdict, type HookVerdict } from './hook-output.ts';
import type { HookEntry } from './hook-table.ts';
import { runHookCommand } from './run-hook-command.ts';
import type { HookCommonInput, HookEventName, HookEventPayload, HookUserMessage } from './types.ts';

/** What running the hooks of one event needs besides the event itself. */
export interface RunEventContext {
  readonly entries: readonly HookEntry[];
  readonly common: Omit<HookCommonInput, 'hook_event_name'>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly defaultTimeoutMs: number;
  readonly signal?: AbortSignal;
  readonly shell?: string;
  readonly killGraceMs?: number;
}

/** Events whose matchers are ignored (every hook runs), as in Claude Code. */
const UNMATCHED_EVENTS: ReadonlySet<HookEventName> = new Set(['UserPromptSubmit', 'Stop', 'SubagentStop', 'SessionEnd']);

/**
 * Runs every hook of the event whose matcher accepts `matchValue`, all in
 * parallel (identical commands once), each with the event as JSON on stdin.
 * Verdicts come back in declaration order, whatever order the hooks finished in.
 */
export async function runEvent(payload: HookEventPayload, matchValue: string | undefined, ctx: RunEventContext): Promise<HookVerdict[]> {
  const seen = new Set<string>();
  const selected = ctx.entries.filter((e) => {
    if (e.event !== payload.hook_event_name || seen.has(e.command.command)) return false;
    if (!UNMATCHED_EVENTS.has(e.event) && !e.test(matchValue)) return false;
    seen.add(e.command.command);
    return true;
  });
  if (selected.length === 0) return [];
  const stdin = JSON.stringify({ ...ctx.common, ...payload });
  return Promise.all(
    selected.map(async (entry) => {
      const result = await runHookCommand({
        command: entry.command.command,
        stdin,
        cwd: ctx.common.cwd,
        env: ctx.env,
        timeoutMs: entry.command.timeout !== undefined ? entry.command.timeout * 1000 : ctx.defaultTimeoutMs,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        ...(ctx.shell !== undefined ? { shell: ctx.shell } : {}),
        ...(ctx.killGraceMs !== undefined ? { killGraceMs: ctx.killGraceMs } : {}),
      });
      return readVerdict({ event: payload.hook_event_name, command: entry.command.command, source: entry.source, ...result });
    }),
  );
}

/** What every outcome reports: the runs, the user-facing messages, a `continue: false`. */
export function baseOutcome(verdicts: readonly HookVerdict[]): {
  runs: HookVerdict['report'][];
  userMessages: HookUserMessage[];
  stop?: { reason: string };
} {
  const userMessages: HookUserMessage[] = [];
  let stop: { reason: string } | undefined;
  for (const v of verdicts) {
    if (v.kind === 'error') userMessages.push({ level: 'error', message: v.message });
    if (v.kind !== 'success') continue;
    if (v.problem) userMessages.push({ level: 'error', message: v.problem });
    if (v.json?.systemMessage) userMessages.push({ level: 'info', message: v.json.systemMessage });
    if (v.json?.continue === false && !stop) {
      stop = { reason: v.json.stopReason ?? `stopped by ${v.report.event} hook "${v.report.command}"` };
    }
  }
  return { runs: verdicts.map((v) => v.report), userMessages, ...(stop ? { stop } : {}) };
}

/** Context a hook adds for the model: `additionalContext`, or plain stdout where the event takes it. */
export function contextOf(verdicts: readonly HookVerdict[], plainStdoutCounts: boolean): string[] {
  const out: string[] = [];
  for (const v of verdicts) {
    if (v.kind !== 'success') continue;
    const extra = v.json?.hookSpecificOutput?.additionalContext;
    if (extra) out.push(extra);
    else if (plainStdoutCounts && !v.json && v.text !== '') out.push(v.text);
  }
  return out;
}
