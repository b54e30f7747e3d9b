import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRule, PermissionEngine, type PermissionDecision, type PermissionRule } from '../../../src/permissions/index.ts';
import { decideBashCommand, type BashRules } from '../../../src/permissions/bash/index.ts';
import { TECHNIQUES } from './corpus.ts';

const all = TECHNIQUES.flatMap((t) => t.cases.map((c) => ({ technique: t.name, rules: t.rules, case: c })));

/** A project folder (README.md, .home/) and a home outside it, for the techniques the engine refuses. */
let tmp: string;
beforeAll(() => {
  tmp = realpathSync(mkdtempSync(join(tmpdir(), 'wren-corpus-')));
  mkdirSync(join(tmp, 'project', '.home'), { recursive: true });
  mkdirSync(join(tmp, 'home'));
  writeFileSync(join(tmp, 'project', 'README.md'), '# corpus\n');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The CLI's gate: an engine whose allow rules are the technique's, in the default mode. */
function engineDecision(command: string, rules: BashRules): Promise<PermissionDecision> {
  const toRule = (spec: string): PermissionRule => {
    const parsed = parseRule(`Bash(${spec})`);
    if (!parsed.ok) throw new Error(parsed.message);
    return { ...parsed.rule, behavior: 'allow', source: { layer: 'cli', root: join(tmp, 'project') } };
  };
  const engine = new PermissionEngine({
    cwd: join(tmp, 'project'),
    rules: rules.allow.map(toRule),
    protectedLocations: { configDir: join(tmp, 'home', '.wren') },
    home: join(tmp, 'home'),
  });
  return engine.decide('Bash', { command });
}

describe('Bash gate corpus: never auto-allowed', () => {
  it('holds at least 150 commands', () => {
    expect(all.length).toBeGreaterThanOrEqual(150);
  });

  for (const technique of TECHNIQUES) {
    describe(technique.name, () => {
      for (const c of technique.cases) {
        const [command, fragment] = typeof c === 'string' ? [c, ''] : c;
        it(JSON.stringify(command).slice(0, 120), async () => {
          const decision = technique.engine ? await engineDecision(command, technique.rules) : await decideBashCommand(command, technique.rules);
          expect(decision.behavior, decision.reason).not.toBe('allow');
          expect(decision.reason).toContain(fragment);
        });
      }
    });
  }
});
