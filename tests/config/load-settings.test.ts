import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadSettings, type LoadSettingsOptions } from '../../src/config/index.ts';
import { testdir } from '../support/testdir.ts';

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** A project folder, a config dir and a managed settings path, all real and temporary. */
function setup(files: { project?: unknown; local?: unknown; user?: unknown; managed?: unknown; mcp?: unknown; dotenv?: string; raw?: Record<string, string> }) {
  const root = testdir({
    'proj/src/a.ts': '',
    ...(files.project !== undefined ? { 'proj/.wren/settings.json': json(files.project) } : {}),
    ...(files.local !== undefined ? { 'proj/.wren/settings.local.json': json(files.local) } : {}),
    ...(files.mcp !== undefined ? { 'proj/.mcp.json': json(files.mcp) } : {}),
    ...(files.dotenv !== undefined ? { 'proj/.env': files.dotenv } : {}),
    ...(files.user !== undefined ? { 'cfg/settings.json': json(files.user) } : {}),
    ...(files.managed !== undefined ? { 'etc/managed-settings.json': json(files.managed) } : {}),
    'cfg/': '',
    ...files.raw,
  });
  const base: LoadSettingsOptions = { cwd: join(root, 'proj'), configDir: join(root, 'cfg'), managedPath: join(root, 'etc/managed-settings.json'), trusted: true };
  return { root, base, load: (extra: Partial<LoadSettingsOptions> = {}) => loadSettings({ ...base, ...extra }) };
}

describe('validation', () => {
  it('reports every problem of a file at once, with key paths, and skips the file whole', () => {
    const { load, base } = setup({
      project: {
        permissions: { allow: ['Edit(./src/**)', 'Bash('], deny: ['WebFetch(example.com)', 42], defaultMode: 'yolo' },
        hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'script', command: 'x' }] }] },
        model: 'project-model',
        env: { FOO: { nested: true } },
      },
      user: { model: 'user-model' },
    });
    const loaded = load();
    const file = join(loaded.projectRoot, '.wren/settings.json');
    const errors = loaded.problems.filter((p) => p.file === file && p.severity === 'error').map((p) => p.keyPath);
    expect(errors).toEqual(
      expect.arrayContaining(['permissions.allow[1]', 'permissions.deny[0]', 'permissions.deny[1]', 'permissions.defaultMode', 'hooks.PreToolUse[0].hooks[0].type', 'env.FOO']),
    );
    // Skipped whole: its valid rule and its model did not apply; the user layer did.
    expect(loaded.rules.map((r) => r.text)).not.toContain('Edit(./src/**)');
    expect(loaded.settings.model).toBe('user-model');
    expect(loaded.layers.find((l) => l.name === 'project')).toMatchObject({ status: 'invalid' });
    expect(formatProblem(loaded.problems.find((p) => p.keyPath === 'permissions.allow[1]')!)).toBe(`${file}: permissions.allow[1]: rule "Bash(" must end with ")": write Tool(specifier)`);
    expect(base.trusted).toBe(true);
  });

  it('warns about unknown keys and unknown hook events but applies the file', () => {
    const { load } = setup({ user: { includeCoAuthoredBy: false, permissions: { allow: ['Read'], somethingNew: 1 }, hooks: { FutureEvent: [] }, model: 'm' } });
    const loaded = load();
    expect(loaded.problems.map((p) => [p.keyPath, p.severity])).toEqual([
      ['includeCoAuthoredBy', 'warning'],
      ['permissions.somethingNew', 'warning'],
      ['hooks.FutureEvent', 'warning'],
    ]);
    expect(loaded.settings.model).toBe('m');
    expect(loaded.rules.map((r) => r.text)).toEqual(['Read']);
  });

  it('an unparseable file is one problem; the session goes on with the other layers', () => {
    const { load, root } = setup({ user: { model: 'u' }, raw: { 'proj/.wren/settings.json': '{ "model": ' } });
    const loaded = load();
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]).toMatchObject({ file: join(root, 'proj/.wren/settings.json'), keyPath: '', severity: 'error' });
    expect(loaded.problems[0]!.message).toMatch(/invalid JSON/);
    expect(loaded.settings.model).toBe('u');
  });

  it('refuses a settings path that is not a regular file', () => {
    const { load } = setup({ raw: { 'proj/.wren/settings.json/': '' } });
    expect(load().problems[0]!.message).toMatch(/not a regular file/);
  });
});

