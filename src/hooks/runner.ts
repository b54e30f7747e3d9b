import type { PermissionMode } from '../permissions/index.ts';
import {
  nonBlockingOutcome,
  postToolUseOutcome,
  sessionStartOutcome,
  stopOutcome,
  userPromptSubmitOutcome,
  type PostToolUseOutcome,
  type SessionStartOutcome,
  type StopOutcome,
  type UserPromptSubmitOutcome,
} from './event-outcomes.ts';
import { buildHookTable, withAgentHooks, type AgentHooks, type HookTable } from './hook-table.ts';
import { gateToolCall, type PreToolUseOutcome, type PreToolUseRequest } from './pre-tool-use.ts';
import { runEvent } from './run-event.ts';
import type { HookEventName, HookEventPayload, HookOutcomeBase, HooksConfig } from './types.ts';

/** The default time a hook gets before its process group is killed (Claude Code's). */
export const DEFAULT_HOOK_TIMEOUT_MS = 60_000;

/** How to build a runner. Hooks come only from what the config layer returned. */
export interface HookRunnerOptions {
  /**
   * The config layer's result (`loadSettings(...)`): its `settings.hooks`, and
   * the `trusted` and `projectRoot` it was loaded with. Project-layer hooks of
   * an untrusted folder are refused here too, whatever `hooks` holds.
   */
  readonly settings: {
    readonly trusted: boolean;
    readonly projectRoot: string;
    readonly settings: { readonly hooks: HooksConfig };
  };
  readonly sessionId: string;
  /** The session's transcript file ('' when the session is not recorded). */
  readonly transcriptPath: string;
  /** The session's working directory now (Bash may move it); hooks run there. */
  readonly cwd: () => string;
  /** The permission mode now, sent to hooks as `permission_mode`. */
  readonly permissionMode?: () => PermissionMode;
  /** The hooks' environment (settings `env` applied). @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** @default 60 000 */
  readonly defaultTimeoutMs?: number;
  /** @default bash */
  readonly shell?: string;
  /** SIGTERM-to-SIGKILL grace for a killed hook. @default 1000 */
  readonly killGraceMs?: number;
}

/** Options every event call takes. */
export interface EventOptions {
  /** Aborting kills the running hooks' process groups. */
  readonly signal?: AbortSignal;
}

/**
 * Runs the user's lifecycle hooks. One per session (and one per subagent, see
 * `forAgent`). Creating it runs nothing; each method runs the matching hooks
 * of its event, in parallel, and reads their answers by Claude Code's protocol.
 */
export interface HookRunner {
  /** Hooks that will never run, and why (untrusted source, invalid matcher, unknown event): show them at start-up. */
  readonly problems: readonly string[];
  /** Whether any hook is configured for the event (cheap: skip building a payload). */
  has(event: HookEventName): boolean;
  /**
   * The permission gate for one tool call: runs PreToolUse hooks, then asks the
   * engine (through `request.decide`) about the input the tool will run with.
   * Run the tool with `outcome.input` only; see PreToolUseRequest.
   */
  preToolUse(request: PreToolUseRequest): Promise<PreToolUseOutcome>;
  postToolUse(event: { readonly toolName: string; readonly toolUseId?: string; readonly input: unknown; readonly response: unknown }, options?: EventOptions): Promise<PostToolUseOutcome>;
  userPromptSubmit(event: { readonly prompt: string }, options?: EventOptions): Promise<UserPromptSubmitOutcome>;
  /** `stopHookActive`: the agent is already continuing because of a Stop hook. */
  stop(event: { readonly stopHookActive: boolean }, options?: EventOptions): Promise<StopOutcome>;
  /** A subagent is about to return its result; like Stop, a block keeps it working. */
  subagentStop(event: { readonly stopHookActive: boolean }, options?: EventOptions): Promise<StopOutcome>;
  sessionStart(event: { readonly source: 'startup' | 'resume' | 'clear' | 'compact' }, options?: EventOptions): Promise<SessionStartOutcome>;
  /** The session is ending (`clear`, `logout`, `prompt_input_exit`, `other`); nothing can be blocked. */
  sessionEnd(event: { readonly reason: string }, options?: EventOptions): Promise<HookOutcomeBase>;
  preCompact(event: { readonly trigger: 'manual' | 'auto'; readonly customInstructions?: string }, options?: EventOptions): Promise<HookOutcomeBase>;
  notification(event: { readonly message: string; readonly title?: string; readonly notificationType?: string }, options?: EventOptions): Promise<HookOutcomeBase>;
  /**
   * The runner for a subagent defined by an agent file: this runner's hooks
   * plus the file's own. A project agent file adds nothing unless the folder is trusted.
   */
  forAgent(agent: AgentHooks): HookRunner;
}

