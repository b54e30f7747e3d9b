/**
 * The Bash command analyser of the permission gate: parses a command line with
 * tree-sitter-bash, finds every command it can run, and decides allow / ask / deny
 * against `Bash(...)` rules. See decide.ts for the semantics and rules.ts for the rule syntax.
 */
export { decideBashCommand, decide, type BashRules, type BashDecisionOptions, type BashRead } from './decide.ts';
export { analyseBashCommand, type AnalyseOptions } from './analyse.ts';
export {
  listBashCommands, suggestBashRules, isReadOnlyCommand, isReadOnlyCommandAsync, prepareBashAnalyser,
  type BashCommandSummary,
} from './queries.ts';
export { parseBashRule, formatRule, type BashRule } from './rules.ts';
export { shellQuote } from './quote.ts';
export { BashParseError, type ParseFailureCode } from './parser.ts';
export type { Analysis, AnalysedCommand, CommandView, Word, WordKind, Problem, FileWrite, FileRead, CommandOrigin, Placement } from './types.ts';
export { failClosed } from './fail-closed.ts';
