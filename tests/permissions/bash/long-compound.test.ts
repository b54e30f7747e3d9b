import { describe, expect, it } from 'vitest';
import { analyseBashCommand, decideBashCommand } from '../../../src/permissions/bash/index.ts';
import { BROAD, DENY, repeat } from './fixtures.ts';

/*
 * SECURITY.md: very long compound commands (50+ subcommands) made a peer's checker give
 * up and fall back to a weaker decision. Here every subcommand is checked, whatever the
 * count, and the decision is the same as for the short form.
 */
const SIXTY = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? `git status` : i % 3 === 1 ? `ls -la dir${i}` : `echo step ${i}`));

describe('Bash gate: long compound commands', () => {
  it('analyses all 60 subcommands of a 60-command line', async () => {
    const analysis = await analyseBashCommand(SIXTY.join(' && '));
    expect(analysis.commands).toHaveLength(60);
    expect(analysis.commands.map((c) => c.text)).toEqual(SIXTY);
  });

  it('allows a 60-command line whose commands are all allowed', async () => {
    for (const joiner of [' && ', '; ', ' || ', '\n', ' | ']) {
      const decision = await decideBashCommand(SIXTY.join(joiner), BROAD);
      expect(decision.behavior, joiner).toBe('allow');
    }
  });

  it('asks when any one of the 60 is not allowed, wherever it sits', async () => {
    for (const at of [0, 1, 29, 58, 59]) {
      const commands = [...SIXTY];
      commands[at] = 'touch pwned';
      const decision = await decideBashCommand(commands.join(' && '), BROAD);
      expect(decision.behavior, `at ${at}`).toBe('ask');
      expect(decision.reason).toContain("'touch pwned'");
    }
  });

  it('denies when the 60th subcommand (or one hidden in a substitution) matches a deny rule', async () => {
    expect((await decideBashCommand(`${SIXTY.slice(0, 59).join('; ')}; rm -rf ~`, DENY)).behavior).toBe('deny');
    expect((await decideBashCommand(`${SIXTY.slice(0, 59).join('; ')}; echo $(rm -rf ~)`, DENY)).behavior).toBe('deny');
  });

  it('keeps checking far beyond 50: 2,000 commands, and 200 nested substitutions', async () => {
    expect((await decideBashCommand(`${repeat('git status', 2000)} && touch pwned`, BROAD)).behavior).toBe('ask');
    expect((await decideBashCommand(repeat('git status', 2000), BROAD)).behavior).toBe('allow');
    const nested = `${'echo $('.repeat(200)}rm -rf ~${')'.repeat(200)}`;
    expect((await decideBashCommand(nested, DENY)).behavior).toBe('deny');
  });
});
