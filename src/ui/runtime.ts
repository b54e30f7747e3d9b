import type { TrustEffects } from '../config/index.ts';
import type { ConversationMessage, QueryEvent, TokenUsage } from '../query/index.ts';

/*
 * The port the interactive UI drives: everything it needs from the agent
 * runtime (settings and trust, the session transcript, the tool registry, the
 * permission gate, the query loop), as types only. The entry point adapts the
 * real subsystems to it; tests pass a fake. Nothing here imports React.
 */

/** Where an allow-always rule is written. */
export interface RuleDestination {
  /** user: the user's settings; project: `.wren/settings.json` (shared); local: `.wren/settings.local.json`. */
  readonly scope: 'user' | 'project' | 'local';
  /** The settings file the rule is appended to, as the user should read it. */
  readonly file: string;
}

/** The gate said `ask`: what the permission dialog shows. */
export interface PermissionRequest {
  readonly toolUseId: string;
  readonly toolName: string;
  /** The validated input of the call. */
  readonly input: unknown;
  /** The engine's reason for asking, in words a user can act on. */
  readonly reason: string;
  /**
   * The narrowest allow rule that would let this call through, exactly as it
   * would be written, and where it may be written (the first is the default).
   * Absent when no rule can be suggested: the dialog then offers no allow-always.
   */
  readonly suggestion?: { readonly rule: string; readonly destinations: readonly RuleDestination[] };
}

/** The human's answer to a permission request. */
export type PermissionAnswer =
  | { readonly kind: 'allow_once' }
  /** Allow, and write `rule` to `destination.file` so the same call is never asked again. */
  | { readonly kind: 'allow_always'; readonly rule: string; readonly destination: RuleDestination }
  /** Deny; `note` goes to the model with the denial. */
  | { readonly kind: 'deny'; readonly note?: string };

/** The model presented a plan (plan mode) and asks to leave plan mode. */
export interface PlanApprovalRequest {
  readonly toolUseId: string;
  /** The plan, in markdown. */
  readonly plan: string;
  /** Modes the user may continue in. */
  readonly choices: readonly ('default' | 'acceptEdits')[];
}

export type PlanApprovalAnswer =
  | { readonly approved: true; readonly mode: 'default' | 'acceptEdits' }
  | { readonly approved: false; readonly feedback?: string };

/** What every model-driving call gets: the abort signal (Esc) and the human for `ask` decisions. */
export interface TurnOptions {
  /** Aborted when the user interrupts (Esc, Ctrl-C): the run must end with a `result` (subtype aborted). */
  readonly signal: AbortSignal;
  /** Resolves an `ask` of the permission gate. Never rejects; on abort it resolves to a deny. */
  askPermission(request: PermissionRequest): Promise<PermissionAnswer>;
  /** Resolves an ExitPlanMode call (plan approval). Never rejects; on abort it resolves to not approved. */
  askPlanApproval(request: PlanApprovalRequest): Promise<PlanApprovalAnswer>;
}

/** Facts about the session the screen shows; read again after /model, /clear and /resume. */
export interface SessionInfo {
  readonly sessionId: string;
  readonly cwd: string;
  /** The project root (where `.wren/` lives); usually the cwd. */
  readonly projectDir: string;
  readonly model: string;
  /** Human name of the model, when known. */
  readonly modelDisplayName?: string;
  readonly version: string;
  /** The permission mode in force (default, acceptEdits, plan, bypassPermissions). */
  readonly permissionMode: string;
  /** Whether the folder is trusted: project commands, settings and hooks apply only then. */
  readonly trusted: boolean;
  /** Show thinking and other detail (`--verbose`). */
  readonly verbose: boolean;
  /** Prompt keybindings to start with (vim needs VIM_MODE; /vim toggles). @default 'normal' */
  readonly editorMode?: 'normal' | 'vim';
  readonly paths: {
    /** This project's prompt history file (JSON lines), under the user's config dir. */
    readonly history: string;
    /** The user's own slash commands: `<config dir>/commands/`. */
    readonly userCommands: string;
    /** The project's slash commands: `<project>/.wren/commands/` (used only when `trusted`). */
    readonly projectCommands: string;
  };
}

/** The folder's trust, asked before the session starts. */
export type TrustState =
  | { readonly trusted: true }
  /** Nothing of the project has been read into effect yet; `effects` lists what trusting would enable. */
  | { readonly trusted: false; readonly effects: TrustEffects };

/** Token and cost totals of the session (the ledger's view; survives /resume). */
export interface CostSummary {
  readonly totalCostUsd: number;
  readonly usage: TokenUsage;
  /** Wall time spent waiting on the API. */
  readonly apiDurationMs: number;
  readonly byModel: readonly { readonly model: string; readonly usage: TokenUsage; readonly costUsd: number | null }[];
}

export interface ModelChoice {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
}

