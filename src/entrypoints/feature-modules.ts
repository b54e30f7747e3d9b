import { feature, type FeatureModule } from '../feature/index.ts';

/**
 * Every flag's gate point, for `wren flags`: each gated module is imported
 * only inside its flag's branch, so an off flag's module is not in the build.
 * Features that are built move their gate into the subsystem that uses them
 * (a tool into the tool registry, a service into the daemon) and keep this line.
 */
export async function loadFeatureModules(): Promise<FeatureModule[]> {
  const pending: Promise<{ featureModule: FeatureModule }>[] = [];
  if (feature('MCP_CLIENT')) pending.push(import('../tools/mcp/index.ts'));
  if (feature('WEB_FETCH_TOOL')) pending.push(import('../tools/web-fetch/index.ts'));
  if (feature('WEB_SEARCH_TOOL')) pending.push(import('../tools/web-search/index.ts'));
  if (feature('SUBAGENTS')) pending.push(import('../agents/subagents/index.ts'));
  if (feature('HOOKS')) pending.push(import('../hooks/index.ts'));
  if (feature('PLAN_MODE')) pending.push(import('../permissions/plan-mode/index.ts'));
  if (feature('TODO_TOOL')) pending.push(import('../tools/todo-write/index.ts'));
  if (feature('NOTEBOOK_TOOL')) pending.push(import('../tools/notebook-edit/index.ts'));
  if (feature('LSP_TOOL')) pending.push(import('../tools/lsp/index.ts'));
  if (feature('AUTO_COMPACT')) pending.push(import('../query/auto-compact/index.ts'));
  if (feature('MICRO_COMPACT')) pending.push(import('../query/micro-compact/index.ts'));
  if (feature('HISTORY_SEARCH')) pending.push(import('../memory/history-search/index.ts'));
  if (feature('PROJECT_NOTES')) pending.push(import('../memory/project-notes/index.ts'));
  if (feature('PROMPT_CACHING')) pending.push(import('../query/prompt-caching/index.ts'));
  if (feature('EXTENDED_THINKING')) pending.push(import('../query/extended-thinking/index.ts'));
  if (feature('STATUSLINE')) pending.push(import('../ui/status-line/index.ts'));
  if (feature('VIM_MODE')) pending.push(import('../ui/vim-mode/index.ts'));
  if (feature('SANDBOX_BASH')) pending.push(import('../tools/bash-sandbox/index.ts'));
  if (feature('BACKGROUND_BASH')) pending.push(import('../tools/bash-background/index.ts'));
  if (feature('NATIVE_AUTO_UPDATE')) pending.push(import('../services/auto-update/index.ts'));
  if (feature('KAIROS')) pending.push(import('../services/kairos/index.ts'));
  if (feature('KAIROS_BRIEF')) pending.push(import('../services/kairos-brief/index.ts'));
  if (feature('SCHEDULED_TRIGGERS')) pending.push(import('../services/scheduled-triggers/index.ts'));
  if (feature('AUTO_DREAM')) pending.push(import('../services/auto-dream/index.ts'));
  if (feature('EXTRACT_MEMORIES')) pending.push(import('../memory/extract-memories/index.ts'));
  if (feature('AFK_MODE')) pending.push(import('../agents/afk-mode/index.ts'));
  if (feature('COORDINATOR_MODE')) pending.push(import('../agents/coordinator/index.ts'));
  if (feature('SWARMS')) pending.push(import('../agents/swarms/index.ts'));
  if (feature('SWARM_TMUX')) pending.push(import('../agents/swarm-tmux/index.ts'));
  if (feature('TEAM_MEMORY')) pending.push(import('../memory/team-memory/index.ts'));
  if (feature('AGENT_WORKTREES')) pending.push(import('../agents/worktrees/index.ts'));
  if (feature('VOICE_MODE')) pending.push(import('../services/voice-mode/index.ts'));
  if (feature('BUDDY')) pending.push(import('../ui/buddy/index.ts'));
  if (feature('ULTRAPLAN')) pending.push(import('../agents/ultraplan/index.ts'));
  if (feature('ADVISOR_TOOL')) pending.push(import('../tools/advisor/index.ts'));
  if (feature('REDACT_THINKING')) pending.push(import('../query/redact-thinking/index.ts'));
  if (feature('BROWSER_TOOL')) pending.push(import('../tools/browser/index.ts'));
  if (feature('TASK_BUDGETS')) pending.push(import('../query/task-budgets/index.ts'));
  if (feature('TOKEN_EFFICIENT_TOOLS')) pending.push(import('../query/token-efficient-tools/index.ts'));
  if (feature('BASH_CLASSIFIER')) pending.push(import('../permissions/bash-classifier/index.ts'));
  if (feature('UNDERCOVER_MODE')) pending.push(import('../internal/undercover/index.ts'));
  if (feature('ANT_TELEMETRY_DASHBOARD')) pending.push(import('../internal/telemetry-dashboard/index.ts'));
  if (feature('ANT_MODEL_OVERRIDE')) pending.push(import('../internal/model-override/index.ts'));
  if (feature('ANT_DEBUG_TOOLS')) pending.push(import('../internal/debug-tools/index.ts'));
  return (await Promise.all(pending)).map((mod) => mod.featureModule);
}
