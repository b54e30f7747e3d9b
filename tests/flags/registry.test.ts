import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { FLAG_NAMES, FLAGS } from '../../flags/registry.ts';
import { mustNotAppear, offFlags, onFlags } from '../../flags/profiles.ts';
import { FORBIDDEN_STRINGS } from '../../flags/forbidden.ts';
import type { FlagDefinition } from '../../flags/types.ts';
import { validateRegistry } from '../../flags/validate.ts';
import { testdir } from '../support/testdir.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the real registry', () => {
  test('holds the 44 flags of FLAGS.md and passes validation', () => {
    expect(FLAG_NAMES).toHaveLength(44);
    expect(validateRegistry(FLAGS, root)).toEqual([]);
  });

  test('stage counts: 19 ga, 1 native, 20 unshipped, 4 ant', () => {
    const count = (stage: string) => FLAG_NAMES.filter((n) => FLAGS[n].stage === stage).length;
    expect([count('ga'), count('native'), count('unshipped'), count('ant')]).toEqual([19, 1, 20, 4]);
  });

  test('per-target profiles: external 19 on, native 20 on, internal all 44', () => {
    expect(onFlags('external')).toHaveLength(19);
    expect(offFlags('external')).toHaveLength(25);
    expect(onFlags('native')).toHaveLength(20);
    expect(onFlags('internal')).toHaveLength(44);
    expect(onFlags('native')).toContain('NATIVE_AUTO_UPDATE');
    expect(onFlags('external')).not.toContain('NATIVE_AUTO_UPDATE');
  });

  test('mustNotAppear for external names every off flag, its markers and the forbidden strings', () => {
    const texts = mustNotAppear('external').map((m) => m.text);
    for (const name of offFlags('external')) {
      expect(texts).toContain(name);
      for (const marker of FLAGS[name].markers) expect(texts).toContain(marker);
    }
    for (const s of FORBIDDEN_STRINGS) expect(texts).toContain(s);
    expect(mustNotAppear('internal')).toEqual([]);
  });
});

/** A minimal valid registry whose owned paths exist in a temp project. */
function fixture(overrides: Record<string, Partial<FlagDefinition>> = {}): { flags: Record<string, FlagDefinition>; root: string } {
  const base: Record<string, FlagDefinition> = {
    ALPHA: {
      description: 'a ga flag', stage: 'ga', targets: { external: true, internal: true, native: true },
      requires: [], ownedPaths: ['src/alpha'], markers: ['alpha-marker'],
    },
    BETA: {
      description: 'an unshipped flag', stage: 'unshipped', targets: { external: false, internal: true, native: false },
      requires: [], ownedPaths: ['src/beta'], markers: ['beta-marker'],
    },
    GAMMA: {
      description: 'an ant flag', stage: 'ant', targets: { external: false, internal: true, native: false },
      requires: ['BETA'], ownedPaths: ['src/gamma'], markers: ['gamma-marker'],
    },
  };
  const flags = Object.fromEntries(Object.entries(base).map(([name, def]) => [name, { ...def, ...overrides[name] }]));
  const projectRoot = testdir({ 'src/alpha/index.ts': '', 'src/beta/index.ts': '', 'src/gamma/index.ts': '' });
  return { flags, root: projectRoot };
}

describe('registry refusals', () => {
  test('the fixture itself is valid', () => {
    const { flags, root: dir } = fixture();
    expect(validateRegistry(flags, dir)).toEqual([]);
  });

  test('an ant-stage flag on in a public target', () => {
    const { flags, root: dir } = fixture({ GAMMA: { targets: { external: false, internal: true, native: true } } });
    const problems = validateRegistry(flags, dir);
    expect(problems).toContainEqual(expect.objectContaining({ code: 'ant-in-public-target', flag: 'GAMMA' }));
    const problem = problems.find((p) => p.code === 'ant-in-public-target')!;
    expect(problem.message).toContain("'native'");
    expect(problem.fix).toContain('GAMMA.targets.native');
  });

  test('a requires not met in some target', () => {
    const { flags, root: dir } = fixture({
      BETA: { stage: 'ga', targets: { external: true, internal: true, native: true }, requires: ['GAMMA'] },
    });
    const problems = validateRegistry(flags, dir);
    const unmet = problems.filter((p) => p.code === 'requirement-unmet');
    expect(unmet.map((p) => p.message)).toEqual([
      "BETA is on in 'external' but requires GAMMA, which is off there",
      "BETA is on in 'native' but requires GAMMA, which is off there",
    ]);
  });

  test('a requirement that names no flag', () => {
    const { flags, root: dir } = fixture({ ALPHA: { requires: ['ALPHAA'] } });
    expect(validateRegistry(flags, dir)).toContainEqual(expect.objectContaining({ code: 'unknown-requirement', flag: 'ALPHA' }));
  });

  test('an owned path that does not exist', () => {
    const { flags, root: dir } = fixture({ BETA: { ownedPaths: ['src/beta', 'src/not-there'] } });
    const problems = validateRegistry(flags, dir);
    expect(problems).toEqual([expect.objectContaining({ code: 'owned-path-missing', flag: 'BETA' })]);
    expect(problems[0]!.fix).toContain('src/not-there');
  });

  test('an owned path outside src/ or shared by two flags', () => {
    const { flags, root: dir } = fixture({ ALPHA: { ownedPaths: ['flags/x'] }, GAMMA: { ownedPaths: ['src/gamma', 'src/beta/inner'] } });
    const codes = validateRegistry(flags, dir).map((p) => `${p.code}:${p.flag}`);
    expect(codes).toContain('owned-path-outside-src:ALPHA');
    expect(codes).toContain('owned-path-overlap:GAMMA');
  });

  test('a duplicate marker', () => {
    const { flags, root: dir } = fixture({ GAMMA: { markers: ['gamma-marker', 'beta-marker'] } });
    const problems = validateRegistry(flags, dir);
    expect(problems).toEqual([expect.objectContaining({ code: 'duplicate-marker', flag: 'GAMMA' })]);
    expect(problems[0]!.message).toContain("'beta-marker'");
  });

  test('a stage that its target values contradict', () => {
    const { flags, root: dir } = fixture({ BETA: { targets: { external: true, internal: true, native: false } } });
    expect(validateRegistry(flags, dir)).toContainEqual(expect.objectContaining({ code: 'stage-mismatch', flag: 'BETA' }));
  });

  test('a missing target value is a shape error: there are no defaults', () => {
    const { flags, root: dir } = fixture();
    const broken = { ...flags, ALPHA: { ...flags['ALPHA'], targets: { external: true, internal: true } } };
    const problems = validateRegistry(broken, dir);
    expect(problems).toContainEqual(expect.objectContaining({ code: 'invalid-shape', flag: 'ALPHA' }));
    expect(problems[0]!.message).toContain('targets.native');
  });

  test('every problem is reported at once', () => {
    const { flags, root: dir } = fixture({
      GAMMA: { targets: { external: true, internal: true, native: false }, markers: ['alpha-marker'] },
      BETA: { ownedPaths: ['src/nope'] },
    });
    const codes = new Set(validateRegistry(flags, dir).map((p) => p.code));
    expect(codes).toEqual(new Set(['ant-in-public-target', 'requirement-unmet', 'owned-path-missing', 'duplicate-marker']));
  });
});
