/**
 * Permission modes, in the names Claude Code users already type.
 * - default: reads inside the working directories run; everything else asks unless a rule allows it.
 * - acceptEdits: additionally, file edits inside the working directories run (never outside).
 * - plan: only read-only tools run; leaving it means presenting a plan for approval (PLAN_MODE).
 * - bypassPermissions: everything not denied (or asked) by a rule runs; refused when managed
 *   settings set `permissions.disableBypassPermissionsMode: "disable"`.
 */
export const PERMISSION_MODES = ['default', 'acceptEdits', 'plan', 'bypassPermissions'] as const;

export type PermissionMode = (typeof PERMISSION_MODES)[number];

export function isPermissionMode(value: unknown): value is PermissionMode {
  return typeof value === 'string' && (PERMISSION_MODES as readonly string[]).includes(value);
}

/** How much a mode lets through without asking; a subagent may only move down this scale. */
export function permissiveness(mode: PermissionMode): number {
  return PERMISSIVENESS[mode];
}

const PERMISSIVENESS: Record<PermissionMode, number> = {
  plan: 0,
  default: 1,
  acceptEdits: 2,
  bypassPermissions: 3,
};

/** The less permissive of two modes. */
export function stricterMode(a: PermissionMode, b: PermissionMode): PermissionMode {
  return PERMISSIVENESS[a] <= PERMISSIVENESS[b] ? a : b;
}
