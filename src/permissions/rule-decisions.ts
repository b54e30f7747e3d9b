import type { PermissionBehavior, PermissionDecision } from './decision.ts';
import { domainMatches } from './domain-rules.ts';
import { pathRuleMatches, type PathCandidates } from './path-rules.ts';
import type { PermissionRule } from './rule-parse.ts';
import { fileFamilyOf } from './tool-families.ts';

/**
 * A decision sorted by what it can do: a veto (deny, or ask) always counts; a
 * grant (allow) only says "this may run" and can never outweigh a veto. With no
 * veto and no grant, the call asks: that is what "no rule" means.
 */
export interface Verdicts {
  readonly vetoes: PermissionDecision[];
  readonly grants: PermissionDecision[];
}

export function emptyVerdicts(): Verdicts {
  return { vetoes: [], grants: [] };
}

/** Adds a decision where it belongs by its behavior. */
export function record(verdicts: Verdicts, decision: PermissionDecision): void {
  (decision.behavior === 'allow' ? verdicts.grants : verdicts.vetoes).push(decision);
}

/** "in .wren/settings.json" / "from --allowedTools" / "answered in this session". */
export function describeSource(rule: PermissionRule): string {
  const { layer, file, keyPath } = rule.source;
  if (layer === 'session') return 'allowed in this session';
  const where = file ? `${file}${keyPath ? ` (${keyPath})` : ''}` : `${layer} settings`;
  return `in ${where}`;
}

export function ruleDecision(rule: PermissionRule, what: string): PermissionDecision {
  const verb: Record<PermissionBehavior, string> = { allow: 'allowed', ask: 'needs approval', deny: 'denied' };
  return {
    behavior: rule.behavior,
    reason: `${what} ${verb[rule.behavior]} by ${rule.behavior} rule ${rule.text} ${describeSource(rule)}`,
    source: rule.text,
  };
}

/** Whether a rule without a specifier (or an MCP rule) names this tool. */
export function toolRuleApplies(rule: PermissionRule, toolName: string): boolean {
  const m = rule.matcher;
  if (m.kind === 'mcp') {
    const prefix = `mcp__${m.server}`;
    return m.tool === undefined ? toolName === prefix || toolName.startsWith(`${prefix}__`) : toolName === `${prefix}__${m.tool}`;
  }
  if (m.kind !== 'tool') return false;
  if (rule.toolName === toolName) return true;
  const family = fileFamilyOf(rule.toolName);
  return family !== undefined && family === fileFamilyOf(toolName);
}

/** Whole-tool and MCP rules naming the tool. */
export function toolRuleVerdicts(rules: readonly PermissionRule[], toolName: string, verdicts: Verdicts): void {
  for (const rule of rules) if (toolRuleApplies(rule, toolName)) record(verdicts, ruleDecision(rule, toolName));
}

/** Path rules of the tool's family against the path it touches. */
export function pathRuleVerdicts(
  rules: readonly PermissionRule[],
  toolName: string,
  path: PathCandidates,
  options: { readonly caseInsensitive: boolean; readonly home?: string },
  verdicts: Verdicts,
): void {
  const family = fileFamilyOf(toolName);
  for (const rule of rules) {
    const m = rule.matcher;
    if (m.kind !== 'path' || m.family !== family) continue;
    const strict = rule.behavior !== 'allow';
    if (pathRuleMatches(m.pattern, rule.source.root, path, { strict, caseInsensitive: options.caseInsensitive, home: options.home })) {
      record(verdicts, ruleDecision(rule, `${toolName} of ${path.real}`));
    }
  }
}

/** WebFetch domain rules against the URL's host. */
export function domainRuleVerdicts(rules: readonly PermissionRule[], host: string, verdicts: Verdicts): void {
  for (const rule of rules) {
    if (rule.matcher.kind === 'domain' && domainMatches(host, rule.matcher.domain)) record(verdicts, ruleDecision(rule, `fetching ${host}`));
  }
}

/** The Bash specifiers of every rule, by list. */
export function bashSpecifiers(rules: readonly PermissionRule[]): { allow: string[]; ask: string[]; deny: string[] } {
  const out = { allow: [] as string[], ask: [] as string[], deny: [] as string[] };
  for (const rule of rules) if (rule.matcher.kind === 'bash') out[rule.behavior].push(rule.matcher.specifier);
  return out;
}
