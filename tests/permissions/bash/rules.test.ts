import { describe, expect, it } from 'vitest';
import { analyseBashCommand, parseBashRule } from '../../../src/permissions/bash/index.ts';
import { matchRule } from '../../../src/permissions/bash/rules.ts';

/** The argv of the only command of `command`, parsed for real. */
async function argv(command: string) {
  const analysis = await analyseBashCommand(command);
  expect(analysis.commands).toHaveLength(1);
  return analysis.commands[0]!.views[0]!.argv;
}

async function match(rule: string, command: string) {
  return matchRule(parseBashRule(rule), await argv(command)).result;
}

describe('Bash rules: parsing', () => {
  it('recognises prefix, exact, wildcard, whole-line and invalid rules', () => {
    expect(parseBashRule('npm test:*').kind).toBe('prefix');
    expect(parseBashRule('git status').kind).toBe('pattern');
    expect(parseBashRule('npm run *').kind).toBe('pattern');
    expect(parseBashRule('npm ci && npm test')).toMatchObject({ kind: 'text', text: 'npm ci && npm test' });
    expect(parseBashRule('npm ci && npm test:*')).toMatchObject({ kind: 'invalid' });
    expect(parseBashRule(':*')).toMatchObject({ kind: 'invalid', error: 'the rule is empty' });
    expect(parseBashRule("git commit -m 'x")).toMatchObject({ kind: 'invalid', error: 'the rule has an unclosed quote' });
  });

  it('an invalid rule matches nothing', async () => {
    expect(await match("git commit -m 'x", "git commit -m 'x")).toBe('no');
  });
});

describe('Bash rules: matching parsed words', () => {
  it('prefix rules match whole words only', async () => {
    expect(await match('npm test:*', 'npm test')).toBe('yes');
    expect(await match('npm test:*', 'npm test -- --coverage')).toBe('yes');
    expect(await match('npm test:*', 'npm testify')).toBe('no');
    expect(await match('npm test:*', 'npm tes')).toBe('no');
    expect(await match('npm test:*', 'npm')).toBe('no');
    expect(await match('git:*', 'gitk')).toBe('no');
  });

  it('quotes and escapes are removed before matching, in the command and in the rule', async () => {
    expect(await match('npm test:*', '"npm" \'test\'')).toBe('yes');
    expect(await match('npm test:*', 'n"p"m te\\st')).toBe('yes');
    expect(await match('git commit -m "wip now":*', "git commit -m 'wip now' --amend")).toBe('yes');
    expect(await match('git commit -m "wip now":*', 'git commit -m wip now')).toBe('no');
    // A rule word with a space is one word; the command must have it as one word too.
    expect(await match("'npm test':*", 'npm test')).toBe('no');
  });

  it('a word computed at run time gives maybe, never yes', async () => {
    expect(await match('git push:*', 'git $SUB')).toBe('maybe');
    expect(await match('git push:*', 'git "$PUSH" origin')).toBe('maybe');
    expect(await match('rm -rf:*', 'rm $FLAGS /')).toBe('maybe');
    // An unquoted expansion may vanish: `git push $EMPTY` can run as `git push`.
    expect(await match('git push', 'git push $EMPTY')).toBe('maybe');
    expect(await match('npm test:*', 'npm $X')).toBe('maybe');
    expect(await match('ls:*', 'cat $X')).toBe('no');
  });

  it('glob words are not literal: ls *.ts is not exactly `ls a.ts`', async () => {
    expect(await match('ls a.ts', 'ls *.ts')).toBe('maybe');
    expect(await match('ls:*', 'ls *.ts')).toBe('yes');
  });

  it('wildcards', async () => {
    expect(await match('npm run test-*', 'npm run test-unit')).toBe('yes');
    expect(await match('npm run test-*', 'npm run test-')).toBe('yes');
    expect(await match('npm run test-*', 'npm run build')).toBe('no');
    expect(await match('npm run test-*', 'npm run test-unit --watch')).toBe('no');
    expect(await match('npm run test-*:*', 'npm run test-unit --watch')).toBe('yes');
    expect(await match('git * --help', 'git commit --help')).toBe('yes');
    expect(await match('git * --help', 'git --help')).toBe('yes');
    expect(await match('git * --help', 'git commit --amend')).toBe('no');
    expect(await match("echo '*'", 'echo "*"')).toBe('yes');
    expect(await match("echo '*'", 'echo hi')).toBe('no');
    expect(await match('*', 'anything at all')).toBe('yes');
  });

  it('reports how many words the rule itself names', async () => {
    const words = await argv('sudo npm test --ci');
    expect(matchRule(parseBashRule('sudo npm test:*'), words)).toEqual({ result: 'yes', consumed: 3 });
    expect(matchRule(parseBashRule('sudo:*'), words)).toEqual({ result: 'yes', consumed: 1 });
  });
});
