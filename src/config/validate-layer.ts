import { parseRule, type PermissionBehavior, type PermissionRule, type RuleSource } from '../permissions/index.ts';
import { keyPathOf, type SettingsProblem } from './problems.ts';
import { HOOK_EVENTS, KNOWN_PERMISSION_KEYS, KNOWN_SETTINGS_KEYS, SettingsSchema, type SettingsFile } from './schema.ts';

/** The settings sources, highest precedence first. */
export const LAYER_NAMES = ['managed', 'cli', 'local', 'project', 'user'] as const;
export type LayerName = (typeof LAYER_NAMES)[number];

/** One valid settings source, normalised, with its rules parsed once. */
export interface SettingsLayer {
  readonly name: LayerName;
  /** The file (or flag) it came from. */
  readonly file: string;
  readonly settings: NormalisedSettings;
  readonly rules: readonly PermissionRule[];
}

/** A settings file after validation: env values are strings, policy-stripped keys are gone. */
export interface NormalisedSettings {
  readonly permissions?: NonNullable<SettingsFile['permissions']>;
  readonly env?: Readonly<Record<string, string>>;
  readonly hooks?: NonNullable<SettingsFile['hooks']>;
  readonly statusLine?: NonNullable<SettingsFile['statusLine']>;
  readonly sandbox?: NonNullable<SettingsFile['sandbox']>;
  readonly model?: string;
  readonly apiKeyHelper?: string;
  readonly enableAllProjectMcpServers?: boolean;
  readonly enabledMcpjsonServers?: readonly string[];
  readonly disabledMcpjsonServers?: readonly string[];
}

export type LayerResult =
  | { readonly ok: true; readonly layer: SettingsLayer; readonly problems: readonly SettingsProblem[] }
  | { readonly ok: false; readonly problems: readonly SettingsProblem[] };

/** Layers that live inside the project folder, and so only count once it is trusted. */
export function isProjectLayer(name: LayerName): boolean {
  return name === 'project' || name === 'local';
}

/**
 * Validates one settings value: shape (zod), then every permission rule, then
 * per-layer policy. Every problem is collected before deciding; any error
 * makes the whole source invalid (it is skipped, never half-applied).
 * `root` is where the source's relative path rules are anchored.
 */
export function validateLayer(value: unknown, name: LayerName, file: string, root: string): LayerResult {
  const problems: SettingsProblem[] = [];
  const error = (keyPath: string, message: string) => problems.push({ file, keyPath, message, severity: 'error' });
  const warn = (keyPath: string, message: string) => problems.push({ file, keyPath, message, severity: 'warning' });

  const parsed = SettingsSchema.safeParse(value);
  if (!parsed.success) for (const issue of parsed.error.issues) error(keyPathOf(issue.path), issue.message);
  // Rules are checked even when the shape is wrong elsewhere, so one run shows every problem.
  const rules = parseRuleLists(value, { layer: name, file, root }, error);
  if (!parsed.success) return { ok: false, problems };

  const settings = parsed.data;
  for (const key of Object.keys(settings)) if (!KNOWN_SETTINGS_KEYS.includes(key)) warn(key, 'unknown setting, ignored');
  for (const key of Object.keys(settings.permissions ?? {})) {
    if (!KNOWN_PERMISSION_KEYS.includes(key)) warn(`permissions.${key}`, 'unknown permissions setting, ignored');
  }
  for (const event of Object.keys(settings.hooks ?? {})) {
    if (!(HOOK_EVENTS as readonly string[]).includes(event)) warn(`hooks.${event}`, `unknown hook event (known: ${HOOK_EVENTS.join(', ')}), ignored`);
  }
  const env: Record<string, string> = {};
  for (const [key, raw] of Object.entries(settings.env ?? {})) env[key] = String(raw);
  const normalised: Record<string, unknown> = {};
  // Only keys this version reads are kept; unknown ones were warned about above.
  for (const key of KNOWN_SETTINGS_KEYS) if (key !== '$schema' && settings[key] !== undefined) normalised[key] = settings[key];
  if (settings.env) normalised['env'] = env;
  if (isProjectLayer(name)) {
    // A repository must not approve its own MCP servers, nor move the user's config dir.
    for (const key of ['enableAllProjectMcpServers', 'enabledMcpjsonServers'] as const) {
      if (settings[key] !== undefined) {
        warn(key, 'a project cannot approve its own MCP servers; set this in user settings. Ignored');
        delete normalised[key];
      }
    }
    // A repository may tighten its sandbox, never loosen it (the user's own settings can).
    if (settings.sandbox && (settings.sandbox.enabled === false || settings.sandbox.allowWrite !== undefined)) {
      const { enabled, allowWrite, ...tighter } = settings.sandbox;
      if (enabled === false) warn('sandbox.enabled', 'a project cannot turn its own sandbox off; set this in user settings. Ignored');
      if (allowWrite !== undefined) warn('sandbox.allowWrite', 'a project cannot widen its own sandbox; set this in user settings. Ignored');
      normalised['sandbox'] = { ...tighter, ...(enabled === true ? { enabled } : {}) };
    }
    if ('WREN_CONFIG_DIR' in env) {
      warn('env.WREN_CONFIG_DIR', 'a project cannot move the user config dir; ignored');
      delete env['WREN_CONFIG_DIR'];
    }
  }
  if (problems.some((p) => p.severity === 'error')) return { ok: false, problems };
  return { ok: true, layer: { name, file, settings: normalised as NormalisedSettings, rules }, problems };
}

function parseRuleLists(value: unknown, source: Omit<RuleSource, 'keyPath'>, error: (keyPath: string, message: string) => void): PermissionRule[] {
  const rules: PermissionRule[] = [];
  const permissions = isRecord(value) ? value['permissions'] : undefined;
  if (!isRecord(permissions)) return rules;
  for (const behavior of ['allow', 'ask', 'deny'] as const satisfies readonly PermissionBehavior[]) {
    const list = permissions[behavior];
    if (!Array.isArray(list)) continue;
    list.forEach((text: unknown, index) => {
      if (typeof text !== 'string') return; // the shape check reports it
      const keyPath = `permissions.${behavior}[${index}]`;
      const result = parseRule(text);
      if (result.ok) rules.push({ ...result.rule, behavior, source: { ...source, keyPath } });
      else error(keyPath, result.message);
    });
  }
  return rules;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
