/*
 * The interactive terminal UI (ink + React). The only entry into src/ui: the
 * entry point imports it dynamically, so headless runs never load React.
 *
 *   const { runInteractive } = await import('../ui/index.ts');
 *   process.exitCode = await runInteractive(runtime, { stdin: process.stdin, stdout: process.stdout });
 */
export { runInteractive, type RunInteractiveInternals } from './run-interactive.tsx';
export type {
  ConfigEntry,
  CostSummary,
  DoctorCheck,
  InteractiveRuntime,
  MemoryFile,
  ModelChoice,
  Outcome,
  PermissionAnswer,
  PermissionRequest,
  PlanApprovalAnswer,
  PlanApprovalRequest,
  RuleDestination,
  RuleEntry,
  RunInteractiveOptions,
  SessionInfo,
  SessionRow,
  StatusLineConfig,
  StatusSection,
  TrustState,
  TurnOptions,
} from './runtime.ts';
