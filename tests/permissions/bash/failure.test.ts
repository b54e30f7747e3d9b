import { describe, expect, it } from 'vitest';
import { analyseBashCommand, BashParseError, decideBashCommand, isReadOnlyCommandAsync } from '../../../src/permissions/bash/index.ts';
import { BROAD, DENY, repeat } from './fixtures.ts';

/** A clock that jumps an hour forward after `calls` readings: every parse budget runs out. */
function jumpingClock(calls = 1): () => number {
  let n = 0;
  return () => (n++ < calls ? 0 : 3_600_000);
}

/** A clock that throws on its second reading, i.e. inside the parser's progress callback. */
function explodingClock(): () => number {
  let n = 0;
  return () => {
    if (n++ > 0) throw new Error('clock exploded');
    return 0;
  };
}

// Long enough that tree-sitter calls its progress callback (it does not for tiny inputs).
const LONG = repeat('git status', 3000);

describe('Bash gate: failures fail closed', () => {
  it('a parse that runs out of time is a typed error', async () => {
    const error = await analyseBashCommand(LONG, { now: jumpingClock() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BashParseError);
    expect((error as BashParseError).code).toBe('PARSE_TIMEOUT');
  });

  it('a parse timeout is ask, never allow and never a weaker decision', async () => {
    const decision = await decideBashCommand(LONG, BROAD, { now: jumpingClock() });
    expect(decision.behavior).toBe('ask');
    expect(decision.reason).toContain('took too long');
    // The same command parses fully with time to spare, and is then allowed.
    expect((await decideBashCommand(LONG, BROAD)).behavior).toBe('allow');
  });

  it('a crash inside the parser is ask, and the parser still works afterwards', async () => {
    const decision = await decideBashCommand(LONG, BROAD, { now: explodingClock() });
    expect(decision.behavior).toBe('ask');
    expect(decision.reason).toContain('could not be analysed');
    expect((await decideBashCommand('git status', BROAD)).behavior).toBe('allow');
    expect((await decideBashCommand('rm -rf ~', DENY)).behavior).toBe('deny');
  });

  it('a failure fails towards a deny rule whose program appears as a word in the command', async () => {
    const denied = await decideBashCommand(`${LONG} && rm -rf build`, DENY, { now: jumpingClock() });
    expect(denied.behavior, denied.reason).toBe('deny');
    expect(denied.source).toBe('Bash(rm:*)');
    expect((await decideBashCommand(`${LONG} && /usr/bin/cu""rl x`, DENY, { now: jumpingClock() })).behavior).toBe('deny');
    // Not a word of its own: `farm`, `rm-tool`, `xcurl` name no denied program.
    const rmAndCurl = { ...DENY, deny: ['rm:*', 'curl:*'] };
    const asked = await decideBashCommand(`${LONG} && farm x && rm-tool && xcurl`, rmAndCurl, { now: jumpingClock() });
    expect(asked.behavior, asked.reason).toBe('ask');
  });

  it('a read-only check that cannot parse says not read-only', async () => {
    expect(await isReadOnlyCommandAsync(LONG, { now: jumpingClock() })).toBe(false);
    expect(await isReadOnlyCommandAsync(LONG)).toBe(true);
  });
});
