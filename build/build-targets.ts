import { execFileSync } from 'node:child_process';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import type { FlagDefinition } from '../flags/types.ts';
import { profileFor } from '../flags/profiles.ts';
import { BUILD_INFO_MODULE, buildInfoSource } from './build-info-module.ts';
import { flagsPlugin } from './flags-plugin.ts';
import { inkPlugin } from './ink-plugin.ts';
import { wasmPlugin } from './wasm-plugin.ts';
import { gatedBytes, listFiles, proveTarget, type Violation } from './prove.ts';
import type { BuildTarget } from './targets.ts';

export interface BuildOptions {
  readonly root: string;
  readonly flags: Readonly<Record<string, FlagDefinition>>;
  readonly forbidden: readonly string[];
  readonly targets: readonly BuildTarget[];
  /** Where `<target>/` folders go; default `<root>/dist`. */
  readonly outRoot?: string;
  readonly version: string;
  /** Run each built CLI's `flags --json` and check it lists exactly the target's on flags. */
  readonly smoke?: boolean;
}

export interface TargetReport {
  readonly name: string;
  readonly format: string;
  readonly files: number;
  readonly bytes: number;
  readonly flagsOn: string[];
  /** On flags whose gated module says it is only a scaffold (read from the built CLI). */
  readonly scaffolds: string[];
  readonly gatedBytes: Record<string, number>;
  readonly metafileInputs: number;
  readonly proof: { readonly passed: boolean; readonly checks: number; readonly violations: Violation[] };
}

export interface BuildReport {
  readonly version: string;
  readonly ok: boolean;
  readonly targets: TargetReport[];
}

/** The shared base of every target; each row of the table only says how it differs. */
const BASE: esbuild.BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node22.12',
  metafile: true,
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'silent',
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Prompts are inlined as strings (wasm, the shell parser, as bytes: wasm-plugin.ts): the artifact stays one folder.
  loader: { '.md': 'text' },
};

/** Gives ESM chunks the `require` that bundled CommonJS modules call for Node builtins. */
const ESM_REQUIRE_BANNER = "import { createRequire as __wrenCreateRequire } from 'node:module'; const require = __wrenCreateRequire(import.meta.url);";

/**
 * CommonJS has no import.meta; bundled ESM code (the shell parser's loader,
 * createRequire(import.meta.url) in libraries) still asks for its URL.
 */
const CJS_IMPORT_META: esbuild.BuildOptions = {
  banner: { js: "const __wrenImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { ...BASE.define, 'import.meta.url': '__wrenImportMetaUrl' },
};

/** Builds every target into `<outRoot>/<name>/`, then proves each one. */
export async function buildTargets(options: BuildOptions): Promise<BuildReport> {
  const outRoot = options.outRoot ?? join(options.root, 'dist');
  const reports: TargetReport[] = [];
  for (const target of options.targets) {
    const outdir = join(outRoot, target.name);
    rmSync(outdir, { recursive: true, force: true });
    const profile = profileFor(target.name, options.flags);
    const result = await esbuild.build({
      ...BASE,
      absWorkingDir: options.root,
      entryPoints: { cli: target.entry },
      outdir,
      format: target.format,
      splitting: target.splitting,
      sourcemap: target.sourcemap,
      minify: target.minify,
      // Bundled CommonJS (signal-exit, used by ink) calls require(): ESM output must provide one.
      ...(target.format === 'esm' ? { banner: { js: ESM_REQUIRE_BANNER } } : CJS_IMPORT_META),
      plugins: [flagsPlugin({
        root: options.root,
        flags: options.flags,
        profile,
        generated: new Map([[BUILD_INFO_MODULE, buildInfoSource(options.version, target.name, options.flags)]]),
      }), inkPlugin(), wasmPlugin()],
    });
    const metafile = result.metafile!; // always present: BASE sets metafile: true
    // The package is "type": "module"; the CommonJS bundle says what it is.
    if (target.format === 'cjs') writeFileSync(join(outdir, 'package.json'), '{ "type": "commonjs" }\n');
    const proof = proveTarget({ root: options.root, target, outdir, metafile, flags: options.flags, forbidden: options.forbidden });
    const flagsOn = Object.keys(profile).filter((name) => profile[name]);
    let scaffolds: string[] = [];
    if (options.smoke) {
      const smoke = smokeFlagsCommand(join(outdir, 'cli.js'), flagsOn, target.name);
      scaffolds = smoke.scaffolds;
      proof.violations.push(...smoke.violations);
    }
    const files = listFiles(outdir);
    reports.push({
      name: target.name,
      format: target.format,
      files: files.length,
      bytes: files.filter((f) => !f.endsWith('.map')).reduce((sum, f) => sum + statSync(f).size, 0),
      flagsOn,
      scaffolds,
      gatedBytes: gatedBytes(metafile, options.flags),
      metafileInputs: Object.keys(metafile.inputs).length,
      proof: { passed: proof.violations.length === 0, checks: proof.checks, violations: proof.violations },
    });
  }
  return { version: options.version, ok: reports.every((r) => r.proof.passed), targets: reports };
}

/** Runs the built CLI's `flags --json`: it must run, and list exactly the on flags. */
function smokeFlagsCommand(cli: string, flagsOn: string[], target: string): { scaffolds: string[]; violations: Violation[] } {
  let listed: { name: string; status: string }[];
  try {
    const out = execFileSync(process.execPath, [cli, 'flags', '--json'], { encoding: 'utf8', timeout: 30_000 });
    listed = (JSON.parse(out) as { flags: { name: string; status: string }[] }).flags;
  } catch (error) {
    return { scaffolds: [], violations: [{ target, rule: 'gate-missing', file: cli, text: 'flags --json',
      message: `the built CLI failed to run 'flags --json': ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` }] };
  }
  const names = listed.map((l) => l.name);
  const violations: Violation[] = [];
  for (const flag of flagsOn.filter((f) => !names.includes(f))) {
    violations.push({ target, rule: 'gate-missing', flag, file: cli, text: flag, message: `${flag} is on but 'wren flags' does not list it: its gated module is not reached` });
  }
  return { scaffolds: listed.filter((l) => l.status === 'scaffold').map((l) => l.name), violations };
}
