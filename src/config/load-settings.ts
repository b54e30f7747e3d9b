import { feature } from '../feature/index.ts';
import { canonicalDir, type PermissionMode, type PermissionRule } from '../permissions/index.ts';
import { cliLayers, type CliSettings } from './cli-layer.ts';
import { readDotenv } from './dotenv.ts';
import { approveServers, readMcpFile, type McpServerEntry } from './mcp-servers.ts';
import { contributionsOf, mergeLayers, type EffectiveSettings, type SourceRef } from './merge.ts';
import { DEFAULT_MANAGED_SETTINGS_PATH, projectPaths, resolveConfigDir, userPaths } from './paths.ts';
import type { SettingsProblem } from './problems.ts';
import { parseJson, readSource, sourceExists } from './read-source.ts';
import { validateLayer, type LayerName, type SettingsLayer } from './validate-layer.ts';

/** How to load settings; `trusted` must come from the trust check, never from the project. */
export interface LoadSettingsOptions {
  /** The folder the session starts in; its real path is the project root. */
  readonly cwd: string;
  /** @default resolveConfigDir() ($WREN_CONFIG_DIR or ~/.wren) */
  readonly configDir?: string;
  /** @default /etc/wren/managed-settings.json */
  readonly managedPath?: string;
  readonly cli?: CliSettings;
  /** Whether the project folder is trusted. Untrusted: nothing from the project is even read. */
  readonly trusted: boolean;
}

/** What happened to one source. */
export interface LayerReport {
  readonly name: LayerName | 'mcp' | 'dotenv';
  readonly file: string;
  /** applied; missing; invalid (skipped whole, see problems); untrusted (not read: folder not trusted). */
  readonly status: 'applied' | 'missing' | 'invalid' | 'untrusted';
  /** What the source set, in words (empty unless applied). */
  readonly contributed: readonly string[];
}

export interface LoadedSettings {
  /** The canonical project folder: relative rules and project files are anchored here. */
  readonly projectRoot: string;
  readonly configDir: string;
  readonly managedPath: string;
  readonly trusted: boolean;
  readonly settings: EffectiveSettings;
  /** Where the starting mode came from (after refusals). */
  readonly modeSource?: SourceRef;
  /** Every permission rule of every applied layer, parsed once, with its source. */
  readonly rules: readonly PermissionRule[];
  /** `.mcp.json` servers (trusted folders only), each approved or not. */
  readonly mcpServers: readonly McpServerEntry[];
  /** Every problem of every source, at once. */
  readonly problems: readonly SettingsProblem[];
  /** A command-line flag was wrong: the CLI should stop (exit 2) rather than run without it. */
  readonly fatal: boolean;
  /** Every source, highest precedence first, with what it contributed. */
  readonly layers: readonly LayerReport[];
  /** Things the user should be told (a refused mode, ignored project files). */
  readonly notices: readonly string[];
}

/**
 * Loads the settings hierarchy: managed > CLI flags > local > project > user.
 * Project sources (local and project settings, `.mcp.json`, `.env`) are not
 * even read unless `trusted`. Each file is validated whole: an invalid one is
 * reported (every problem at once) and skipped, and loading goes on.
 */