/** A permission rule as listed by /permissions. */
export interface RuleEntry {
  readonly rule: string;
  readonly behavior: 'allow' | 'ask' | 'deny';
  readonly scope: 'managed' | 'cli' | 'local' | 'project' | 'user' | 'session';
  /** The file it comes from (absent for CLI and session rules). */
  readonly file?: string;
  /** Managed and CLI rules cannot be removed from here. */
  readonly editable: boolean;
}

/** The result of an action the user asked for: shown as a notice. */
export type Outcome = { readonly ok: true; readonly message?: string } | { readonly ok: false; readonly message: string };

export interface MemoryFile {
  /** MEMORY.md, AGENTS.md (project), AGENTS.md (user)... */
  readonly label: string;
  readonly path: string;
  readonly exists: boolean;
}

/** One row of the /resume picker. */
export interface SessionRow {
  readonly id: string;
  /** Last activity. */
  readonly modifiedAt: Date;
  readonly firstPrompt?: string;
  readonly messageCount: number;
  readonly model: string;
}

/** One group of /status lines. */
export interface StatusSection {
  readonly title: string;
  readonly items: readonly { readonly label: string; readonly value: string }[];
}

/** One effective setting for /config, with the file it comes from. */
export interface ConfigEntry {
  readonly key: string;
  /** The value, as JSON text. */
  readonly value: string;
  readonly source: string;
}

/** One /doctor check: installation, API reachability, settings validity, ripgrep, tmux... */
export interface DoctorCheck {
  readonly name: string;
  readonly status: 'ok' | 'warn' | 'fail';
  readonly detail: string;
}

/** The user's status-line command, present only when its setting applies (a project one only once trusted). */
export interface StatusLineConfig {
  readonly command: string;
  /** Blank columns before the line. @default 0 */
  readonly padding?: number;
  /** The environment the command runs with (the session's tool environment: no API key). @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The port the interactive UI drives. */
export interface InteractiveRuntime {
  /** Whether the cwd is trusted; asked once, before anything else. */
  trustState(): TrustState;
  /** The user trusted the folder: record it and load what it enables (project settings, hooks, MCP...). */
  acceptTrust(): Promise<Outcome>;
  info(): SessionInfo;

  /** Sends a prompt (already expanded: pastes, @-mentions resolved by the runtime) and runs the query loop. */
  submit(prompt: string, options: TurnOptions): AsyncIterable<QueryEvent>;
  /** `!command`: one Bash call through the permission gate, its result kept in the conversation. */
  runShell(command: string, options: TurnOptions): AsyncIterable<QueryEvent>;
  /** Files for @-mention completion, relative to the cwd (ignore rules applied). */
  listFiles(signal: AbortSignal): Promise<readonly string[]>;

  /** /clear: start a fresh conversation (a new transcript). */
  clear(): Promise<Outcome>;
  /** /compact [focus]: summarise the conversation now. */
  compact(focus: string | undefined, options: TurnOptions): AsyncIterable<QueryEvent>;
  /** /init: ask the model to write AGENTS.md for this repository. */
  init(options: TurnOptions): AsyncIterable<QueryEvent>;
  costs(): Promise<CostSummary>;
  models(): readonly ModelChoice[];
  setModel(id: string): Promise<Outcome>;
  permissionRules(): Promise<readonly RuleEntry[]>;
  addPermissionRule(rule: string, behavior: RuleEntry['behavior'], destination: RuleDestination): Promise<Outcome>;
  removePermissionRule(entry: RuleEntry): Promise<Outcome>;
  /** Where a rule added from /permissions may be written. */
  ruleDestinations(): readonly RuleDestination[];
  memoryFiles(): Promise<readonly MemoryFile[]>;
  listSessions(): Promise<readonly SessionRow[]>;
  /** Switches to a past session; returns its conversation to show. */
  resumeSession(id: string): Promise<{ readonly ok: true; readonly messages: readonly ConversationMessage[] } | { readonly ok: false; readonly message: string }>;
  status(): Promise<readonly StatusSection[]>;
  config(): Promise<readonly ConfigEntry[]>;
  doctor(): Promise<readonly DoctorCheck[]>;
  statusLineConfig(): StatusLineConfig | undefined;
  /** The session ends (exit, Ctrl-C twice): close the transcript. */
  close(reason: 'exit' | 'interrupted'): Promise<void>;
}

/** Options of `runInteractive`. */
export interface RunInteractiveOptions {
  /** Submitted as soon as the prompt is ready (`wren "prompt"`). */
  readonly initialPrompt?: string;
  /** A resumed conversation to show before the prompt (`wren --resume`). */
  readonly history?: readonly ConversationMessage[];
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr?: NodeJS.WriteStream;
  /** @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Opens a file in the user's editor (/memory). @default $VISUAL / $EDITOR / vi, with the terminal handed over */
  readonly openEditor?: (path: string) => Promise<void>;
  /** A turn at least this long rings the bell / OSC 9 when the terminal is unfocused. @default 15000 */
  readonly notifyAfterMs?: number;
}
