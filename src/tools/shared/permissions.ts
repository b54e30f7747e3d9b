import { resolve } from 'node:path';
import type { PermissionDecision } from '../../permissions/index.ts';
import type { ToolContext } from '../tool.ts';
import { isWithin, realPathNearest, workingRoots } from './paths.ts';

type Ctx = Pick<ToolContext, 'cwd' | 'additionalDirectories' | 'projectRoot'>;

/**
 * A reading tool's own view: allow inside the working directories (real-path
 * containment, so a symlink or `..` out of the workspace does not count as
 * inside), ask outside. Modes and rules are the permission engine's job.
 */
export async function readPermission(tool: string, path: string, ctx: Ctx): Promise<PermissionDecision> {
  const real = await realPathNearest(resolve(ctx.cwd, path));
  const roots = await workingRoots(ctx);
  if (roots.some((root) => isWithin(real, root))) {
    return { behavior: 'allow', reason: `${tool} reads inside the working directories`, source: `tool:${tool}` };
  }
  return {
    behavior: 'ask',
    reason: `${tool} of ${real} is outside the working directories (${roots.join(', ')})`,
    source: `tool:${tool}`,
  };
}

/**
 * A writing tool's own view: always ask (the engine's modes and rules may turn
 * that into allow); the reason says whether the target is outside the working
 * directories, which `acceptEdits` must not auto-approve.
 */
export async function writePermission(tool: string, path: string, ctx: Ctx): Promise<PermissionDecision> {
  const real = await realPathNearest(resolve(ctx.cwd, path));
  const roots = await workingRoots(ctx);
  const inside = roots.some((root) => isWithin(real, root));
  return {
    behavior: 'ask',
    reason: inside
      ? `${tool} changes ${real}`
      : `${tool} changes ${real}, outside the working directories (${roots.join(', ')})`,
    source: `tool:${tool}`,
  };
}
