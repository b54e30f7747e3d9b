import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermissionEngine, suggestRule, type PermissionMode } from '../../src/permissions/index.ts';
import { createFixture, fakeTool, rulesFrom, toolContext, type Fixture, type RuleSpec } from './engine-fixture.ts';
import { fakeBashAnalyser } from './fake-bash-analyser.ts';

let f: Fixture;
beforeAll(() => {
  f = createFixture();
});
afterAll(() => f.cleanup());

function engine(options: { rules?: readonly RuleSpec[]; mode?: PermissionMode; bypassDisabled?: boolean } = {}) {
  const bash = fakeBashAnalyser();
  const gate = new PermissionEngine({
    cwd: f.ws,
    rules: rulesFrom(options.rules ?? [], f.ws),
    mode: options.mode ?? 'default',
    bypassDisabled: options.bypassDisabled ?? false,
    protectedLocations: { configDir: f.cfg },
    bash,
    home: f.home,
    caseInsensitive: false,
  });
  return { gate, bash };
}

describe('modes', () => {
  it('starts in default when bypassPermissions is disabled, and refuses to switch to it', () => {
    const { gate } = engine({ mode: 'bypassPermissions', bypassDisabled: true });
    expect(gate.mode).toBe('default');
    expect(gate.bypassAllowed).toBe(false);
    const change = gate.setMode('bypassPermissions');
    expect(change).toMatchObject({ ok: false, code: 'BYPASS_DISABLED' });
    expect(gate.mode).toBe('default');
  });

  it('switches modes and decides by the live mode', async () => {
    const { gate } = engine();
    const edit = { file_path: join(f.ws, 'src/a.ts') };
    expect((await gate.decide('Edit', edit)).behavior).toBe('ask');
    expect(gate.setMode('acceptEdits')).toEqual({ ok: true, mode: 'acceptEdits' });
    expect((await gate.decide('Edit', edit)).behavior).toBe('allow');
    expect(gate.setMode('plan').ok).toBe(true);
    expect((await gate.decide('Edit', edit, fakeTool('Edit'))).behavior).toBe('deny');
  });

  it('refuses an unknown mode', () => {
    const { gate } = engine();
    expect(gate.setMode('yolo' as PermissionMode)).toMatchObject({ ok: false, code: 'UNKNOWN_MODE' });
  });
});

describe('subagents', () => {
  it('a child cannot switch above its parent, and follows the parent live', async () => {
    const { gate } = engine({ mode: 'acceptEdits' });
    const child = gate.child({ mode: 'default' });
    expect(child.setMode('bypassPermissions')).toMatchObject({ ok: false, code: 'SUBAGENT_CANNOT_ESCALATE' });
    expect(child.setMode('acceptEdits').ok).toBe(true);
    const edit = { file_path: join(f.ws, 'src/a.ts') };
    expect((await child.decide('Edit', edit)).behavior).toBe('allow');
    gate.setMode('default');
    expect((await child.decide('Edit', edit)).behavior).toBe('ask');
  });

  it('a grandchild is bounded by every ancestor', async () => {
    const { gate } = engine({ rules: [['allow', 'Bash']] });
    const child = gate.child({ rules: rulesFrom([['deny', 'Bash(curl:*)']], f.ws) });
    const grandchild = child.child({ rules: rulesFrom([['allow', 'Bash(curl:*)']], f.ws) });
    expect((await grandchild.decide('Bash', { command: 'curl x' })).behavior).toBe('deny');
    expect((await grandchild.decide('Bash', { command: 'make' })).behavior).toBe('allow');
    expect(grandchild.rules.map((r) => r.text)).toEqual(['Bash', 'Bash(curl:*)', 'Bash(curl:*)']);
  });
});

