import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { describe, expect, test } from 'vitest';
import { runBuild } from '../../build/run-build.ts';
import { proveTarget, sourceReferences } from '../../build/prove.ts';
import type { BuildTarget } from '../../build/targets.ts';
import type { FlagDefinition } from '../../flags/types.ts';
import { testdir } from '../support/testdir.ts';

/*
 * The dead-code proof on fixture projects: the same build code as `npm run
 * build`, over a two-flag registry, so each way a proof can fail is shown to fail.
 */

const FLAGS: Record<string, FlagDefinition> = {
  HOOKS: { description: 'hooks', stage: 'ga', targets: { external: true, internal: true, native: true }, requires: [], ownedPaths: ['src/hooks'], markers: ['PreToolUse'] },
  KAIROS: { description: 'daemon', stage: 'unshipped', targets: { external: false, internal: true, native: false }, requires: [], ownedPaths: ['src/kairos'], markers: ['kairos-tick'] },
};

const TARGETS: BuildTarget[] = [
  { name: 'external', entry: 'src/cli.ts', format: 'esm', splitting: true, sourcemap: false, minify: true, public: true },
  { name: 'internal', entry: 'src/cli.ts', format: 'esm', splitting: true, sourcemap: 'linked', minify: false, public: false },
];

const GOOD_CLI = `import { feature } from './feature/index.ts';
export async function main(): Promise<string[]> {
  const names: string[] = [];
  if (feature('HOOKS')) names.push((await import('./hooks/index.ts')).name);
  if (feature('KAIROS')) names.push((await import('./kairos/index.ts')).name);
  return names;
}
void main();
`;

function project(files: Record<string, string> = {}): string {
  return testdir({
    'src/feature/index.ts': 'export function feature(name: string): boolean { return name.length > 0; }\n',
    'src/hooks/index.ts': "export const name = 'PreToolUse';\n",
    'src/kairos/index.ts': "export const name = 'kairos-tick';\n",
    'src/cli.ts': GOOD_CLI,
    ...files,
  });
}

async function build(root: string, targets = TARGETS, forbidden: string[] = ['lyrebird']) {
  const out: string[] = [];
  const err: string[] = [];
  const result = await runBuild({
    root, flags: FLAGS, forbidden, targets, version: '1.2.3', smoke: false,
    stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) },
  });
  return { ...result, stdout: out.join(''), stderr: err.join('') };
}

