import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, test } from 'vitest';
import { flagsPlugin } from '../../build/flags-plugin.ts';
import { inkPlugin } from '../../build/ink-plugin.ts';
import { FORBIDDEN_STRINGS } from '../../flags/forbidden.ts';
import { mustNotAppear, profileFor } from '../../flags/profiles.ts';
import { FLAGS } from '../../flags/registry.ts';

/*
 * The UI bundles into every target the way the build bundles the CLI (until
 * the entry point imports it, `npm run build` does not reach it): ESM with the
 * require banner, and CommonJS for the native target, where no top-level await
 * may remain. Each bundle must run, and carry no off flag's name or marker.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'wren-ui-bundle-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const BANNER = "import { createRequire as __wrenCreateRequire } from 'node:module'; const require = __wrenCreateRequire(import.meta.url);";

const built = new Map<string, Promise<string>>();

/** Each target is bundled once for all its tests. */
function bundle(target: 'external' | 'native' | 'internal', format: 'esm' | 'cjs'): Promise<string> {
  const key = `${target}-${format}`;
  if (!built.has(key)) built.set(key, bundleOnce(target, format));
  return built.get(key)!;
}

async function bundleOnce(target: 'external' | 'native' | 'internal', format: 'esm' | 'cjs'): Promise<string> {
  const outfile = join(out, `${target}.${format === 'esm' ? 'mjs' : 'cjs'}`);
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['src/ui/index.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22.12',
    format,
    minify: target !== 'internal',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.md': 'text', '.wasm': 'binary' },
    ...(format === 'esm' ? { banner: { js: BANNER } } : {}),
    plugins: [flagsPlugin({ root, flags: FLAGS, profile: profileFor(target, FLAGS), generated: new Map() }), inkPlugin()],
  });
  return outfile;
}

describe.each([
  ['external', 'esm'],
  ['native', 'cjs'],
  ['internal', 'esm'],
] as const)('the UI bundled for %s (%s)', (target, format) => {
  test('builds, loads (ink and yoga initialise), and exports runInteractive', async () => {
    const file = await bundle(target, format);
    const probe = join(out, `probe-${target}.${format === 'esm' ? 'mjs' : 'cjs'}`);
    writeFileSync(probe, format === 'esm'
      ? `const m = await import(${JSON.stringify(file)}); console.log(typeof m.runInteractive);`
      : `const m = require(${JSON.stringify(file)}); console.log(typeof m.runInteractive);`);
    const r = spawnSync(process.execPath, [probe], { encoding: 'utf8', timeout: 20_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('function');
  });

  test('contains no off flag name or marker (and no forbidden string in public targets)', async () => {
    const bytes = readFileSync(await bundle(target, format));
    const leaks = mustNotAppear(target, FLAGS, FORBIDDEN_STRINGS).filter((item) => bytes.includes(item.text)).map((i) => `${i.text} (${i.reason})`);
    expect(leaks).toEqual([]);
    // On flags the UI owns are in: the proof above is not vacuous.
    expect(bytes.includes('-- INSERT --')).toBe(true);
    expect(bytes.includes('statusLine')).toBe(true);
  });
});
