import { z } from 'zod';
import type { HookRunReport } from './types.ts';

/**
 * The JSON a hook may print on stdout when it exits 0 (Claude Code's protocol).
 * Loose: fields this version does not know are ignored, not fatal. A field of
 * the wrong type makes the whole output plain text, reported to the user.
 */
export const HookJsonOutputSchema = z.looseObject({
  /** false: stop the agent after this step. @default true */
  continue: z.boolean().optional(),
  stopReason: z.string().optional(),
  suppressOutput: z.boolean().optional(),
  /** Shown to the user. */
  systemMessage: z.string().optional(),
  /** Older form of a decision: approve (PreToolUse) or block. */
  decision: z.enum(['approve', 'block']).optional(),
  reason: z.string().optional(),
  hookSpecificOutput: z
    .looseObject({
      hookEventName: z.string().optional(),
      permissionDecision: z.enum(['allow', 'deny', 'ask']).optional(),
      permissionDecisionReason: z.string().optional(),
      /** PreToolUse: the input the tool should run with instead. Re-checked by the permission engine. */
      updatedInput: z.record(z.string(), z.unknown()).optional(),
      additionalContext: z.string().optional(),
    })
    .optional(),
});

export type HookJsonOutput = z.infer<typeof HookJsonOutputSchema>;

/**
 * One hook's run, read: exit 0 is success (stdout may be JSON), exit 2 is a
 * blocking error (stderr is the message), anything else (another code, a
 * timeout, a failed start) is a non-blocking error shown to the user.
 */
export type HookVerdict =
  | { readonly kind: 'success'; readonly report: HookRunReport; readonly json?: HookJsonOutput; readonly text: string; readonly problem?: string }
  | { readonly kind: 'blocking'; readonly report: HookRunReport; readonly message: string }
  | { readonly kind: 'error'; readonly report: HookRunReport; readonly message: string };

/** Most text a hook may add to the model's context (Claude Code's cap). */
export const MAX_HOOK_TEXT = 10_000;

export function readVerdict(report: HookRunReport): HookVerdict {
  const who = `${report.event} hook "${report.command}" (${report.source.file})`;
  if (report.spawnError !== undefined) return { kind: 'error', report, message: `${who} could not start: ${report.spawnError}` };
  if (report.timedOut) return { kind: 'error', report, message: `${who} timed out after ${Math.round(report.durationMs / 1000)} s and was killed` };
  if (report.aborted) return { kind: 'error', report, message: `${who} was interrupted` };
  if (report.exitCode === 2) {
    const stderr = report.stderr.trim();
    return { kind: 'blocking', report, message: cap(stderr === '' ? `${who} exited with code 2` : stderr) };
  }
  if (report.exitCode !== 0) {
    const stderr = report.stderr.trim();
    return { kind: 'error', report, message: `${who} failed with exit code ${String(report.exitCode)}${stderr ? `: ${cap(stderr)}` : ''}` };
  }
  const text = report.stdout.trim();
  if (!text.startsWith('{')) return { kind: 'success', report, text: cap(text) };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'success', report, text: cap(text) };
  }
  const parsed = HookJsonOutputSchema.safeParse(value);
  if (!parsed.success) {
    return { kind: 'success', report, text: '', problem: `${who} printed JSON Wren cannot use (${z.prettifyError(parsed.error).replaceAll('\n', ' ')}); ignored` };
  }
  return { kind: 'success', report, json: parsed.data, text: '' };
}

/** A hook's text, capped so a chatty hook cannot flood the model's context. */
export function cap(text: string): string {
  return text.length <= MAX_HOOK_TEXT ? text : `${text.slice(0, MAX_HOOK_TEXT)}\n[hook output truncated: ${text.length - MAX_HOOK_TEXT} more characters]`;
}
