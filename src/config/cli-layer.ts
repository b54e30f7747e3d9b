import { resolve } from 'node:path';
import { isPermissionMode, parseRule, splitRuleList, type PermissionRule } from '../permissions/index.ts';
import type { SettingsProblem } from './problems.ts';
import { parseJson, readSource } from './read-source.ts';
import { validateLayer, type SettingsLayer } from './validate-layer.ts';

/** Settings given on the command line (already split out of argv by the entrypoint). */
export interface CliSettings {
  /** `--allowedTools` values; each may hold several rules separated by commas or spaces. */
  readonly allowedTools?: readonly string[];
  /** `--disallowedTools` values, same syntax. */
  readonly disallowedTools?: readonly string[];
  /** `--permission-mode`. */
  readonly permissionMode?: string;
  /** `--settings`: a settings file path or inline JSON. */
  readonly settings?: string;
  /** `--add-dir` folders. */
  readonly addDirs?: readonly string[];
}

/**
 * The CLI's layers: the flags themselves, then `--settings`, both above local
 * settings and below managed ones. A flag problem is `error` and marks the
 * result `fatal`: a mistyped `--disallowedTools` must stop the run rather than
 * run with fewer denies than the user wrote. An invalid `--settings` file is
 * skipped whole, like any settings file.
 */
export function cliLayers(cli: CliSettings, cwd: string, root: string): { layers: SettingsLayer[]; problems: SettingsProblem[]; fatal: boolean } {
  const problems: SettingsProblem[] = [];
  let fatal = false;
  const flagError = (file: string, keyPath: string, message: string) => {
    problems.push({ file, keyPath, message, severity: 'error' });
    fatal = true;
  };
  const rules: PermissionRule[] = [];
  const lists = [
    ['allow', '--allowedTools', cli.allowedTools],
    ['deny', '--disallowedTools', cli.disallowedTools],
  ] as const;
  for (const [behavior, flag, values] of lists) {
    splitValues(values).forEach((text, index) => {
      const result = parseRule(text);
      if (result.ok) rules.push({ ...result.rule, behavior, source: { layer: 'cli', file: flag, keyPath: `[${index}]`, root } });
      else flagError(flag, `[${index}]`, result.message);
    });
  }
  let defaultMode: string | undefined;
  if (cli.permissionMode !== undefined) {
    if (isPermissionMode(cli.permissionMode)) defaultMode = cli.permissionMode;
    else flagError('--permission-mode', '', `unknown mode "${cli.permissionMode}" (default, acceptEdits, plan, bypassPermissions)`);
  }
  const permissions = {
    ...(defaultMode ? { defaultMode } : {}),
    ...(cli.addDirs && cli.addDirs.length > 0 ? { additionalDirectories: cli.addDirs.map((d) => resolve(cwd, d)) } : {}),
  };
  const layers: SettingsLayer[] = [];
  if (rules.length > 0 || Object.keys(permissions).length > 0) {
    layers.push({ name: 'cli', file: 'command-line flags', settings: { permissions: permissions as SettingsLayer['settings']['permissions'] }, rules });
  }
  if (cli.settings !== undefined) {
    const fromSettings = settingsFlagLayer(cli.settings, cwd, root);
    problems.push(...fromSettings.problems);
    if (fromSettings.layer) layers.push(fromSettings.layer);
  }
  return { layers, problems, fatal };
}

function settingsFlagLayer(value: string, cwd: string, root: string): { layer?: SettingsLayer; problems: SettingsProblem[] } {
  const inline = value.trim().startsWith('{');
  const label = inline ? '--settings' : resolve(cwd, value);
  let text = value;
  if (!inline) {
    const source = readSource(label);
    if (source.status === 'missing') return { problems: [{ file: label, keyPath: '', message: 'file given to --settings does not exist', severity: 'error' }] };
    if (source.status === 'invalid') return { problems: [source.problem] };
    text = source.text;
  }
  const json = parseJson(text, label);
  if (!json.ok) return { problems: [json.problem] };
  const result = validateLayer(json.value, 'cli', label, root);
  return result.ok ? { layer: result.layer, problems: [...result.problems] } : { problems: [...result.problems] };
}

function splitValues(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((value) => splitRuleList(value));
}
