import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkSourceTree } from '../../build/check-source.ts';
import { analyseFile, rewriteFlags, type UsageProblem } from '../../build/flag-usage.ts';
import type { FlagDefinition } from '../../flags/types.ts';
import { testdir } from '../support/testdir.ts';

/*
 * Leak fixtures: small fake sources that gate a module the wrong ways. esbuild
 * would keep the gated module in the bundle for each of them; the checker must
 * refuse every one, by name and with the right reason.
 */

const ON = { external: true, internal: true, native: true } as const;
const INTERNAL = { external: false, internal: true, native: false } as const;
const FIXTURE_FLAGS: Record<string, FlagDefinition> = {
  KAIROS: { description: 'daemon', stage: 'unshipped', targets: INTERNAL, requires: [], ownedPaths: ['src/services/kairos'], markers: ['kairos-tick'] },
  BRIEF: { description: 'brief', stage: 'unshipped', targets: INTERNAL, requires: ['KAIROS'], ownedPaths: ['src/services/brief'], markers: ['brief-mode'] },
  HOOKS: { description: 'hooks', stage: 'ga', targets: ON, requires: [], ownedPaths: ['src/hooks'], markers: ['PreToolUse'] },
};

const FEATURE_IMPORT = "import { feature } from '../feature/index.ts';\n";

/** Checks one entry file placed at src/entrypoints/<name> in a project that has the gated modules. */
function check(source: string, name = 'entry.ts', extra: Record<string, string> = {}): UsageProblem[] {
  const root = testdir({
    'src/feature/index.ts': 'export function feature(name: string): boolean { return !!name; }\n',
    'src/services/kairos/index.ts': "export const tick = 'kairos-tick';\n",
    'src/services/brief/index.ts': "export const brief = 'brief-mode';\n",
    'src/hooks/index.ts': "export const hooks = 'PreToolUse';\n",
    [`src/entrypoints/${name}`]: source,
    ...extra,
  });
  return checkSourceTree({ root, flags: FIXTURE_FLAGS }, new Set());
}

const codes = (problems: UsageProblem[]) => problems.map((p) => `${p.code}:${p.flag ?? '-'}`);

describe('leak patterns the checker refuses', () => {
  test('a static import of an owned path from outside', () => {
    const problems = check("import { tick } from '../services/kairos/index.ts';\nconsole.log(tick);\n");
    expect(codes(problems)).toEqual(['static-import-of-gated-module:KAIROS']);
    expect(problems[0]).toMatchObject({ file: 'src/entrypoints/entry.ts', line: 1 });
  });

  test('early-return gating', () => {
    const problems = check(`${FEATURE_IMPORT}export async function run() {\n  if (!feature('KAIROS')) return;\n  await import('../services/kairos/index.ts');\n}\n`);
    expect(codes(problems)).toEqual(['flag-outside-condition:KAIROS', 'ungated-dynamic-import:KAIROS']);
    expect(problems[0]!.message).toContain('negated');
    expect(problems[1]!.line).toBe(4);
  });

  test('aliasing the flag function', () => {
    const problems = check(`${FEATURE_IMPORT}const on = feature;\nif (on('KAIROS')) void import('../services/kairos/index.ts');\n`);
    expect(codes(problems)).toEqual(['feature-aliased:-', 'ungated-dynamic-import:KAIROS']);
  });

  test('importing feature under another name', () => {
    const problems = check("import { feature as f } from '../feature/index.ts';\nif (f('KAIROS')) void 0;\n");
    expect(codes(problems)).toEqual(['feature-aliased:-']);
  });

  test('a namespace import of the flag module', () => {
    expect(codes(check("import * as flags from '../feature/index.ts';\nif (flags.feature('KAIROS')) void 0;\n"))).toEqual(['feature-aliased:-']);
  });

  test('storing a flag in a variable', () => {
    const problems = check(`${FEATURE_IMPORT}const on = feature('KAIROS');\nif (on) void import('../services/kairos/index.ts');\n`);
    expect(codes(problems)).toEqual(['flag-outside-condition:KAIROS', 'ungated-dynamic-import:KAIROS']);
    expect(problems[0]!.message).toContain('stored');
  });

  test('destructuring flags out of an object built from them', () => {
    const problems = check(`${FEATURE_IMPORT}const { kairos } = { kairos: feature('KAIROS') };\nif (kairos) void 0;\n`);
    expect(codes(problems)).toEqual(['flag-outside-condition:KAIROS']);
  });

  test('exporting a flag', () => {
    const problems = check(`${FEATURE_IMPORT}export const KAIROS_ON = feature('KAIROS');\n`);
    expect(codes(problems)).toEqual(['flag-outside-condition:KAIROS']);
  });

  test('passing a flag as an argument', () => {
    const problems = check(`${FEATURE_IMPORT}console.log(feature('KAIROS'));\n`);
    expect(problems[0]).toMatchObject({ code: 'flag-outside-condition', flag: 'KAIROS' });
    expect(problems[0]!.message).toContain('argument');
  });

  test('a barrel re-exporting an owned module', () => {
    const problems = check("export * from '../services/kairos/index.ts';\n", 'index.ts');
    expect(codes(problems)).toEqual(['static-import-of-gated-module:KAIROS']);
  });

  test('re-exporting feature itself', () => {
    expect(codes(check("export { feature } from '../feature/index.ts';\n"))).toEqual(['feature-aliased:-']);
  });

  test('an import() of an owned path outside any gate, or under the wrong flag', () => {
    const problems = check(`${FEATURE_IMPORT}void import('../services/kairos/index.ts');\nif (feature('HOOKS')) void import('../services/brief/index.ts');\n`);
    expect(codes(problems)).toEqual(['ungated-dynamic-import:KAIROS', 'ungated-dynamic-import:BRIEF']);
  });

  test('an unknown flag name, or a name that is not a literal', () => {
    const problems = check(`${FEATURE_IMPORT}const name = 'KAIROS';\nif (feature('KAIRSO')) void 0;\n// @ts-expect-error\nif (feature(name)) void 0;\n`);
    expect(codes(problems)).toEqual(['unknown-flag:KAIRSO', 'flag-name-not-literal:-']);
    expect(problems[0]!.message).toContain('flags/registry.ts');
  });

  test('an unknown flag in a file no entry reaches is still refused', () => {
    const problems = check('export {};\n', 'entry.ts', { 'src/unreached/x.ts': `import { feature } from '../feature/index.ts';\nexport function f() { return feature('NOPE') ? 1 : 2; }\n` });
    expect(problems).toEqual([expect.objectContaining({ code: 'unknown-flag', flag: 'NOPE', file: 'src/unreached/x.ts' })]);
  });
});

