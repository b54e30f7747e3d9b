import { describe, expect, it } from 'vitest';
import { decideBashCommand, listBashCommands, suggestBashRules, type BashRules } from '../../../src/permissions/bash/index.ts';

const NONE: BashRules = { allow: [], ask: [], deny: [] };

describe('suggestions for "allow always"', () => {
  it('suggests a prefix naming the program and its subcommand', async () => {
    expect(await suggestBashRules('npm test -- --watch=false')).toEqual(['npm test:*']);
    expect(await suggestBashRules('npm run build --prod')).toEqual(['npm run build:*']);
    expect(await suggestBashRules('git push origin main')).toEqual(['git push:*']);
    expect(await suggestBashRules('make -j4')).toEqual(['make:*']);
    expect(await suggestBashRules('pytest tests/unit')).toEqual(['pytest:*']);
  });

  it('suggests one rule per command that is not allowed yet, skipping read-only ones and duplicates', async () => {
    expect(await suggestBashRules('ls && npm ci && npm test && npm test -- -u | grep x')).toEqual(['npm ci:*', 'npm test:*']);
    expect(await suggestBashRules('npm ci && npm test', { allow: ['npm ci:*'], ask: [], deny: [] })).toEqual(['npm test:*']);
  });

  it('suggests the inner command through transparent wrappers, the whole command through sudo', async () => {
    expect(await suggestBashRules('timeout 60 npm test')).toEqual(['npm test:*']);
    expect(await suggestBashRules('sudo apt update')).toEqual(['sudo apt update:*']);
    expect(await suggestBashRules("bash -c 'npm test && npm run lint'")).toEqual(['npm test:*', 'npm run lint:*']);
  });

  it('suggests the exact command for programs where a prefix grants too much, quoting as needed', async () => {
    expect(await suggestBashRules('rm -rf build')).toEqual(['rm -rf build']);
    expect(await suggestBashRules("python3 -c 'print(1)'")).toEqual(["python3 -c 'print(1)'"]);
    expect(await suggestBashRules("git -c core.pager='less -R' log")).toEqual(["git -c 'core.pager=less -R' log"]);
  });

  it('suggests nothing a rule could not allow', async () => {
    expect(await suggestBashRules('eval ls')).toEqual([]);
    expect(await suggestBashRules('npm test > out.txt')).toEqual([]);
    expect(await suggestBashRules('FOO=1 npm test')).toEqual([]);
    expect(await suggestBashRules('$CMD test')).toEqual([]);
    expect(await suggestBashRules('cat =(ls)')).toEqual([]);
  });

  it('every suggestion, once added, allows the command (and nothing chained after it)', async () => {
    for (const command of ['npm test -- --ci', 'npm run build', 'git push origin main', 'sudo apt update', 'rm -rf build',
      "git -c core.pager='less -R' log", 'ls && npm ci && npm test', 'timeout 60 cargo build --release', "bash -c 'make && make test'"]) {
      const suggestions = await suggestBashRules(command);
      expect(suggestions.length, command).toBeGreaterThan(0);
      const rules: BashRules = { allow: suggestions, ask: [], deny: [] };
      expect((await decideBashCommand(command, NONE)).behavior, command).toBe('ask');
      expect((await decideBashCommand(command, rules)).behavior, command).toBe('allow');
      expect((await decideBashCommand(`${command}; touch pwned`, rules)).behavior, command).toBe('ask');
    }
  });

  it('the ask reason names the rule to add', async () => {
    const decision = await decideBashCommand('git status && npm test', NONE);
    expect(decision.behavior).toBe('ask');
    expect(decision.reason).toContain("'npm test' is not allowed by any Bash rule; to allow it, add Bash(npm test:*)");
  });
});

describe('listing the commands of a line', () => {
  it('lists every command with its argv, prefix, suggestion and read-only flag', async () => {
    const list = await listBashCommands('timeout 9 npm test -- $ARGS && git status | grep -c x');
    expect(list).toEqual([
      { text: 'timeout 9 npm test -- $ARGS', origin: 'top', argv: ['npm', 'test', '--', null], prefix: ['npm', 'test'],
        suggestedRule: 'npm test:*', readOnly: false },
      { text: 'git status', origin: 'top', argv: ['git', 'status'], prefix: ['git', 'status'], suggestedRule: 'git status:*', readOnly: true },
      { text: 'grep -c x', origin: 'top', argv: ['grep', '-c', 'x'], prefix: ['grep'], suggestedRule: 'grep:*', readOnly: true },
    ]);
  });
});
