import { describe, expect, it } from 'vitest';
import { decideBashCommand, type BashRules } from '../../../src/permissions/bash/index.ts';
import { TECHNIQUES } from './corpus.ts';

const all = TECHNIQUES.flatMap((t) => t.cases.map((c) => ({ technique: t.name, rules: t.rules, case: c })));

describe('Bash gate corpus: never auto-allowed', () => {
  it('holds at least 150 commands', () => {
    expect(all.length).toBeGreaterThanOrEqual(150);
  });

  for (const technique of TECHNIQUES) {
    describe(technique.name, () => {
      for (const c of technique.cases) {
        const [command, fragment] = typeof c === 'string' ? [c, ''] : c;
        it(JSON.stringify(command).slice(0, 120), async () => {
          const decision = await decideBashCommand(command, technique.rules);
          expect(decision.behavior, decision.reason).not.toBe('allow');
          expect(decision.reason).toContain(fragment);
        });
      }
    });
  }
});