export function loadSettings(options: LoadSettingsOptions): LoadedSettings {
  const configDir = options.configDir ?? resolveConfigDir();
  const managedPath = options.managedPath ?? DEFAULT_MANAGED_SETTINGS_PATH;
  const root = canonicalDir(options.cwd);
  const problems: SettingsProblem[] = [];
  const notices: string[] = [];
  const reports: LayerReport[] = [];
  const applied: SettingsLayer[] = [];

  const fileLayer = (name: LayerName, file: string) => {
    const result = loadFileLayer(name, file, root);
    problems.push(...result.problems);
    if (result.layer) applied.push(result.layer);
    reports.push({ name, file, status: result.status, contributed: [] });
  };
  const project = projectPaths(root);

  fileLayer('managed', managedPath);
  const cli = cliLayers(options.cli ?? {}, options.cwd, root);
  problems.push(...cli.problems);
  for (const layer of cli.layers) {
    applied.push(layer);
    reports.push({ name: 'cli', file: layer.file, status: 'applied', contributed: [] });
  }
  let dotenv: { file: string; values: Record<string, string> } | undefined;
  let mcpFile: ReturnType<typeof readMcpFile> | undefined;
  if (options.trusted) {
    fileLayer('local', project.local);
    fileLayer('project', project.project);
    const env = readDotenv(project.dotenv);
    problems.push(...env.problems);
    if (env.values) dotenv = { file: project.dotenv, values: env.values };
    mcpFile = readMcpFile(project.mcp);
    problems.push(...mcpFile.problems);
  } else {
    const present = [project.local, project.project, project.mcp, project.dotenv].filter((f) => sourceExists(f));
    for (const file of [project.local, project.project]) reports.push({ name: file === project.local ? 'local' : 'project', file, status: 'untrusted', contributed: [] });
    if (present.length > 0) notices.push(`${root} is not trusted: ignored ${present.join(', ')}`);
  }
  fileLayer('user', userPaths(configDir).settings);

  const merged = mergeLayers(applied, root, dotenv);
  const layerReports = reports.map((report) => {
    const layer = applied.find((l) => l.file === report.file && l.name === report.name);
    if (!layer) return report;
    return { ...report, contributed: contributionsOf(layer, applied.slice(0, applied.indexOf(layer))) };
  });
  if (options.trusted) {
    layerReports.push({ name: 'dotenv', file: project.dotenv, status: dotenv ? 'applied' : statusOf(project.dotenv, problems), contributed: dotenv ? [`env: ${Object.keys(dotenv.values).join(', ')}`] : [] });
  } else {
    layerReports.push({ name: 'dotenv', file: project.dotenv, status: 'untrusted', contributed: [] });
  }
  const mcpServers = mcpFile?.servers ? approveServers(mcpFile.servers, project.mcp, merged.mcpApproval) : [];
  layerReports.push({
    name: 'mcp',
    file: project.mcp,
    status: !options.trusted ? 'untrusted' : mcpFile?.servers ? 'applied' : statusOf(project.mcp, problems),
    contributed: mcpServers.map((s) => `${s.name}${s.approved ? '' : ' (not approved)'}`),
  });

  const mode = resolveMode(merged.requestedMode, merged.settings.permissions.disableBypassPermissionsMode, notices);
  return {
    projectRoot: root,
    configDir,
    managedPath,
    trusted: options.trusted,
    settings: { ...merged.settings, permissions: { ...merged.settings.permissions, defaultMode: mode.mode } },
    ...(mode.source ? { modeSource: mode.source } : {}),
    rules: merged.rules,
    mcpServers,
    problems,
    fatal: cli.fatal,
    layers: layerReports,
    notices,
  };
}

export function loadFileLayer(name: LayerName, file: string, root: string): { layer?: SettingsLayer; problems: SettingsProblem[]; status: LayerReport['status'] } {
  const source = readSource(file);
  if (source.status === 'missing') return { problems: [], status: 'missing' };
  if (source.status === 'invalid') return { problems: [source.problem], status: 'invalid' };
  const json = parseJson(source.text, file);
  if (!json.ok) return { problems: [json.problem], status: 'invalid' };
  const result = validateLayer(json.value, name, file, root);
  return result.ok ? { layer: result.layer, problems: [...result.problems], status: 'applied' } : { problems: [...result.problems], status: 'invalid' };
}

function statusOf(file: string, problems: readonly SettingsProblem[]): LayerReport['status'] {
  return problems.some((p) => p.file === file && p.severity === 'error') ? 'invalid' : 'missing';
}

/** The starting mode: bypassPermissions is refused when disabled, plan when the build lacks it. */
function resolveMode(requested: { mode: PermissionMode; source?: SourceRef }, bypassDisabled: boolean, notices: string[]): { mode: PermissionMode; source?: SourceRef } {
  const from = requested.source ? ` (from ${requested.source.file})` : '';
  if (requested.mode === 'bypassPermissions' && bypassDisabled) {
    notices.push(`bypassPermissions mode${from} refused: disabled by permissions.disableBypassPermissionsMode; starting in default mode`);
    return { mode: 'default' };
  }
  if (requested.mode === 'plan') {
    if (feature('PLAN_MODE')) {
      return requested;
    } else {
      notices.push(`plan mode${from} is not part of this build; starting in default mode`);
      return { mode: 'default' };
    }
  }
  return requested;
}
