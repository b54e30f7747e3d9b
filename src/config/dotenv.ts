import { parseEnv } from 'node:util';
import type { SettingsProblem } from './problems.ts';
import { readSource } from './read-source.ts';

/**
 * A project's `.env`, read only once the folder is trusted (a peer's agent let a
 * repo `.env` move its config dir, so project servers started at launch).
 * Even then it cannot move the user config dir: that is resolved from the real
 * environment before any project file is read.
 */
export function readDotenv(path: string): { values?: Record<string, string>; problems: SettingsProblem[] } {
  const source = readSource(path);
  if (source.status === 'missing') return { problems: [] };
  if (source.status === 'invalid') return { problems: [source.problem] };
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(parseEnv(source.text))) if (typeof value === 'string') values[key] = value;
  const problems: SettingsProblem[] = [];
  if ('WREN_CONFIG_DIR' in values) {
    problems.push({ file: path, keyPath: 'WREN_CONFIG_DIR', message: 'a project cannot move the user config dir; ignored', severity: 'warning' });
    delete values['WREN_CONFIG_DIR'];
  }
  return { values, problems };
}
