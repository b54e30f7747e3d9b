import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PUBLIC_TARGETS, STAGES, TARGET_NAMES, type FlagDefinition, type Stage, type TargetName } from './types.ts';

/** One reason the build refuses a registry; `flag` names the culprit, `fix` says what to do. */
export interface RegistryProblem {
  readonly code:
    | 'invalid-shape'
    | 'ant-in-public-target'
    | 'stage-mismatch'
    | 'unknown-requirement'
    | 'requirement-unmet'
    | 'owned-path-missing'
    | 'owned-path-outside-src'
    | 'owned-path-overlap'
    | 'duplicate-marker';
  readonly flag: string;
  readonly message: string;
  readonly fix: string;
}

const FLAG_NAME = /^[A-Z][A-Z0-9_]*$/;

const flagSchema = z.strictObject({
  description: z.string().min(1).refine((s) => !s.includes('\n'), 'must be one line'),
  stage: z.enum(STAGES),
  targets: z.strictObject({ external: z.boolean(), internal: z.boolean(), native: z.boolean() }),
  requires: z.array(z.string()),
  ownedPaths: z.array(z.string().min(1)).min(1),
  markers: z.array(z.string().min(4, 'a marker under 4 characters is not distinctive')).min(1),
});

const registrySchema = z.record(z.string().regex(FLAG_NAME, 'flag names are UPPER_SNAKE_CASE'), flagSchema);

/** Targets each stage may be on in; internal holds every flag so its proof is never vacuous. */
const ALLOWED: Record<Stage, Record<TargetName, boolean>> = {
  ga: { external: true, internal: true, native: true },
  native: { external: false, internal: true, native: true },
  unshipped: { external: false, internal: true, native: false },
  ant: { external: false, internal: true, native: false },
};

/**
 * Checks a registry the way the build loads it: shape first (zod), then the
 * rules between flags and against the source tree. Returns every problem at once.
 */
export function validateRegistry(registry: unknown, root: string): RegistryProblem[] {
  const parsed = registrySchema.safeParse(registry);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => ({
      code: 'invalid-shape',
      flag: String(issue.path[0] ?? '(registry)'),
      message: `${issue.path.join('.')}: ${issue.message}`,
      fix: 'make the entry match FlagDefinition in flags/types.ts',
    }));
  }
  const flags: Record<string, FlagDefinition> = parsed.data;
  const problems: RegistryProblem[] = [];
  const markerOwner = new Map<string, string>();
  const pathOwner = new Map<string, string>();

  for (const [name, def] of Object.entries(flags)) {
    for (const target of TARGET_NAMES) {
      const on = def.targets[target];
      if (def.stage === 'ant' && on && PUBLIC_TARGETS.includes(target)) {
        problems.push({
          code: 'ant-in-public-target', flag: name,
          message: `${name} is an ant-stage flag but is on in the public target '${target}'`,
          fix: `set ${name}.targets.${target} to false; ant-stage flags are internal-only`,
        });
      } else if (ALLOWED[def.stage][target] !== on) {
        problems.push({
          code: 'stage-mismatch', flag: name,
          message: `${name} (stage ${def.stage}) is ${on ? 'on' : 'off'} in '${target}'`,
          fix: `set ${name}.targets.${target} to ${String(ALLOWED[def.stage][target])}, or change its stage`,
        });
      }
      if (!on) continue;
      for (const req of def.requires) {
        const required = flags[req];
        if (required && !required.targets[target]) {
          problems.push({
            code: 'requirement-unmet', flag: name,
            message: `${name} is on in '${target}' but requires ${req}, which is off there`,
            fix: `turn ${req} on in '${target}' or turn ${name} off there`,
          });
        }
      }
    }
    for (const req of def.requires) {
      if (!flags[req]) {
        problems.push({
          code: 'unknown-requirement', flag: name,
          message: `${name} requires ${req}, which is not in the registry`,
          fix: `fix the spelling of '${req}' in ${name}.requires or add the flag`,
        });
      }
    }
    for (const owned of def.ownedPaths) {
      if (!owned.startsWith('src/') || owned.includes('..')) {
        problems.push({
          code: 'owned-path-outside-src', flag: name,
          message: `${name} owns '${owned}', which is not under src/`,
          fix: 'owned paths are repository-relative and start with src/',
        });
        continue;
      }
      if (!existsSync(join(root, owned))) {
        problems.push({
          code: 'owned-path-missing', flag: name,
          message: `${name} owns '${owned}', which does not exist`,
          fix: `create ${owned}/index.ts (the flag's gated module) or correct ${name}.ownedPaths`,
        });
      }
      for (const [other, by] of pathOwner) {
        if (isWithin(owned, other) || isWithin(other, owned)) {
          problems.push({
            code: 'owned-path-overlap', flag: name,
            message: `${name} owns '${owned}', which overlaps '${other}' owned by ${by}`,
            fix: 'give each flag its own folder; a path can belong to one flag only',
          });
        }
      }
      pathOwner.set(owned, name);
    }
    for (const marker of def.markers) {
      const by = markerOwner.get(marker);
      if (by) {
        problems.push({
          code: 'duplicate-marker', flag: name,
          message: `${name} and ${by} both name the marker '${marker}'`,
          fix: `give ${name} a marker of its own: a marker must point at one flag's code`,
        });
      }
      markerOwner.set(marker, name);
    }
  }
  return problems;
}

function isWithin(path: string, dir: string): boolean {
  const a = path.replace(/\/+$/, '');
  const b = dir.replace(/\/+$/, '');
  return a === b || a.startsWith(`${b}/`);
}
