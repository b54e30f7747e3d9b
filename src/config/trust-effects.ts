import { lstatSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { canonicalDir } from '../permissions/index.ts';
import { readDotenv } from './dotenv.ts';
import { loadFileLayer, loadSettings } from './load-settings.ts';
import { DEFAULT_MANAGED_SETTINGS_PATH, projectPaths, resolveConfigDir } from './paths.ts';
import type { SettingsProblem } from './problems.ts';
import { isSensitiveEnvName } from './sensitive-env.ts';
import { isTrusted } from './trust-store.ts';
import type { SettingsLayer } from './validate-layer.ts';

/** Everything trusting a folder would enable, for the trust dialog to show. */
export interface TrustEffects {
  /** The canonical folder trust would be recorded for. */
  readonly folder: string;
  readonly alreadyTrusted: boolean;
  /** Project files found, and whether each would apply (an invalid one is skipped whole). */
  readonly files: readonly { readonly file: string; readonly kind: 'project settings' | 'local settings' | 'mcp servers' | 'env file'; readonly valid: boolean }[];
  readonly permissions: {
    readonly allow: readonly string[];
    readonly ask: readonly string[];
    readonly deny: readonly string[];
    readonly defaultMode?: { readonly mode: string; readonly file: string };
    readonly additionalDirectories: readonly string[];
  };
  /** Commands hooks would run. */
  readonly hooks: readonly { readonly event: string; readonly matcher?: string; readonly command: string; readonly file: string }[];
  /** Servers that would be offered for approval; trusting does not approve or start them. */
  readonly mcpServers: readonly { readonly name: string; readonly launches: string; readonly file: string; readonly approved: boolean }[];
  readonly statusLine?: { readonly command: string; readonly file: string };
  readonly apiKeyHelper?: { readonly command: string; readonly file: string };
  readonly model?: { readonly model: string; readonly file: string };
  /** Environment the project would set; `sensitive` ones redirect the API, certificates, telemetry or config. */
  readonly env: readonly { readonly name: string; readonly file: string; readonly sensitive: boolean }[];
  /** AGENTS.md / WREN.md files that would be loaded into the system prompt. */
  readonly instructionFiles: readonly string[];
  readonly problems: readonly SettingsProblem[];
}

/**
 * Reads (never applies, never runs) what a folder's project files would do once
 * trusted, so the dialog can list it exactly.
 */
export function describeTrustEffects(cwd: string, options: { readonly configDir?: string; readonly managedPath?: string } = {}): TrustEffects {
  const configDir = options.configDir ?? resolveConfigDir();
  const managedPath = options.managedPath ?? DEFAULT_MANAGED_SETTINGS_PATH;
  const folder = canonicalDir(cwd);
  const paths = projectPaths(folder);
  const problems: SettingsProblem[] = [];
  const files: { file: string; kind: TrustEffects['files'][number]['kind']; valid: boolean }[] = [];
  const layers: SettingsLayer[] = [];
  for (const [file, name, kind] of [
    [paths.local, 'local', 'local settings'],
    [paths.project, 'project', 'project settings'],
  ] as const) {
    const result = loadFileLayer(name, file, folder);
    problems.push(...result.problems);
    if (result.status !== 'missing') files.push({ file, kind, valid: result.status === 'applied' });
    if (result.layer) layers.push(result.layer);
  }
  const dotenv = readDotenv(paths.dotenv);
  problems.push(...dotenv.problems);
  if (dotenv.values || dotenv.problems.some((p) => p.severity === 'error')) files.push({ file: paths.dotenv, kind: 'env file', valid: dotenv.values !== undefined });
  // Approval comes from user and managed settings, exactly as a trusted load would see it.
  const asTrusted = loadSettings({ cwd: folder, configDir, managedPath, trusted: true });
  problems.push(...asTrusted.problems.filter((p) => p.file === paths.mcp));
  if (asTrusted.layers.some((l) => l.name === 'mcp' && l.status !== 'missing' && l.status !== 'untrusted')) {
    files.push({ file: paths.mcp, kind: 'mcp servers', valid: !problems.some((p) => p.file === paths.mcp && p.severity === 'error') });
  }

  const rulesOf = (behavior: 'allow' | 'ask' | 'deny') => layers.flatMap((l) => l.rules.filter((r) => r.behavior === behavior).map((r) => r.text));
  const first = <T>(pick: (l: SettingsLayer) => T | undefined) => {
    for (const l of layers) {
      const value = pick(l);
      if (value !== undefined) return { value, file: l.file };
    }
    return undefined;
  };
  const mode = first((l) => l.settings.permissions?.defaultMode);
  const statusLine = first((l) => l.settings.statusLine?.command);
  const helper = first((l) => l.settings.apiKeyHelper);
  const model = first((l) => l.settings.model);
  const env = [
    ...layers.flatMap((l) => Object.keys(l.settings.env ?? {}).map((name) => ({ name, file: l.file }))),
    ...Object.keys(dotenv.values ?? {}).map((name) => ({ name, file: paths.dotenv })),
  ].map((e) => ({ ...e, sensitive: isSensitiveEnvName(e.name) }));
  return {
    folder,
    alreadyTrusted: isTrusted(folder, { configDir }),
    files,
    permissions: {
      allow: rulesOf('allow'),
      ask: rulesOf('ask'),
      deny: rulesOf('deny'),
      ...(mode ? { defaultMode: { mode: mode.value, file: mode.file } } : {}),
      additionalDirectories: layers.flatMap((l) => l.settings.permissions?.additionalDirectories ?? []),
    },
    hooks: layers.flatMap((l) =>
      Object.entries(l.settings.hooks ?? {}).flatMap(([event, matchers]) =>
        matchers.flatMap((m) => m.hooks.map((h) => ({ event, ...(m.matcher ? { matcher: m.matcher } : {}), command: h.command, file: l.file }))),
      ),
    ),
    mcpServers: asTrusted.mcpServers.map((s) => ({
      name: s.name,
      launches: s.config.type === 'http' || s.config.type === 'sse' ? s.config.url : [s.config.command, ...((s.config.args as readonly string[] | undefined) ?? [])].join(' '),
      file: s.file,
      approved: s.approved,
    })),
    ...(statusLine ? { statusLine: { command: statusLine.value, file: statusLine.file } } : {}),
    ...(helper ? { apiKeyHelper: { command: helper.value, file: helper.file } } : {}),
    ...(model ? { model: { model: model.value, file: model.file } } : {}),
    env,
    instructionFiles: instructionFilesFor(folder),
    problems,
  };
}

/** AGENTS.md and WREN.md from the repository root (nearest `.git` above) down to the folder. */
function instructionFilesFor(folder: string): string[] {
  const chain: string[] = [];
  let top = folder;
  for (let dir = folder; ; dir = dirname(dir)) {
    chain.unshift(dir);
    if (exists(join(dir, '.git'))) {
      top = dir;
      break;
    }
    if (dirname(dir) === dir) {
      top = folder;
      break;
    }
  }
  const dirs = chain.slice(chain.indexOf(top));
  return dirs.flatMap((dir) => ['AGENTS.md', 'WREN.md'].map((name) => join(dir, name)).filter(exists));
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