describe('reasons and sources', () => {
  it('names the deny rule and the file it came from', async () => {
    const { gate } = engine({ rules: [['deny', 'Read(./secrets/**)', 'project']] });
    const d = await gate.decide('Read', { file_path: join(f.ws, 'secrets/key.txt') });
    expect(d).toMatchObject({ behavior: 'deny', source: 'Read(./secrets/**)' });
    expect(d.reason).toContain('project.json (permissions.deny[0])');
  });

  it('says which rule would allow an unmatched call', async () => {
    const { gate } = engine();
    const d = await gate.decide('Bash', { command: 'npm test' });
    expect(d.behavior).toBe('ask');
    const fallback = await gate.decide('WebFetch', { url: 'https://docs.example.com/x' });
    expect(fallback.reason).toContain('WebFetch(domain:docs.example.com)');
  });
});

describe('session rules and the Bash analyser', () => {
  it('an "always allow" answer added for the session allows the next call', async () => {
    const { gate } = engine();
    const input = { file_path: join(f.ws, 'docs/readme.md') };
    expect((await gate.decide('Edit', input)).behavior).toBe('ask');
    gate.addRules(rulesFrom([['allow', 'Edit(./docs/**)', 'session']], f.ws));
    expect((await gate.decide('Edit', input)).behavior).toBe('allow');
  });

  it('passes every layer\'s Bash specifiers, and "*" only for a whole-tool grant', async () => {
    const { gate, bash } = engine({ rules: [['allow', 'Bash(npm test:*)', 'user'], ['deny', 'Bash(rm:*)', 'project'], ['ask', 'Bash(git push:*)', 'local']] });
    await gate.decide('Bash', { command: 'npm test' });
    expect(bash.calls.at(-1)!.rules).toEqual({ allow: ['npm test:*'], ask: ['git push:*'], deny: ['rm:*'] });
    gate.addRules(rulesFrom([['allow', 'Bash', 'session']], f.ws));
    await gate.decide('Bash', { command: 'npm test' });
    expect(bash.calls.at(-1)!.rules.allow).toEqual(['npm test:*', '*']);
  });

  it('checkPath answers for indirect file access (redirections, search results)', async () => {
    const { gate } = engine({ rules: [['deny', 'Edit(./secrets/**)']], mode: 'acceptEdits' });
    expect((await gate.checkPath('edit', join(f.ws, 'secrets/new'))).behavior).toBe('deny');
    expect((await gate.checkPath('edit', join(f.ws, 'src/new.ts'))).behavior).toBe('allow');
    expect((await gate.checkPath('read', join(f.tmp, 'outside/file.txt'))).behavior).toBe('ask');
  });

  it('a tool whose checkPermissions throws fails closed', async () => {
    const { gate } = engine({ mode: 'bypassPermissions' });
    const tool = { ...fakeTool('Lookup'), checkPermissions: async () => Promise.reject(new Error('boom')) };
    const d = await gate.decide('Lookup', {}, tool, toolContext(f.ws));
    expect(d).toMatchObject({ behavior: 'deny' });
    expect(d.reason).toContain('boom');
  });

  it('a symlink loop is denied, not followed forever', async () => {
    const { symlinkSync } = await import('node:fs');
    symlinkSync('loop-b', join(f.tmp, 'loop-a'));
    symlinkSync('loop-a', join(f.tmp, 'loop-b'));
    const { gate } = engine({ mode: 'bypassPermissions' });
    expect((await gate.decide('Read', { file_path: join(f.tmp, 'loop-a/x') })).behavior).toBe('deny');
  });
});

describe('suggestRule', () => {
  it.each([
    ['Bash', { command: 'npm run lint' }, 'Bash(npm run lint)'],
    ['Bash', { command: 'echo (x)' }, 'Bash(<command>)'],
    ['Edit', { file_path: 'src/a.ts' }, 'Edit(./src/a.ts)'],
    ['Read', { file_path: '/etc/hosts' }, 'Read(//etc/hosts)'],
    ['Grep', { pattern: 'x' }, 'Read(./**)'],
    ['WebFetch', { url: 'https://a.example.com/x' }, 'WebFetch(domain:a.example.com)'],
    ['mcp__gh__list', {}, 'mcp__gh__list'],
  ] as const)('%s %j -> %s', (tool, input, expected) => {
    expect(suggestRule(tool, input, '/srv/project')).toBe(expected);
  });
});
