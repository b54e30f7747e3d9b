import type { BuildInfo } from '../../build-info/index.ts';
import type { Runtime } from '../../runtime/index.ts';
import type { ConfigEntry, StatusSection } from '../../ui/runtime.ts';

/** /status: the session, the settings sources and what each contributed. */
export function sessionStatus(runtime: Runtime, build: BuildInfo): StatusSection[] {
  return [
    {
      title: 'Session',
      items: [
        { label: 'id', value: runtime.session.id },
        { label: 'model', value: runtime.model },
        { label: 'permission mode', value: runtime.engine.mode },
        { label: 'folder', value: `${runtime.loaded.projectRoot} (${runtime.trust.trusted ? 'trusted' : 'not trusted'})` },
        { label: 'transcript', value: runtime.session.path },
        { label: 'wren', value: `${build.version} (${build.target})` },
      ],
    },
    {
      title: 'Settings',
      items: runtime.loaded.layers.map((layer) => ({
        label: layer.name,
        value: `${layer.file}: ${layer.status}${layer.contributed.length ? ` (${layer.contributed.join(', ')})` : ''}`,
      })),
    },
    {
      title: 'Tools',
      items: [{ label: `${runtime.tools.length} tools`, value: runtime.tools.map((t) => t.name).join(', ') }],
    },
  ];
}

/** /config: every effective setting, with where it comes from. */
export function effectiveConfig(runtime: Runtime): ConfigEntry[] {
  const { settings, modeSource } = runtime.loaded;
  const entries: ConfigEntry[] = [
    { key: 'model', value: JSON.stringify(runtime.model), source: settings.model ? 'settings' : 'default or environment' },
    { key: 'permissions.defaultMode', value: JSON.stringify(settings.permissions.defaultMode), source: modeSource?.file ?? 'default' },
    { key: 'permissions.additionalDirectories', value: JSON.stringify(settings.permissions.additionalDirectories), source: 'settings' },
  ];
  for (const name of Object.keys(settings.env).sort()) entries.push({ key: `env.${name}`, value: '(set)', source: 'settings' });
  if (settings.statusLine) entries.push({ key: 'statusLine', value: JSON.stringify(settings.statusLine.command), source: settings.statusLine.source.file ?? 'settings' });
  if (settings.apiKeyHelper) entries.push({ key: 'apiKeyHelper', value: JSON.stringify(settings.apiKeyHelper.command), source: settings.apiKeyHelper.source.file ?? 'settings' });
  for (const [event, matchers] of Object.entries(settings.hooks)) entries.push({ key: `hooks.${event}`, value: `${matchers.length} matcher(s)`, source: 'settings' });
  return entries;
}
