import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings, SettingsSchema } from '../../src/config/index.ts';
import { testdir } from '../support/testdir.ts';

/** A project, a user config dir and a managed settings path, each optionally holding settings with a `sandbox` block. */
function load(files: { user?: unknown; project?: unknown; local?: unknown; managed?: unknown }) {
  const json = (value: unknown) => JSON.stringify(value);
  const root = testdir({
    'proj/': '',
    'cfg/': '',
    ...(files.user ? { 'cfg/settings.json': json({ sandbox: files.user }) } : {}),
    ...(files.project ? { 'proj/.wren/settings.json': json({ sandbox: files.project }) } : {}),
    ...(files.local ? { 'proj/.wren/settings.local.json': json({ sandbox: files.local }) } : {}),
    ...(files.managed ? { 'etc/managed.json': json({ sandbox: files.managed }) } : {}),
  });
  return loadSettings({ cwd: join(root, 'proj'), configDir: join(root, 'cfg'), managedPath: join(root, 'etc/managed.json'), trusted: true });
}

describe('sandbox settings', () => {
  it('default to on, no extra writable paths, network allowed', () => {
    expect(load({}).settings.sandbox).toEqual({ enabled: true, allowWrite: [], network: 'allow' });
  });

  it('are read from user settings, paths made absolute', () => {
    const loaded = load({ user: { enabled: false, allowWrite: ['~/.npm', 'build-cache', '/opt/cache'], network: 'deny' } });
    expect(loaded.settings.sandbox).toEqual({
      enabled: false,
      allowWrite: [join(homedir(), '.npm'), join(loaded.projectRoot, 'build-cache'), '/opt/cache'],
      network: 'deny',
    });
    expect(loaded.problems).toEqual([]);
  });

  it('let a project tighten its sandbox but never loosen it', () => {
    const loosened = load({ project: { enabled: false, allowWrite: ['/'] }, local: { enabled: false } });
    expect(loosened.settings.sandbox).toEqual({ enabled: true, allowWrite: [], network: 'allow' });
    expect(loosened.problems.map((p) => [p.keyPath, p.severity])).toEqual([
      ['sandbox.enabled', 'warning'], ['sandbox.enabled', 'warning'], ['sandbox.allowWrite', 'warning'],
    ]);
    // The user turned it off; the project turns it back on, and cuts the network.
    const tightened = load({ user: { enabled: false }, project: { enabled: true, network: 'deny' } });
    expect(tightened.settings.sandbox).toMatchObject({ enabled: true, network: 'deny' });
    // A deny anywhere wins over an allow anywhere.
    expect(load({ managed: { network: 'allow' }, user: { network: 'deny' } }).settings.sandbox.network).toBe('deny');
  });

  it('reject unknown keys and values loudly', () => {
    expect(SettingsSchema.safeParse({ sandbox: { network: 'sometimes' } }).success).toBe(false);
    expect(SettingsSchema.safeParse({ sandbox: { dangerouslyDisableSandbox: true } }).success).toBe(false);
  });
});
