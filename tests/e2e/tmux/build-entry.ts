import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { FLAGS } from '../../../flags/registry.ts';
import { profileFor } from '../../../flags/profiles.ts';
import { flagsPlugin } from '../../../build/flags-plugin.ts';
import { inkPlugin } from '../../../build/ink-plugin.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Bundles the scripted entry (runInteractive over the fake runtime) the way
 * the build bundles the CLI (flags plugin, ink plugin, ESM with a require
 * banner), into a temp folder. Returns the path of the bundle.
 */
export async function buildScriptedEntry(target: 'internal' | 'external' = 'internal'): Promise<string> {
  const outdir = mkdtempSync(join(tmpdir(), 'wren-tmux-entry-'));
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { entry: 'tests/e2e/tmux/scripted-entry.ts' },
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node22.12',
    format: 'esm',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.md': 'text', '.wasm': 'binary' },
    banner: { js: "import { createRequire as __wrenCreateRequire } from 'node:module'; const require = __wrenCreateRequire(import.meta.url);" },
    plugins: [flagsPlugin({ root, flags: FLAGS, profile: profileFor(target, FLAGS), generated: new Map() }), inkPlugin()],
  });
  return join(outdir, 'entry.js');
}