describe('merging the hierarchy', () => {
  it('rules accumulate from every layer; scalars come from the highest layer', () => {
    const { load } = setup({
      managed: { permissions: { deny: ['WebFetch(domain:evil.net)'] } },
      local: { permissions: { ask: ['Bash(git push:*)'] }, model: 'local-model' },
      project: { permissions: { deny: ['Read(./.env)'], allow: ['Bash(npm test:*)'], defaultMode: 'acceptEdits' }, model: 'project-model', statusLine: { type: 'command', command: 'echo p' } },
      user: { permissions: { allow: ['Read'] }, model: 'user-model', statusLine: { type: 'command', command: 'echo u' }, apiKeyHelper: 'print-key' },
    });
    const loaded = load({ cli: { allowedTools: ['Edit(./src/**),WebSearch'], disallowedTools: ['Bash(rm:*)'] } });
    expect(loaded.rules.map((r) => `${r.behavior} ${r.text} ${r.source.layer}`)).toEqual([
      'deny WebFetch(domain:evil.net) managed',
      'allow Edit(./src/**) cli',
      'allow WebSearch cli',
      'deny Bash(rm:*) cli',
      'ask Bash(git push:*) local',
      'allow Bash(npm test:*) project',
      'deny Read(./.env) project',
      'allow Read user',
    ]);
    expect(loaded.settings.model).toBe('local-model');
    expect(loaded.settings.statusLine).toMatchObject({ command: 'echo p', source: { layer: 'project' } });
    expect(loaded.settings.apiKeyHelper).toMatchObject({ command: 'print-key', source: { layer: 'user' } });
    expect(loaded.settings.permissions.defaultMode).toBe('acceptEdits');
    expect(loaded.layers.find((l) => l.name === 'user')!.contributed).toEqual(
      expect.arrayContaining(['permissions.allow: 1 rule', 'model: user-model (overridden by local)', 'statusLine (overridden by project)']),
    );
  });

  it('env merges per key, hooks accumulate with their source, directories union', () => {
    const { load, root } = setup({
      project: { env: { A: 'project', B: 'project' }, hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'p.sh' }] }] }, permissions: { additionalDirectories: ['../lib'] } },
      user: { env: { A: 'user', C: 'user', N: 1 }, hooks: { PreToolUse: [{ hooks: [{ type: 'command', command: 'u.sh', timeout: 5 }] }] }, permissions: { additionalDirectories: ['/opt/shared'] } },
    });
    const loaded = load();
    expect(loaded.settings.env).toEqual({ A: 'project', B: 'project', C: 'user', N: '1' });
    expect(loaded.settings.hooks['PreToolUse']!.map((m) => [m.hooks[0]!.command, m.source.layer])).toEqual([
      ['p.sh', 'project'],
      ['u.sh', 'user'],
    ]);
    expect(loaded.settings.permissions.additionalDirectories).toEqual([join(root, 'lib'), '/opt/shared']);
  });

  it('--permission-mode beats a project defaultMode; managed beats both', () => {
    const { load } = setup({ project: { permissions: { defaultMode: 'acceptEdits' } } });
    expect(load({ cli: { permissionMode: 'plan' } }).settings.permissions.defaultMode).toBe('plan');
    const managed = setup({ managed: { permissions: { defaultMode: 'default' } }, project: { permissions: { defaultMode: 'acceptEdits' } } });
    expect(managed.load({ cli: { permissionMode: 'acceptEdits' } }).settings.permissions.defaultMode).toBe('default');
  });

  it('bypassPermissions is refused when managed settings disable it, from any layer', () => {
    const { load } = setup({ managed: { permissions: { disableBypassPermissionsMode: 'disable' } }, project: { permissions: { defaultMode: 'bypassPermissions' } } });
    const fromProject = load();
    expect(fromProject.settings.permissions.defaultMode).toBe('default');
    expect(fromProject.settings.permissions.disableBypassPermissionsMode).toBe(true);
    expect(fromProject.notices.join('\n')).toMatch(/bypassPermissions mode \(from .*settings\.json\) refused/);
    const fromCli = load({ cli: { permissionMode: 'bypassPermissions' } });
    expect(fromCli.settings.permissions.defaultMode).toBe('default');
    expect(fromCli.notices.join('\n')).toMatch(/refused/);
  });

  it('--settings takes a file or inline JSON; an invalid one is skipped whole', () => {
    const { load, root } = setup({ raw: { 'extra.json': json({ model: 'from-file', permissions: { deny: ['Bash(curl:*)'] } }) } });
    const fromFile = load({ cli: { settings: join(root, 'extra.json') } });
    expect(fromFile.settings.model).toBe('from-file');
    expect(fromFile.rules.map((r) => r.text)).toContain('Bash(curl:*)');
    expect(load({ cli: { settings: '{"model":"inline"}' } }).settings.model).toBe('inline');
    const invalid = load({ cli: { settings: '{"model": 3, "permissions": {"allow": ["Read"]}}' } });
    expect(invalid.problems.map((p) => [p.file, p.keyPath])).toEqual([['--settings', 'model']]);
    expect(invalid.rules).toEqual([]);
    expect(load({ cli: { settings: join(root, 'missing.json') } }).problems[0]!.message).toMatch(/does not exist/);
  });

  it('a wrong command-line flag is fatal, so the CLI stops instead of running with fewer denies', () => {
    const { load } = setup({});
    const loaded = load({ cli: { disallowedTools: ['Bash(rm:*) WebFetch(evil.net)'], permissionMode: 'fast' } });
    expect(loaded.fatal).toBe(true);
    expect(loaded.problems.map((p) => `${p.file}:${p.keyPath}`)).toEqual(['--disallowedTools:[1]', '--permission-mode:']);
    expect(loaded.rules.map((r) => r.text)).toEqual(['Bash(rm:*)']);
  });
});

