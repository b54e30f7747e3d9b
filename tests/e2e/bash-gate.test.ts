import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { BashRules } from '../../src/permissions/bash/index.ts';
import { ALLOWED, TECHNIQUES } from '../permissions/bash/corpus.ts';
import { BROAD } from '../permissions/bash/fixtures.ts';
import { startFakeApi, toolUse, type FakeApi } from '../support/fake-api/index.ts';
import { testdir } from '../support/testdir.ts';
import { isolatedEnv, runCli } from './support/cli.ts';

/*
 * The Bash-gate corpus through the built external CLI: one headless session
 * per rule set, in which the scripted model asks for every corpus command in
 * one turn, with the rules given as --allowedTools. The gate's decision for
 * each call is read from the stream-json permission records.
 *
 * Safety net, in case the gate ever fails: the commands run with an empty
 * PATH in a throwaway HOME, so nothing but shell builtins could run.
 */

let api: FakeApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function decisionsFor(commands: readonly string[], rules: BashRules): Promise<Map<string, string>> {
  const dir = testdir({ 'README.md': '# corpus\n' });
  const emptyBin = join(dir, 'empty-bin');
  mkdirSync(emptyBin);
  api = await startFakeApi([
    commands.map((command, i) => toolUse('Bash', { command, description: `case ${i}` }, { id: `toolu_case_${i}` })),
    'done',
  ]);
  const allowed = rules.allow.map((spec) => `Bash(${spec})`);
  const r = await runCli(
    ['-p', 'run the corpus', '--output-format', 'stream-json', '--verbose', ...allowed.flatMap((rule) => ['--allowedTools', rule])],
    { cwd: dir, env: isolatedEnv(dir, { ...api.env, PATH: emptyBin }), timeoutMs: 120_000 },
  );
  expect(r.code, r.stderr).toBe(0);
  const decisions = new Map<string, string>();
  for (const line of r.stdout.trim().split('\n')) {
    const record = JSON.parse(line) as { type: string; subtype?: string; tool_use_id?: string; behavior?: string };
    if (record.type === 'system' && record.subtype === 'permission') decisions.set(record.tool_use_id!, record.behavior!);
  }
  expect(readdirSync(dir).filter((f) => f.startsWith('pwned'))).toEqual([]);
  return decisions;
}

describe('the Bash gate on the built CLI', () => {
  const byRules = new Map<BashRules, string[]>();
  for (const technique of TECHNIQUES) {
    const list = byRules.get(technique.rules) ?? [];
    for (const c of technique.cases) list.push(typeof c === 'string' ? c : c[0]);
    byRules.set(technique.rules, list);
  }

  test.each([...byRules.entries()].map(([rules, commands]) => [rules.allow.join(' '), rules, commands] as const))(
    'no corpus command is auto-allowed under allow rules %s',
    async (_name, rules, commands) => {
      const decisions = await decisionsFor(commands, rules);
      expect(decisions.size).toBe(commands.length);
      const allowed = commands.filter((_, i) => decisions.get(`toolu_case_${i}`) === 'allow');
      expect(allowed).toEqual([]);
    },
  );

  test('the commands that must be allowed are allowed', async () => {
    const commands = ALLOWED.map(([command]) => command);
    const decisions = await decisionsFor(commands, BROAD);
    const refused = commands.filter((_, i) => decisions.get(`toolu_case_${i}`) !== 'allow');
    expect(refused).toEqual([]);
  });
});
