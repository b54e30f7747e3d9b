import type { FlagDefinition } from './types.ts';

/*
 * The single source of truth for Wren's 44 compile-time flags (shared FLAGS.md is
 * the brief it was written from). Data only: validated by flags/validate.ts when
 * the build loads it, never bundled into a public target.
 *
 * Markers are the names a feature introduces (tool names, setting keys,
 * prompt phrases). They must be distinctive: a public build with the flag off is
 * scanned for every one of them, byte for byte.
 */

const GA = { external: true, internal: true, native: true } as const;
const NATIVE = { external: false, internal: true, native: true } as const;
const INTERNAL_ONLY = { external: false, internal: true, native: false } as const;

export const FLAGS = {
  MCP_CLIENT: {
    description: 'MCP servers (stdio, streamable HTTP) surfaced as permission-gated tools',
    stage: 'ga', targets: GA, requires: [],
    ownedPaths: ['src/tools/mcp'], markers: ['mcp__'],
  },
  WEB_FETCH_TOOL: {
    description: 'WebFetch: URL -> markdown, domain rules, size caps',
    stage: 'ga', targets: GA, requires: [],
    ownedPaths: ['src/tools/web-fetch'], markers: ['WebFetch'],
  },
  WEB_SEARCH_TOOL: {
    description: "WebSearch via the API's server-side search tool",
    stage: 'ga', targets: GA, requires: [],
    ownedPaths: ['src/tools/web-search'], markers: ['WebSearch'],
  },
  SUBAGENTS: {
    description: "Task tool: spawn a subagent with a subset of the parent's tools, isolated context, returns only its result",
    stage: 'ga', targets: GA, requires: [],
    ownedPaths: ['src/agents/subagents'], markers: ['subagent_type'],
  },
  HOOKS: {
    description: 'user-configured lifecycle hooks (PreToolUse, PostToolUse, UserPromptSubmit, Stop, SessionStart, PreCompact, Notification)',
    stage: 'ga', targets: GA, requires: [],
    ownedPaths: ['src/hooks'], markers: ['PreToolUse'],
  },
  PLAN_MODE: {
    description: 'plan permission mode: read-only tools only, exit by presenting a plan for approval',
    stage: 'ga', targets: GA, requires: [],
    ownedPaths: ['src/permissions/plan-mode'], markers: ['ExitPlanMode'],
  },
  TODO_TOOL: {
    description: 'TodoWrite task list, shown in the UI',
    stage: 'ga', targets: GA, requires: [],
    ownedPaths: ['src/tools/todo-write'], markers: ['TodoWrite'],
  },
  NOTEBOOK_TOOL: {
    description: 'read and edit .ipynb cells',
    stage: 'ga', targets: GA, requires: [],
    ownedPaths: ['src/tools/notebook-edit'], markers: ['NotebookEdit'],
  },
  LSP_TOOL: {
    description: 'language-server integration: diagnostics, definition, references, hover',
    stage: 'ga', targets: GA, requires: [],
    ownedPaths: ['src/tools/lsp'], markers: ['LanguageServer'],
  },
  AUTO_COMPACT: {
    description: 'summarise the conversation when the context window nears its limit',
    stage: 'ga', targets: GA, requires: [],
    ownedPaths: ['src/query/auto-compact'], markers: ['auto-compact'],
  },
  MICRO_COMPACT: {
    description: 'clear stale tool results from context before a full compaction is needed',
    stage: 'ga', targets: GA, requires: [],
    ownedPaths: ['src/query/micro-compact'], markers: ['micro-compact'],
  },
  HISTORY_SEARCH: {
    description: 'memory layer 3: search past session transcripts',
    stage: 'ga', targets: GA, requires: [],
    ownedPaths: ['src/memory/history-search'], markers: ['HistorySearch'],
  },
  PROJECT_NOTES: {
    description: 'memory layer 2: structured project notes read on demand',
    stage: 'ga', targets: GA, requires: [],
    ownedPaths: ['src/memory/project-notes'], markers: ['ProjectNotes'],
  },
  PROMPT_CACHING: {
    description: 'cache_control breakpoints on system, tools and conversation',
    stage: 'ga', targets: GA, requires: [],
    ownedPaths: ['src/query/prompt-caching'], markers: ['cache_control'],
  },
  EXTENDED_THINKING: {
    description: 'thinking budgets, thinking shown in verbose mode',
    stage: 'ga', targets: GA, requires: [],
    ownedPaths: ['src/query/extended-thinking'], markers: ['budget_tokens'],
  },
  STATUSLINE: {
    description: 'user status-line command',
    stage: 'ga', targets: GA, requires: [],
    ownedPaths: ['src/ui/status-line'], markers: ['statusLine'],
  },
  VIM_MODE: {
    description: 'vim keybindings in the prompt input',
    stage: 'ga', targets: GA, requires: [],
    ownedPaths: ['src/ui/vim-mode'], markers: ['-- INSERT --'],
  },
  SANDBOX_BASH: {
    description: 'run Bash inside an OS sandbox (bubblewrap on Linux) when available',
    stage: 'ga', targets: GA, requires: [],
    ownedPaths: ['src/tools/bash-sandbox'], markers: ['bwrap'],
  },
  BACKGROUND_BASH: {
    description: 'run_in_background shells, read their output, kill them',
    stage: 'ga', targets: GA, requires: [],
    ownedPaths: ['src/tools/bash-background'], markers: ['run_in_background'],
  },
  NATIVE_AUTO_UPDATE: {
    description: 'self-update of the single binary from a signed manifest, rollback',
    stage: 'native', targets: NATIVE, requires: [],
    ownedPaths: ['src/services/auto-update'], markers: ['DISABLE_AUTOUPDATER'],
  },
  KAIROS: {
    description: 'persistent background daemon: tick prompts, append-only daily logs, 15 s blocking budget',
    stage: 'unshipped', targets: INTERNAL_ONLY, requires: [],
    ownedPaths: ['src/services/kairos'], markers: ['kairos-tick'],
  },
  KAIROS_BRIEF: {
    description: '"Brief" output mode for the daemon: concise, never floods the terminal',
    stage: 'unshipped', targets: INTERNAL_ONLY, requires: ['KAIROS'],
    ownedPaths: ['src/services/kairos-brief'], markers: ['brief-output-mode'],
  },
  SCHEDULED_TRIGGERS: {
    description: 'cron and file-watch triggers that wake the daemon with a task',
    stage: 'unshipped', targets: INTERNAL_ONLY, requires: ['KAIROS'],
    ownedPaths: ['src/services/scheduled-triggers'], markers: ['ScheduleTrigger'],
  },
  AUTO_DREAM: {
    description: 'idle-time memory consolidation in a forked, restricted subagent',
    stage: 'unshipped', targets: INTERNAL_ONLY, requires: ['PROJECT_NOTES'],
    ownedPaths: ['src/services/auto-dream'], markers: ['auto-dream'],
  },
  EXTRACT_MEMORIES: {
    description: 'at session end, extract tentative notes from the transcript',
    stage: 'unshipped', targets: INTERNAL_ONLY, requires: ['PROJECT_NOTES'],
    ownedPaths: ['src/memory/extract-memories'], markers: ['extract-memories'],
  },
  AFK_MODE: {
    description: 'keep working while the user is away within a pre-approved envelope; queue what needs a human',
    stage: 'unshipped', targets: INTERNAL_ONLY, requires: [],
    ownedPaths: ['src/agents/afk-mode'], markers: ['afk-envelope'],
  },
  COORDINATOR_MODE: {
    description: 'a coordinator agent that plans, dispatches parallel workers, and merges their results',
    stage: 'unshipped', targets: INTERNAL_ONLY, requires: ['SUBAGENTS'],
    ownedPaths: ['src/agents/coordinator'], markers: ['coordinator-mode'],
  },
  SWARMS: {
    description: 'in-process teammates, each isolated with AsyncLocalStorage, messaging each other',
    stage: 'unshipped', targets: INTERNAL_ONLY, requires: ['SUBAGENTS'],
    ownedPaths: ['src/agents/swarms'], markers: ['SendTeammateMessage'],
  },
  SWARM_TMUX: {
    description: 'process teammates in tmux panes, colour-coded',
    stage: 'unshipped', targets: INTERNAL_ONLY, requires: ['SWARMS'],
    ownedPaths: ['src/agents/swarm-tmux'], markers: ['teammate-pane'],
  },
  TEAM_MEMORY: {
    description: 'shared team memory synchronised between teammates',
    stage: 'unshipped', targets: INTERNAL_ONLY, requires: ['SWARMS'],
    ownedPaths: ['src/memory/team-memory'], markers: ['team-memory'],
  },
  AGENT_WORKTREES: {
    description: 'each subagent may work in its own git worktree',
    stage: 'unshipped', targets: INTERNAL_ONLY, requires: ['SUBAGENTS'],
    ownedPaths: ['src/agents/worktrees'], markers: ['agent-worktree'],
  },
  VOICE_MODE: {
    description: 'push-to-talk: record, transcribe, insert into the prompt',
    stage: 'unshipped', targets: INTERNAL_ONLY, requires: [],
    ownedPaths: ['src/services/voice-mode'], markers: ['push-to-talk'],
  },
  BUDDY: {
    description: 'companion pet: 18 species, rarity tiers, derived deterministically from the user id',
    stage: 'unshipped', targets: INTERNAL_ONLY, requires: [],
    ownedPaths: ['src/ui/buddy'], markers: ['buddy-species'],
  },
  ULTRAPLAN: {
    description: 'offload a planning task to a remote runner for up to 30 minutes, poll, bring the plan back for approval',
    stage: 'unshipped', targets: INTERNAL_ONLY, requires: [],
    ownedPaths: ['src/agents/ultraplan'], markers: ['ultraplan'],
  },
  ADVISOR_TOOL: {
    description: 'a second-opinion tool that consults a stronger model on a plan or diff',
    stage: 'unshipped', targets: INTERNAL_ONLY, requires: [],
    ownedPaths: ['src/tools/advisor'], markers: ['AskAdvisor'],
  },
  REDACT_THINKING: {
    description: 'hide thinking traces from output and transcripts',
    stage: 'unshipped', targets: INTERNAL_ONLY, requires: ['EXTENDED_THINKING'],
    ownedPaths: ['src/query/redact-thinking'], markers: ['redact-thinking'],
  },
  BROWSER_TOOL: {
    description: 'browser automation with playwright-core against a local Chromium',
    stage: 'unshipped', targets: INTERNAL_ONLY, requires: [],
    ownedPaths: ['src/tools/browser'], markers: ['BrowserNavigate'],
  },
  TASK_BUDGETS: {
    description: 'per-task token and cost budgets that stop or warn',
    stage: 'unshipped', targets: INTERNAL_ONLY, requires: [],
    ownedPaths: ['src/query/task-budgets'], markers: ['task-budget'],
  },
  TOKEN_EFFICIENT_TOOLS: {
    description: "the API's token-efficient tool-use beta",
    stage: 'unshipped', targets: INTERNAL_ONLY, requires: [],
    ownedPaths: ['src/query/token-efficient-tools'], markers: ['token-efficient-tools-'],
  },
  BASH_CLASSIFIER: {
    description: 'a small-model classifier that may auto-approve low-risk Bash commands; never overrides deny',
    stage: 'unshipped', targets: INTERNAL_ONLY, requires: [],
    ownedPaths: ['src/permissions/bash-classifier'], markers: ['bash-classifier'],
  },
  UNDERCOVER_MODE: {
    description: 'keep internal codenames out of commits, PR text and public output',
    stage: 'ant', targets: INTERNAL_ONLY, requires: [],
    ownedPaths: ['src/internal/undercover'], markers: ['undercover'],
  },
  ANT_TELEMETRY_DASHBOARD: {
    description: 'internal dashboard over the local telemetry store',
    stage: 'ant', targets: INTERNAL_ONLY, requires: [],
    ownedPaths: ['src/internal/telemetry-dashboard'], markers: ['telemetry-dashboard'],
  },
  ANT_MODEL_OVERRIDE: {
    description: 'internal model codenames and model-switching overrides',
    stage: 'ant', targets: INTERNAL_ONLY, requires: [],
    ownedPaths: ['src/internal/model-override'], markers: ['model-override'],
  },
  ANT_DEBUG_TOOLS: {
    description: 'record and replay sessions, dump the exact request sent',
    stage: 'ant', targets: INTERNAL_ONLY, requires: [],
    ownedPaths: ['src/internal/debug-tools'], markers: ['debug-replay'],
  },
} as const satisfies Record<string, FlagDefinition>;

/** A flag's name. `feature()` accepts nothing else, so a misspelt flag is a type error. */
export type FlagName = keyof typeof FLAGS;

export const FLAG_NAMES = Object.keys(FLAGS) as FlagName[];
