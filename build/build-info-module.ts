import type { FlagDefinition, TargetName } from '../flags/types.ts';

/** The module src/build-info/index.ts in a build: literals only, on flags only. */
export const BUILD_INFO_MODULE = 'src/build-info/index.ts';

export function buildInfoSource(version: string, target: TargetName, flags: Readonly<Record<string, FlagDefinition>>): string {
  const on = Object.fromEntries(Object.entries(flags).filter(([, def]) => def.targets[target]).map(([name, def]) => [name, def.description]));
  const info = { version, target, flags: on };
  return `const INFO = ${JSON.stringify(info)};\nexport function buildInfo() { return INFO; }\n`;
}
