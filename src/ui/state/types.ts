import type { ToolOutcome } from '../../query/index.ts';
import type { PermissionAnswer, PermissionRequest, PlanApprovalAnswer, PlanApprovalRequest, SessionInfo } from '../runtime.ts';

/** One tool call as the screen shows it: running (live) or finished (in the transcript). */
export interface ToolCallRecord {
  readonly toolUseId: string;
  readonly name: string;
  readonly input: unknown;
  readonly startedAt: number;
  /** The last few progress messages, newest last. */
  readonly progress: readonly string[];
  readonly outcome?: ToolOutcome;
  readonly isError?: boolean;
  /** The tool_result text the model got. */
  readonly resultText?: string;
  /** The tool's structured output, when the runtime passes it along (Edit's hunks...). */
  readonly output?: unknown;
  readonly durationMs?: number;
}

/** One line of a panel (slash-command output): text, optionally with a muted label column. */
export interface PanelLine {
  readonly label?: string;
  readonly text: string;
  readonly tone?: 'ok' | 'warn' | 'fail' | 'muted';
}

/** Everything written once to the scrollback (ink `<Static>`), in order. */
export type TranscriptItem =
  | { readonly kind: 'welcome'; readonly id: number; readonly info: SessionInfo }
  | { readonly kind: 'user'; readonly id: number; readonly text: string; readonly mode: 'prompt' | 'shell' | 'command' }
  /** A run of complete markdown blocks of one text block; `first` marks the start of the block. */
  | { readonly kind: 'assistant'; readonly id: number; readonly markdown: string; readonly first: boolean }
  | { readonly kind: 'thinking'; readonly id: number; readonly text: string }
  | { readonly kind: 'tool'; readonly id: number; readonly call: ToolCallRecord }
  | { readonly kind: 'notice'; readonly id: number; readonly tone: 'info' | 'success' | 'warning' | 'error'; readonly text: string }
  | { readonly kind: 'panel'; readonly id: number; readonly title: string; readonly lines: readonly PanelLine[] };

/** A new transcript item, before it gets its id. */
export type NewItem = TranscriptItem extends infer T ? (T extends TranscriptItem ? Omit<T, 'id'> : never) : never;

/** The turn in progress: what the live region (under the scrollback) shows. */
export interface LiveTurn {
  readonly startedAt: number;
  readonly phase: 'requesting' | 'thinking' | 'responding' | 'tools' | 'retrying' | 'compacting';
  /** Shown while phase is retrying. */
  readonly retry?: { readonly until: number; readonly message: string };
  /** The streaming text block's part not yet committed (its last, incomplete block). */
  readonly text: string;
  /** Whether `text` continues a block whose start was already committed. */
  readonly textContinues: boolean;
  /** Streaming thinking not yet committed (verbose mode). */
  readonly thinking: string;
  readonly tools: readonly ToolCallRecord[];
  /** Output tokens of this turn: reported by usage events, estimated while streaming. */
  readonly outputTokens: number;
  readonly costUsd: number;
  /** Esc was pressed; waiting for the run to end. */
  readonly interrupting: boolean;
}

export interface TodoEntry {
  readonly content: string;
  readonly status: 'pending' | 'in_progress' | 'completed';
  readonly activeForm: string;
}

/** A question to the human, answered through a dialog; only the first of the queue is shown. */
export type PendingDialog =
  | { readonly kind: 'permission'; readonly id: number; readonly request: PermissionRequest; readonly resolve: (answer: PermissionAnswer) => void }
  | { readonly kind: 'plan'; readonly id: number; readonly request: PlanApprovalRequest; readonly resolve: (answer: PlanApprovalAnswer) => void };

/** Totals of this UI session, for the status line and the spinner. */
export interface SessionTotals {
  readonly costUsd: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly turns: number;
}

export interface UiState {
  /** Transcript items of the current epoch; a new epoch remounts `<Static>` (after /clear, or to release memory). */
  readonly transcript: { readonly epoch: number; readonly items: readonly TranscriptItem[] };
  readonly live: LiveTurn | undefined;
  readonly todos: readonly TodoEntry[];
  readonly dialogs: readonly PendingDialog[];
  /** Prompts typed while a turn runs, sent in order after it. */
  readonly queued: readonly string[];
  readonly totals: SessionTotals;
  readonly info: SessionInfo;
}
