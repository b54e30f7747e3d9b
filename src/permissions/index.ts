/*
 * The permission subsystem's public entry: modes, rules, path containment and
 * the engine every tool call passes through. Plan mode's own code is gated by
 * PLAN_MODE and reached through the engine (or `if (feature('PLAN_MODE'))`
 * imports of ./plan-mode/index.ts), never re-exported from here.
 */
export { strictest, type PermissionBehavior, type PermissionDecision } from './decision.ts';
export { PERMISSION_MODES, isPermissionMode, stricterMode, type PermissionMode } from './modes.ts';
export { parseRule, splitRuleList, type ParsedRule, type PermissionRule, type RuleMatcher, type RuleParseResult, type RuleSource } from './rule-parse.ts';
export {
  PermissionEngine,
  type ChildPermissionOptions,
  type DecideOptions,
  type ModeChange,
  type PermissionEngineOptions,
} from './engine.ts';
export { shellBashAnalyser, type BashAnalyser, type BashDecisionHelpers, type BashRead, type BashRuleSpecifiers } from './bash-analyser.ts';
export { protectedWriteReason, type ProtectedLocations } from './protected-paths.ts';
export { canonicalDir, isInside, realPathOf } from './real-path.ts';
export { domainMatches, hostOf } from './domain-rules.ts';
export { suggestRule } from './suggest-rule.ts';
export { fileFamilyOf, type FileFamily } from './tool-families.ts';
export { isReadOnlyCommand, prepareBashAnalyser, suggestBashRules } from './bash/index.ts';
