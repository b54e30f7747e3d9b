import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import { strictest, type PermissionDecision } from '../permissions/index.ts';
import type { HookVerdict } from './hook-output.ts';
import { baseOutcome } from './run-event.ts';
import type { HookOutcomeBase } from './types.ts';

/**
 * One tool call at the gate. The engine's verdict is asked through `decide`,
 * and only through it: the gate calls it exactly once, with the input the tool
 * will run with (a hook's rewrite, validated by the tool's schema, or the
 * original), and with the hooks' decisions as extra sources. There is no way to
 * obtain a rewritten input that the engine has not judged.
 */
export interface PreToolUseRequest {
  /** The tool, for its name and its input schema (a rewrite must still be valid input). */
  readonly tool: { readonly name: string; readonly inputSchema: z.ZodType };
  /** The model's input, already validated. */
  readonly input: unknown;
  readonly toolUseId?: string;
  readonly signal?: AbortSignal;
  /**
   * The permission engine on one input, e.g.
   * `(input, extra) => engine.decide(tool.name, input, tool, ctx, { extra })`.
   * `hookDecisions` must go in as extra sources: a hook's deny or ask vetoes,
   * its allow is a grant that can only stand where nothing objects.
   */
  decide(input: unknown, hookDecisions: readonly PermissionDecision[]): Promise<PermissionDecision>;
}

export interface PreToolUseOutcome extends HookOutcomeBase {
  /** The final word: the engine's verdict on `input`, never looser than any hook's deny or ask. */
  readonly decision: PermissionDecision;
  /** The input to run the tool with (only meaningful when `decision` allows or the user approves). */
  readonly input: unknown;
  /** True when a hook rewrote the input (the UI should show the rewritten call when it asks). */
  readonly inputUpdated: boolean;
  /** Each hook's own decision, for display and the transcript. */
  readonly hookDecisions: readonly PermissionDecision[];
}

/** Reads the hooks' verdicts, picks the input, and asks the engine once. */
export async function gateToolCall(request: PreToolUseRequest, verdicts: readonly HookVerdict[]): Promise<PreToolUseOutcome> {
  const base = baseOutcome(verdicts);
  const hookDecisions: PermissionDecision[] = [];
  const rewrites: { input: Record<string, unknown>; command: string }[] = [];
  for (const v of verdicts) {
    const source = `hook PreToolUse: ${v.report.command} (${v.report.source.file})`;
    if (v.kind === 'blocking') {
      hookDecisions.push({ behavior: 'deny', reason: v.message, source });
      continue;
    }
    if (v.kind !== 'success' || !v.json) continue;
    const specific = v.json.hookSpecificOutput;
    const behavior = specific?.permissionDecision ?? (v.json.decision === 'block' ? 'deny' : v.json.decision === 'approve' ? 'allow' : undefined);
    const reason = specific?.permissionDecisionReason ?? v.json.reason;
    if (behavior) hookDecisions.push({ behavior, reason: reason ?? `${behavior} by PreToolUse hook "${v.report.command}"`, source });
    if (v.json.continue === false) {
      hookDecisions.push({ behavior: 'deny', reason: v.json.stopReason ?? `PreToolUse hook "${v.report.command}" stopped the agent`, source });
    }
    if (specific?.updatedInput && behavior !== 'deny') rewrites.push({ input: specific.updatedInput, command: v.report.command });
  }

  let input = request.input;
  let inputUpdated = false;
  const vetoes = hookDecisions.filter((d) => d.behavior !== 'allow');
  const first = rewrites[0];
  if (first) {
    if (rewrites.some((r) => !isDeepStrictEqual(r.input, first.input))) {
      // Two hooks want different calls: running either one, or the original, would ignore the other.
      vetoes.push({ behavior: 'deny', reason: `PreToolUse hooks rewrote the ${request.tool.name} input in conflicting ways (${rewrites.map((r) => `"${r.command}"`).join(', ')})`, source: 'hook PreToolUse' });
    } else {
      const parsed = request.tool.inputSchema.safeParse(first.input);
      if (!parsed.success) {
        vetoes.push({ behavior: 'deny', reason: `PreToolUse hook "${first.command}" rewrote the ${request.tool.name} input into invalid input: ${parsed.error.message}`, source: 'hook PreToolUse' });
      } else {
        input = parsed.data;
        inputUpdated = true;
      }
    }
  }
  // The one call to the engine, on the input that will run: a rewrite is judged like the model's own input.
  const engine = await request.decide(input, hookDecisions);
  // Hook vetoes count even if `decide` did not pass them on.
  const decision = strictest([engine, ...vetoes]);
  return { ...base, decision, input, inputUpdated, hookDecisions };
}