describe('MCP servers and project-only policy', () => {
  it('a project cannot approve its own servers; user settings can', () => {
    const mcp = { mcpServers: { fs: { command: 'npx', args: ['fs-server'] }, api: { type: 'http', url: 'https://mcp.example.com' } } };
    const selfApproved = setup({ mcp, project: { enableAllProjectMcpServers: true, enabledMcpjsonServers: ['fs'] } }).load();
    expect(selfApproved.mcpServers.map((s) => [s.name, s.approved])).toEqual([
      ['fs', false],
      ['api', false],
    ]);
    expect(selfApproved.problems.filter((p) => p.severity === 'warning').map((p) => p.keyPath)).toEqual(['enableAllProjectMcpServers', 'enabledMcpjsonServers']);
    const approved = setup({ mcp, user: { enabledMcpjsonServers: ['fs'] }, local: { disabledMcpjsonServers: ['api'] } }).load();
    expect(approved.mcpServers.map((s) => [s.name, s.approved])).toEqual([
      ['fs', true],
      ['api', false],
    ]);
  });

  it('an invalid .mcp.json is reported and skipped', () => {
    const loaded = setup({ mcp: { mcpServers: { bad: { type: 'http', url: 'ftp://x' }, worse: { args: [] } } } }).load();
    expect(loaded.mcpServers).toEqual([]);
    expect(loaded.problems.map((p) => p.keyPath)).toEqual(['mcpServers.bad.url', 'mcpServers.worse.command']);
  });
});
