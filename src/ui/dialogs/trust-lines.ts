import type { TrustEffects } from '../../config/index.ts';
import type { PanelLine } from '../state/types.ts';

/** One section of the trust dialog: a heading and what it lists. */
export interface TrustSection {
  readonly title: string;
  readonly lines: readonly PanelLine[];
}

/**
 * Exactly what trusting the folder would enable, grouped for the dialog:
 * nothing of it has been applied or run yet. Empty groups are left out; a
 * folder with nothing in it says so.
 */
export function trustSections(e: TrustEffects): TrustSection[] {
  const sections: TrustSection[] = [];
  const add = (title: string, lines: PanelLine[]) => {
    if (lines.length > 0) sections.push({ title, lines });
  };
  add('Project settings files', e.files.map((f) => ({ label: f.kind, text: `${f.file}${f.valid ? '' : ' (invalid: it would be skipped)'}`, ...(f.valid ? {} : { tone: 'warn' as const }) })));
  const rules: PanelLine[] = [
    ...e.permissions.allow.map((r) => ({ label: 'allow', text: r, tone: 'warn' as const })),
    ...e.permissions.ask.map((r) => ({ label: 'ask', text: r })),
    ...e.permissions.deny.map((r) => ({ label: 'deny', text: r })),
    ...e.permissions.additionalDirectories.map((d) => ({ label: 'extra folder', text: d, tone: 'warn' as const })),
  ];
  if (e.permissions.defaultMode) {
    const risky = e.permissions.defaultMode.mode === 'bypassPermissions' || e.permissions.defaultMode.mode === 'acceptEdits';
    rules.unshift({ label: 'default mode', text: `${e.permissions.defaultMode.mode} (${e.permissions.defaultMode.file})`, ...(risky ? { tone: 'fail' as const } : {}) });
  }
  add('Permission rules', rules);
  add('Hooks (commands run on events)', e.hooks.map((h) => ({ label: `${h.event}${h.matcher ? ` [${h.matcher}]` : ''}`, text: `${h.command}  (${h.file})`, tone: 'warn' as const })));
  add('MCP servers (offered for approval; not started by trusting)', e.mcpServers.map((s) => ({ label: s.name, text: `${s.launches}${s.approved ? ' (already approved)' : ''}  (${s.file})` })));
  const commands: PanelLine[] = [];
  if (e.statusLine) commands.push({ label: 'status line', text: `${e.statusLine.command}  (${e.statusLine.file})`, tone: 'warn' });
  if (e.apiKeyHelper) commands.push({ label: 'API key helper', text: `${e.apiKeyHelper.command}  (${e.apiKeyHelper.file})`, tone: 'warn' });
  add('Commands the project runs', commands);
  const other: PanelLine[] = [];
  if (e.model) other.push({ label: 'model', text: `${e.model.model}  (${e.model.file})` });
  for (const v of e.env) other.push({ label: 'env', text: `${v.name}  (${v.file})${v.sensitive ? ' — redirects the API, certificates, telemetry or config' : ''}`, ...(v.sensitive ? { tone: 'fail' as const } : {}) });
  add('Settings and environment', other);
  add('Instruction files (read into the system prompt)', e.instructionFiles.map((f) => ({ text: f })));
  add('Problems found', e.problems.map((p) => ({ text: `${p.file}: ${p.keyPath ? `${p.keyPath}: ` : ''}${p.message}`, tone: 'warn' as const })));
  return sections;
}
