import { isAbsolute, resolve } from 'node:path';
import { homedir } from 'node:os';
import type { PermissionMode, PermissionRule } from '../permissions/index.ts';
import type { HookMatcher, StatusLine } from './schema.ts';
import type { LayerName, SettingsLayer } from './validate-layer.ts';

/** Where a merged value came from. */
export interface SourceRef {
  readonly layer: LayerName | 'dotenv';
  readonly file: string;
}

/** Settings after merging every applied layer. */
export interface EffectiveSettings {
  readonly permissions: {
    /** The highest layer's defaultMode (after the bypass and trust checks), else `default`. */
    readonly defaultMode: PermissionMode;
    /** Union of every layer's folders, absolute. */
    readonly additionalDirectories: readonly string[];
    /** True when any applied layer says `disableBypassPermissionsMode: "disable"`. */
    readonly disableBypassPermissionsMode: boolean;
  };
  /** Per key, the highest layer wins. */
  readonly env: Readonly<Record<string, string>>;
  /** Every layer's hooks, highest layer first; each matcher says where it came from. */
  readonly hooks: Readonly<Record<string, readonly (HookMatcher & { readonly source: SourceRef })[]>>;
  readonly statusLine?: StatusLine & { readonly source: SourceRef };
  /** The Bash sandbox (project layers can only tighten it; see validate-layer). */
  readonly sandbox: {
    /** The highest layer that sets it. @default true */
    readonly enabled: boolean;
    /** Union of every layer's paths, absolute (`~/` expanded, relative ones from the project root). */
    readonly allowWrite: readonly string[];
    /** 'deny' if any layer says so. @default 'allow' */
    readonly network: 'allow' | 'deny';
  };
  readonly model?: string;
  readonly apiKeyHelper?: { readonly command: string; readonly source: SourceRef };
}

/** Everything merged, plus the inputs MCP approval needs. */
export interface MergeResult {
  readonly settings: EffectiveSettings;
  /** Every rule of every applied layer (deny from any layer wins in the engine). */
  readonly rules: readonly PermissionRule[];
  readonly requestedMode: { readonly mode: PermissionMode; readonly source?: SourceRef };
  readonly mcpApproval: { readonly all: boolean; readonly enabled: ReadonlySet<string>; readonly disabled: ReadonlySet<string> };
}

/**
 * Merges valid layers given highest precedence first (managed, cli, local,
 * project, user). Lists of rules and hooks accumulate across layers; a scalar
 * (model, statusLine, apiKeyHelper, defaultMode) comes from the highest layer
 * that sets it.
 */
export function mergeLayers(layers: readonly SettingsLayer[], root: string, dotenv?: { file: string; values: Record<string, string> }): MergeResult {
  const first = <T>(pick: (layer: SettingsLayer) => T | undefined): { value: T; source: SourceRef } | undefined => {
    for (const layer of layers) {
      const value = pick(layer);
      if (value !== undefined) return { value, source: { layer: layer.name, file: layer.file } };
    }
    return undefined;
  };
  const env: Record<string, string> = {};
  // Lowest first so higher layers overwrite; a project's .env sits just above user settings.
  let dotenvApplied = !dotenv;
  for (const layer of [...layers].reverse()) {
    if (!dotenvApplied && layer.name !== 'user') {
      Object.assign(env, dotenv!.values);
      dotenvApplied = true;
    }
    Object.assign(env, layer.settings.env ?? {});
  }
  if (!dotenvApplied) Object.assign(env, dotenv!.values);
  const hooks: Record<string, (HookMatcher & { source: SourceRef })[]> = {};
  for (const layer of layers) {
    for (const [event, matchers] of Object.entries(layer.settings.hooks ?? {})) {
      (hooks[event] ??= []).push(...matchers.map((m) => ({ ...m, source: { layer: layer.name, file: layer.file } })));
    }
  }
  const dirs = new Set<string>();
  for (const layer of layers) {
    for (const dir of layer.settings.permissions?.additionalDirectories ?? []) dirs.add(absoluteDir(dir, root));
  }
  const allowWrite = new Set<string>();
  for (const layer of layers) for (const path of layer.settings.sandbox?.allowWrite ?? []) allowWrite.add(absoluteDir(path, root));
  const sandboxEnabled = first((l) => l.settings.sandbox?.enabled);
  const mode = first((l) => l.settings.permissions?.defaultMode);
  const statusLine = first((l) => l.settings.statusLine);
  const model = first((l) => l.settings.model);
  const helper = first((l) => l.settings.apiKeyHelper);
  const approvalLayers = layers.filter((l) => l.name !== 'project' && l.name !== 'local');
  return {
    settings: {
      permissions: {
        defaultMode: mode?.value ?? 'default',
        additionalDirectories: [...dirs],
        disableBypassPermissionsMode: layers.some((l) => l.settings.permissions?.disableBypassPermissionsMode === 'disable'),
      },
      env,
      hooks,
      ...(statusLine ? { statusLine: { ...statusLine.value, source: statusLine.source } } : {}),
      sandbox: {
        enabled: sandboxEnabled?.value ?? true,
        allowWrite: [...allowWrite],
        network: layers.some((l) => l.settings.sandbox?.network === 'deny') ? 'deny' : 'allow',
      },
      ...(model ? { model: model.value } : {}),
      ...(helper ? { apiKeyHelper: { command: helper.value, source: helper.source } } : {}),
    },
    rules: layers.flatMap((l) => l.rules),
    requestedMode: mode ? { mode: mode.value, source: mode.source } : { mode: 'default' },
    mcpApproval: {
      all: approvalLayers.some((l) => l.settings.enableAllProjectMcpServers === true),
      enabled: new Set(approvalLayers.flatMap((l) => l.settings.enabledMcpjsonServers ?? [])),
      disabled: new Set(layers.flatMap((l) => l.settings.disabledMcpjsonServers ?? [])),
    },
  };
}