describe('runBuild on fixture projects', () => {
  test('a correctly gated project builds and proves', async () => {
    const root = project();
    const { code, report, stdout } = await build(root);
    expect(code).toBe(0);
    expect(stdout).toMatch(/external\s+esm\s+.*1\/2\s+0\s+pass/);
    const external = report!.targets.find((t) => t.name === 'external')!;
    expect(external.flagsOn).toEqual(['HOOKS']);
    expect(external.gatedBytes['KAIROS']).toBeUndefined();
    expect(external.gatedBytes['HOOKS']).toBeGreaterThan(0);
    expect(report!.targets.find((t) => t.name === 'internal')!.gatedBytes['KAIROS']).toBeGreaterThan(0);
  });

  test("an off flag's marker in ungated code fails, naming the flag, the file and the string", async () => {
    const root = project({ 'src/cli.ts': `${GOOD_CLI}console.log('kairos-tick');\n` });
    const { code, stdout, stderr } = await build(root);
    expect(code).toBe(1);
    expect(stdout).toMatch(/\[external\] off-string-in-output KAIROS: marker of off flag KAIROS: 'kairos-tick' found in dist\/external\/cli\.js/);
    expect(stderr).toContain('a dead-code proof did not hold');
  });

  test("an off flag's name in the output fails", async () => {
    const root = project({ 'src/cli.ts': `${GOOD_CLI}console.log('KAIROS');\n` });
    const { code, stdout } = await build(root);
    expect(code).toBe(1);
    expect(stdout).toContain("name of off flag KAIROS: 'KAIROS' found in dist/external/cli.js");
  });

  test('a forbidden string fails a public target only', async () => {
    const root = project({ 'src/cli.ts': `${GOOD_CLI}console.log('lyrebird');\n` });
    const { code, report } = await build(root);
    expect(code).toBe(1);
    const [external, internal] = report!.targets;
    expect(external!.proof.violations.map((v) => v.text)).toEqual(['lyrebird']);
    expect(internal!.proof.passed).toBe(true);
  });

  test('source maps in a public target fail', async () => {
    const root = project();
    const leaky: BuildTarget[] = [{ ...TARGETS[0]!, sourcemap: 'linked' }];
    const { code, report } = await build(root, leaky);
    expect(code).toBe(1);
    const rules = report!.targets[0]!.proof.violations.map((v) => `${v.rule}:${v.text}`);
    expect(rules).toContain('sourcemap-in-public-output:.map');
    expect(rules).toContain('sourcemap-in-public-output:sourceMappingURL');
  });

  test('an on flag whose gate point is missing fails (no vacuous proof)', async () => {
    const root = project({ 'src/cli.ts': "import { feature } from './feature/index.ts';\nif (feature('HOOKS')) console.log('no import here');\n" });
    const { code, report } = await build(root);
    expect(code).toBe(1);
    const violations = report!.targets.flatMap((t) => t.proof.violations.map((v) => `${v.target}:${v.rule}:${v.flag}`));
    expect(violations).toContain('external:gate-missing:HOOKS');
    expect(violations).toContain('external:marker-missing:HOOKS');
    expect(violations).toContain('internal:marker-missing:KAIROS');
  });

  test('a leaking pattern is refused before anything is built', async () => {
    const root = project({ 'src/cli.ts': "import { feature } from './feature/index.ts';\nif (!feature('KAIROS')) process.exit(0);\nawait import('./kairos/index.ts');\n" });
    const { code, stderr, report } = await build(root);
    expect(code).toBe(1);
    expect(report).toBeUndefined();
    expect(stderr).toContain('src/cli.ts:2: [flag-outside-condition] KAIROS');
    expect(stderr).toContain('src/cli.ts:3: [ungated-dynamic-import] KAIROS');
  });
});

describe('proveTarget, independent of the checker', () => {
  test('sees an off flag that esbuild kept because of early-return gating', async () => {
    // No rewrite, no checker: the pattern esbuild cannot eliminate, built as-is.
    const root = project({ 'src/cli.ts': "const on = Number('0') === 1;\nif (!on) process.exit(0);\nconst m = await import('./kairos/index.ts');\nconsole.log(m.name);\n" });
    const outdir = join(root, 'dist', 'external');
    const result = await esbuild.build({
      absWorkingDir: root, entryPoints: { cli: 'src/cli.ts' }, bundle: true, platform: 'node', format: 'esm',
      outdir, minify: true, metafile: true, logLevel: 'silent',
    });
    const { violations } = proveTarget({ root, target: TARGETS[0]!, outdir, metafile: result.metafile!, flags: FLAGS, forbidden: [] });
    const seen = violations.map((v) => `${v.rule}:${v.flag}:${v.text}`);
    expect(seen).toContain('owned-path-in-bundle:KAIROS:src/kairos');
    expect(seen).toContain('off-string-in-output:KAIROS:kairos-tick');
  });
});

describe('sourceReferences', () => {
  test.each([
    ['//# sourceMappingURL=cli.js.map', 'sourceMappingURL'],
    ['x;//# sourceURL=webpack://app/src/a.ts', '//# sourceURL='],
    ['//@ sourceURL=a.js', '//@ sourceURL='],
    ['/*# sourceURL=src/a.ts */', '/*# sourceURL='],
  ])('finds %s', (code, text) => {
    expect(sourceReferences(Buffer.from(code)).map((f) => f.text)).toContain(text);
  });

  test("ignores a code generator's comment template that names no file", () => {
    expect(sourceReferences(Buffer.from('return `/*# sourceURL=${name} */`;'))).toEqual([]);
  });
});
