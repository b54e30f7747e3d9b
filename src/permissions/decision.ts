/**
 * The outcome of asking whether a tool call may run. Deny beats ask beats
 * allow, whatever the source: combine decisions only with `strictest`.
 */
export type PermissionBehavior = 'allow' | 'ask' | 'deny';

export interface PermissionDecision {
  readonly behavior: PermissionBehavior;
  /** Why, in words a user can act on ("matches deny rule Bash(rm:*) in .wren/settings.json"). */
  readonly reason: string;
  /** What decided: a rule text, a mode, a hook, an analyser. */
  readonly source?: string;
}

const RANK: Record<PermissionBehavior, number> = { allow: 0, ask: 1, deny: 2 };

/** The strictest of several decisions; with none, `ask` (fail closed). */
export function strictest(decisions: readonly PermissionDecision[]): PermissionDecision {
  let worst: PermissionDecision | undefined;
  for (const d of decisions) if (!worst || RANK[d.behavior] > RANK[worst.behavior]) worst = d;
  return worst ?? { behavior: 'ask', reason: 'no permission source decided' };
}