export function createHookRunner(options: HookRunnerOptions): HookRunner {
  return runnerFor(buildHookTable(options.settings.settings.hooks, options.settings.trusted), options);
}

function runnerFor(table: HookTable, o: HookRunnerOptions): HookRunner {
  const context = (signal: AbortSignal | undefined) => {
    const cwd = o.cwd();
    const mode = o.permissionMode?.();
    const base = o.env ?? process.env;
    return {
      entries: table.entries,
      common: { session_id: o.sessionId, transcript_path: o.transcriptPath, cwd, ...(mode ? { permission_mode: mode } : {}) },
      // Claude Code's name too, so hook scripts people already have keep working.
      env: { ...base, WREN_PROJECT_DIR: o.settings.projectRoot, CLAUDE_PROJECT_DIR: o.settings.projectRoot },
      defaultTimeoutMs: o.defaultTimeoutMs ?? DEFAULT_HOOK_TIMEOUT_MS,
      ...(signal ? { signal } : {}),
      ...(o.shell !== undefined ? { shell: o.shell } : {}),
      ...(o.killGraceMs !== undefined ? { killGraceMs: o.killGraceMs } : {}),
    };
  };
  const run = (payload: HookEventPayload, matchValue: string | undefined, signal?: AbortSignal) => runEvent(payload, matchValue, context(signal));

  return {
    problems: table.problems,
    has: (event) => table.entries.some((e) => e.event === event),
    async preToolUse(request) {
      const payload: HookEventPayload = {
        hook_event_name: 'PreToolUse',
        tool_name: request.tool.name,
        tool_input: request.input,
        ...(request.toolUseId !== undefined ? { tool_use_id: request.toolUseId } : {}),
      };
      return gateToolCall(request, await run(payload, request.tool.name, request.signal));
    },
    async postToolUse(event, options = {}) {
      const payload: HookEventPayload = {
        hook_event_name: 'PostToolUse',
        tool_name: event.toolName,
        tool_input: event.input,
        tool_response: event.response,
        ...(event.toolUseId !== undefined ? { tool_use_id: event.toolUseId } : {}),
      };
      return postToolUseOutcome(await run(payload, event.toolName, options.signal));
    },
    async userPromptSubmit(event, options = {}) {
      return userPromptSubmitOutcome(await run({ hook_event_name: 'UserPromptSubmit', prompt: event.prompt }, undefined, options.signal));
    },
    async stop(event, options = {}) {
      return stopOutcome(await run({ hook_event_name: 'Stop', stop_hook_active: event.stopHookActive }, undefined, options.signal));
    },
    async subagentStop(event, options = {}) {
      return stopOutcome(await run({ hook_event_name: 'SubagentStop', stop_hook_active: event.stopHookActive }, undefined, options.signal));
    },
    async sessionEnd(event, options = {}) {
      return nonBlockingOutcome(await run({ hook_event_name: 'SessionEnd', reason: event.reason }, undefined, options.signal));
    },
    async sessionStart(event, options = {}) {
      return sessionStartOutcome(await run({ hook_event_name: 'SessionStart', source: event.source }, event.source, options.signal));
    },
    async preCompact(event, options = {}) {
      const payload: HookEventPayload = { hook_event_name: 'PreCompact', trigger: event.trigger, custom_instructions: event.customInstructions ?? '' };
      return nonBlockingOutcome(await run(payload, event.trigger, options.signal));
    },
    async notification(event, options = {}) {
      const payload: HookEventPayload = {
        hook_event_name: 'Notification',
        message: event.message,
        ...(event.title !== undefined ? { title: event.title } : {}),
        ...(event.notificationType !== undefined ? { notification_type: event.notificationType } : {}),
      };
      return nonBlockingOutcome(await run(payload, event.notificationType, options.signal));
    },
    forAgent(agent) {
      return runnerFor(withAgentHooks(table, agent, o.settings), o);
    },
  };
}
