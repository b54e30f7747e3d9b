/*
 * The config subsystem's public entry: the settings hierarchy (managed > CLI
 * flags > local > project > user), its validation and JSON Schema, and
 * workspace trust. Project-derived settings are read only after trust.
 */
export { loadSettings, type LayerReport, type LoadedSettings, type LoadSettingsOptions } from './load-settings.ts';
export type { CliSettings } from './cli-layer.ts';
export type { EffectiveSettings, SourceRef } from './merge.ts';
export type { McpServerEntry } from './mcp-servers.ts';
export { LAYER_NAMES, type LayerName } from './validate-layer.ts';
export { formatProblem, ConfigError, type SettingsProblem } from './problems.ts';
export {
  HOOK_EVENTS,
  McpFileSchema,
  SandboxSettingsSchema,
  SettingsSchema,
  type HookMatcher,
  type SandboxSettings,
  type McpServerConfig,
  type SettingsFile,
  type StatusLine,
} from './schema.ts';
export { mcpJsonSchema, settingsJsonSchema } from './json-schema.ts';
export { DEFAULT_MANAGED_SETTINGS_PATH, projectPaths, resolveConfigDir, userPaths } from './paths.ts';
export { isTrusted, trust, trustStatus, untrust, type TrustOptions, type TrustRecord } from './trust-store.ts';
export { resolveWorkspaceTrust, type WorkspaceTrust, type WorkspaceTrustOptions } from './workspace-trust.ts';
export { describeTrustEffects, type TrustEffects } from './trust-effects.ts';
export { isSensitiveEnvName } from './sensitive-env.ts';
export { createPermissionEngine } from './permission-engine.ts';
