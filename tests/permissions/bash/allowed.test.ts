import { describe, expect, it } from 'vitest';
import { decideBashCommand, type BashRules } from '../../../src/permissions/bash/index.ts';
import { ALLOWED } from './corpus.ts';
import { BROAD, repeat } from './fixtures.ts';

describe('Bash gate: commands that must be allowed under realistic rules', () => {
  it('has at least 40 cases', () => {
    expect(ALLOWED.length).toBeGreaterThanOrEqual(40);
  });

  for (const [command, fragment] of ALLOWED) {
    it(JSON.stringify(command).slice(0, 120), async () => {
      const decision = await decideBashCommand(command, BROAD);
      expect(decision.behavior, decision.reason).toBe('allow');
      expect(decision.reason).toContain(fragment);
    });
  }
});

describe('Bash gate: read-only commands need no rule', () => {
  const NONE: BashRules = { allow: [], ask: [], deny: [] };
  for (const command of ['ls -la', 'git status', 'git diff --stat', 'git log -p -- src', 'grep -r foo .', 'cat a b | wc -l',
    "find . -name '*.md'", "sed -n '/start/,/end/p' f", 'sort -k2 -t, data.csv', 'pwd', 'git branch --list "feat/*"']) {
    it(command, async () => {
      const decision = await decideBashCommand(command, NONE);
      expect(decision.behavior, decision.reason).toBe('allow');
      expect(decision.reason).toContain('as read-only');
    });
  }

  it('asks for them when read-only auto-approval is off', async () => {
    const decision = await decideBashCommand('ls -la', NONE, { readOnlyAutoAllow: false });
    expect(decision.behavior).toBe('ask');
    expect(decision.reason).toContain('Bash(ls:*)');
  });
});

describe('Bash gate: rule forms', () => {
  const rules = (allow: string[]): BashRules => ({ allow, ask: [], deny: [] });

  it('an exact rule allows exactly that command', async () => {
    const r = rules(['git push origin main']);
    expect((await decideBashCommand('git push origin main', r)).behavior).toBe('allow');
    expect((await decideBashCommand('git  push   "origin" main', r)).behavior).toBe('allow');
    expect((await decideBashCommand('git push origin main --force', r)).behavior).toBe('ask');
    expect((await decideBashCommand('git push origin', r)).behavior).toBe('ask');
  });

  it('an exact rule covers what the command runs, but not redirections', async () => {
    const r = rules([String.raw`find . -name "*.tmp" -exec rm {} \;`]);
    expect((await decideBashCommand(String.raw`find . -name "*.tmp" -exec rm {} \;`, r)).behavior).toBe('allow');
    expect((await decideBashCommand(String.raw`find . -name "*.tmp" -exec rm {} \; > out`, r)).behavior).toBe('ask');
  });

  it('an exact rule allows a hazard it names, a prefix rule does not', async () => {
    const cmd = "git -c core.pager='less -R' log";
    expect((await decideBashCommand(cmd, rules(['git:*']))).behavior).toBe('ask');
    expect((await decideBashCommand(cmd, rules([cmd]))).behavior).toBe('allow');
  });

  it('a lone * allows every command the analyser understands, never what it cannot model', async () => {
    const r = rules(['*']);
    expect((await decideBashCommand('rm -rf build && git -c core.pager=cat log', r)).behavior).toBe('allow');
    expect((await decideBashCommand('eval ls', r)).behavior).toBe('ask');
    expect((await decideBashCommand('ls > out', r)).behavior).toBe('ask');
    expect((await decideBashCommand('cat =(ls)', r)).behavior).toBe('ask');
    expect((await decideBashCommand('rm -rf ~', { allow: ['*'], ask: [], deny: ['rm:*'] })).behavior).toBe('deny');
  });

  it('a whole-line rule with shell syntax matches only that line', async () => {
    const r = rules(['npm ci && npm test']);
    expect((await decideBashCommand('npm ci && npm test', r)).behavior).toBe('allow');
    expect((await decideBashCommand('npm ci && npm test; rm -rf ~', r)).behavior).toBe('ask');
    expect((await decideBashCommand('npm ci', r)).behavior).toBe('ask');
  });

  it('wildcards: * inside a word stays inside the word, a lone * spans words of one command', async () => {
    const r = rules(['npm run test-*', 'git * --help', 'docker compose *']);
    expect((await decideBashCommand('npm run test-unit', r)).behavior).toBe('allow');
    expect((await decideBashCommand('npm run test-unit --coverage', r)).behavior).toBe('ask');
    expect((await decideBashCommand('npm run test-unit; rm -rf ~', r)).behavior).toBe('ask');
    expect((await decideBashCommand('git commit --amend --help', r)).behavior).toBe('allow');
    expect((await decideBashCommand('git commit --amend', r)).behavior).toBe('ask');
    expect((await decideBashCommand('docker compose up -d', r)).behavior).toBe('allow');
    expect((await decideBashCommand('docker compose up && docker run evil', r)).behavior).toBe('ask');
  });

  it('transparent wrappers keep a rule, privilege wrappers need a rule naming them', async () => {
    expect((await decideBashCommand('sudo apt update', rules(['apt update:*']))).behavior).toBe('ask');
    expect((await decideBashCommand('sudo apt update', rules(['sudo apt update:*']))).behavior).toBe('allow');
    // A rule for the wrapper alone does not name the command it runs.
    expect((await decideBashCommand('sudo rm -rf /', rules(['sudo:*']))).behavior).toBe('ask');
    expect((await decideBashCommand('timeout 5 rm -rf ~', rules(['timeout:*']))).behavior).toBe('ask');
  });

  it('writes by redirection follow the checkWrite callback (Edit rules)', async () => {
    const allowWrites = { checkWrite: (path: string) => ({ behavior: path === 'out.txt' ? 'allow' : 'deny', reason: `Edit rules for ${path}` } as const) };
    expect((await decideBashCommand('echo hi > out.txt', BROAD, allowWrites)).behavior).toBe('allow');
    const denied = await decideBashCommand('echo hi > ~/.bashrc', BROAD, allowWrites);
    expect(denied.behavior).toBe('deny');
    expect(denied.reason).toContain('Edit rules for ~/.bashrc');
    expect((await decideBashCommand('echo hi > "$TARGET"', BROAD, allowWrites)).behavior).toBe('ask');
    expect((await decideBashCommand('echo hi > out.txt', BROAD)).behavior).toBe('ask');
  });
});