function absoluteDir(dir: string, root: string): string {
  if (dir === '~' || dir.startsWith('~/')) return resolve(homedir(), dir.slice(2));
  return isAbsolute(dir) ? dir : resolve(root, dir);
}

/** What one layer sets, in words, for `/status` and the load report. */
export function contributionsOf(layer: SettingsLayer, higher: readonly SettingsLayer[]): string[] {
  const out: string[] = [];
  const s = layer.settings;
  const shadowed = (pick: (l: SettingsLayer) => unknown) => {
    const above = higher.find((l) => pick(l) !== undefined);
    return above ? ` (overridden by ${above.name})` : '';
  };
  for (const behavior of ['allow', 'ask', 'deny'] as const) {
    const n = layer.rules.filter((r) => r.behavior === behavior).length;
    if (n > 0) out.push(`permissions.${behavior}: ${n} rule${n === 1 ? '' : 's'}`);
  }
  if (s.permissions?.defaultMode) out.push(`permissions.defaultMode: ${s.permissions.defaultMode}${shadowed((l) => l.settings.permissions?.defaultMode)}`);
  if (s.permissions?.additionalDirectories?.length) out.push(`permissions.additionalDirectories: ${s.permissions.additionalDirectories.join(', ')}`);
  if (s.permissions?.disableBypassPermissionsMode) out.push('permissions.disableBypassPermissionsMode: disable');
  if (s.env && Object.keys(s.env).length > 0) out.push(`env: ${Object.keys(s.env).join(', ')}`);
  for (const [event, matchers] of Object.entries(s.hooks ?? {})) out.push(`hooks.${event}: ${matchers.length} matcher${matchers.length === 1 ? '' : 's'}`);
  if (s.statusLine) out.push(`statusLine${shadowed((l) => l.settings.statusLine)}`);
  if (s.sandbox?.enabled !== undefined) out.push(`sandbox.enabled: ${String(s.sandbox.enabled)}${shadowed((l) => l.settings.sandbox?.enabled)}`);
  if (s.sandbox?.allowWrite?.length) out.push(`sandbox.allowWrite: ${s.sandbox.allowWrite.join(', ')}`);
  if (s.sandbox?.network) out.push(`sandbox.network: ${s.sandbox.network}`);
  if (s.model) out.push(`model: ${s.model}${shadowed((l) => l.settings.model)}`);
  if (s.apiKeyHelper) out.push(`apiKeyHelper${shadowed((l) => l.settings.apiKeyHelper)}`);
  if (s.enableAllProjectMcpServers !== undefined) out.push(`enableAllProjectMcpServers: ${String(s.enableAllProjectMcpServers)}`);
  if (s.enabledMcpjsonServers?.length) out.push(`enabledMcpjsonServers: ${s.enabledMcpjsonServers.join(', ')}`);
  if (s.disabledMcpjsonServers?.length) out.push(`disabledMcpjsonServers: ${s.disabledMcpjsonServers.join(', ')}`);
  return out;
}