describe('patterns the checker accepts', () => {
  test.each([
    ['an if', "if (feature('KAIROS')) { await import('../services/kairos/index.ts'); }"],
    ['a ternary', "const m = feature('KAIROS') ? await import('../services/kairos/index.ts') : undefined;"],
    ['an &&', "const m = feature('KAIROS') && (await import('../services/kairos/index.ts'));"],
    ['an && of two flags in an if', "if (feature('HOOKS') && feature('KAIROS')) await import('../services/kairos/index.ts');"],
    ['a gate by a flag that requires the owner', "if (feature('BRIEF')) await import('../services/kairos/index.ts');"],
    ['type-only imports of owned code', "import type { tick } from '../services/kairos/index.ts';\nexport type T = typeof tick;"],
  ])('%s', (_name, body) => {
    expect(check(`${FEATURE_IMPORT}export async function run() {}\n${body}\n`)).toEqual([]);
  });

  test('owned code may import itself and what its flag requires', () => {
    const problems = check('export {};\n', 'entry.ts', {
      'src/services/brief/extra.ts': "import { tick } from '../kairos/index.ts';\nimport { brief } from './index.ts';\nexport const both = [tick, brief];\n",
    });
    expect(problems).toEqual([]);
  });

  test('but owned code may not statically import a flag it does not require', () => {
    const problems = check('export {};\n', 'entry.ts', { 'src/hooks/extra.ts': "export * from '../services/kairos/index.ts';\n" });
    expect(codes(problems)).toEqual(['static-import-of-gated-module:KAIROS']);
  });
});

describe('the rewrite a build applies', () => {
  test('turns each call into the target literal and drops the feature import', () => {
    const file = join('/project', 'src/entrypoints/entry.ts');
    const text = `${FEATURE_IMPORT}if (feature('KAIROS')) await import('../services/kairos/index.ts');\nconst x = feature('HOOKS') ? 1 : 2;\n`;
    const analysis = analyseFile(file, text, { root: '/project', flags: FIXTURE_FLAGS });
    expect(analysis.problems).toEqual([]);
    const out = rewriteFlags(text, analysis, { KAIROS: false, BRIEF: false, HOOKS: true });
    expect(out).toBe("\nif (false) await import('../services/kairos/index.ts');\nconst x = true ? 1 : 2;\n");
  });
});
