import type { PermissionMode } from '../permissions/index.ts';

/** The lifecycle events Wren runs hooks for (Claude Code's names, so users' files keep working). */
export const HOOK_EVENT_NAMES = ['PreToolUse', 'PostToolUse', 'UserPromptSubmit', 'Stop', 'SubagentStop', 'SessionStart', 'SessionEnd', 'PreCompact', 'Notification'] as const;
export type HookEventName = (typeof HOOK_EVENT_NAMES)[number];

/** One command hook, as a settings file declares it. */
export interface HookCommand {
  readonly type: 'command';
  /** Run with `bash -c` (the user's shell habits), the event as JSON on stdin. */
  readonly command: string;
  /** Seconds before the hook's whole process group is killed. @default 60 */
  readonly timeout?: number;
}

/**
 * Where a hook was declared. Settings layers come from the config layer
 * (`EffectiveSettings.hooks[event][i].source`); `agent` is a subagent's file.
 */
export interface HookSource {
  readonly layer: 'managed' | 'cli' | 'local' | 'project' | 'user' | 'dotenv' | 'agent';
  readonly file: string;
}

/** A matcher with its hooks, as the config layer returns it (merged, with its source). */
export interface HookMatcherConfig {
  /** Tool-name pattern (`Bash`, `Edit|Write`, `mcp__github__.*`, `*`); empty or absent matches everything. */
  readonly matcher?: string | undefined;
  readonly hooks: readonly HookCommand[];
  readonly source: HookSource;
}

/** Hooks by event name, highest layer first (`EffectiveSettings['hooks']`). Unknown event names are ignored. */
export type HooksConfig = Readonly<Record<string, readonly HookMatcherConfig[]>>;

/** Fields every event's JSON carries (Claude Code's protocol). */
export interface HookCommonInput {
  readonly session_id: string;
  readonly transcript_path: string;
  readonly cwd: string;
  readonly hook_event_name: HookEventName;
  readonly permission_mode?: PermissionMode;
}

/** The event-specific part of the JSON a hook reads on stdin. */
export type HookEventPayload =
  | { readonly hook_event_name: 'PreToolUse'; readonly tool_name: string; readonly tool_input: unknown; readonly tool_use_id?: string }
  | { readonly hook_event_name: 'PostToolUse'; readonly tool_name: string; readonly tool_input: unknown; readonly tool_response: unknown; readonly tool_use_id?: string }
  | { readonly hook_event_name: 'UserPromptSubmit'; readonly prompt: string }
  | { readonly hook_event_name: 'Stop' | 'SubagentStop'; readonly stop_hook_active: boolean }
  | { readonly hook_event_name: 'SessionStart'; readonly source: 'startup' | 'resume' | 'clear' | 'compact' }
  | { readonly hook_event_name: 'SessionEnd'; readonly reason: string }
  | { readonly hook_event_name: 'PreCompact'; readonly trigger: 'manual' | 'auto'; readonly custom_instructions: string }
  | { readonly hook_event_name: 'Notification'; readonly message: string; readonly title?: string; readonly notification_type?: string };

/** What happened when one hook command ran. */
export interface HookRunReport {
  readonly event: HookEventName;
  readonly command: string;
  readonly source: HookSource;
  /** null when the hook was killed (timeout, abort) or could not start. */
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly aborted: boolean;
  readonly durationMs: number;
  /** Set when the shell could not be started. */
  readonly spawnError?: string;
}

/** Things the user (not the model) should see: non-blocking errors, `systemMessage`s. */
export interface HookUserMessage {
  readonly level: 'error' | 'info';
  readonly message: string;
}

/** What every event's outcome carries. */
export interface HookOutcomeBase {
  /** Every hook that ran, in declaration order. */
  readonly runs: readonly HookRunReport[];
  readonly userMessages: readonly HookUserMessage[];
  /** A hook said `"continue": false`: the agent must stop after this step, showing the reason to the user. */
  readonly stop?: { readonly reason: string };
}
