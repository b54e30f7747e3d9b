import { FLAG_NAMES, FLAGS, type FlagName } from './registry.ts';
import { FORBIDDEN_STRINGS } from './forbidden.ts';
import { PUBLIC_TARGETS, type FlagDefinition, type TargetName } from './types.ts';

/** Which flags are on in a target, derived from the registry. */
export type Profile = { readonly [F in FlagName]: boolean };

export function profileFor(target: TargetName, flags: Readonly<Record<string, FlagDefinition>> = FLAGS): Record<string, boolean> {
  return Object.fromEntries(Object.entries(flags).map(([name, def]) => [name, def.targets[target]]));
}

export function onFlags(target: TargetName): FlagName[] {
  return FLAG_NAMES.filter((name) => FLAGS[name].targets[target]);
}

export function offFlags(target: TargetName): FlagName[] {
  return FLAG_NAMES.filter((name) => !FLAGS[name].targets[target]);
}

/**
 * Everything that must not appear in a target's artifact: each off flag's name
 * and markers, plus (for public targets) the global forbidden strings.
 */
export function mustNotAppear(
  target: TargetName,
  flags: Readonly<Record<string, FlagDefinition>> = FLAGS,
  forbidden: readonly string[] = FORBIDDEN_STRINGS,
  isPublic: boolean = PUBLIC_TARGETS.includes(target),
): { text: string; reason: string; flag?: string }[] {
  const out: { text: string; reason: string; flag?: string }[] = [];
  for (const [name, def] of Object.entries(flags)) {
    if (def.targets[target]) continue;
    out.push({ text: name, reason: `name of off flag ${name}`, flag: name });
    for (const marker of def.markers) out.push({ text: marker, reason: `marker of off flag ${name}`, flag: name });
  }
  if (isPublic) for (const text of forbidden) out.push({ text, reason: 'forbidden string (flags/forbidden.ts)' });
  return out;
}
