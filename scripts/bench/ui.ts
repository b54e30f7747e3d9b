import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { flagsPlugin } from '../../build/flags-plugin.ts';
import { inkPlugin } from '../../build/ink-plugin.ts';
import { profileFor } from '../../flags/profiles.ts';
import { FLAGS } from '../../flags/registry.ts';
import { medianMs, row } from './measure.ts';

/*
 * The interactive UI's costs (DESIGN.md budgets; issue 7):
 * - launch to an interactive prompt, against `node -e 0`;
 * - the cost of one streamed chunk at turn 10 and at turn 500 of a session:
 *   it must not grow with the conversation (completed turns are in <Static>);
 * - the heap after turn 50 and after turn 500 of the same session: flat.
 * The probe (ui-probe.ts: runInteractive over a scripted runtime, on a fake
 * terminal) is bundled as the build bundles the CLI, and run with --expose-gc.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));

async function bundleProbe(dir: string): Promise<string> {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { probe: 'scripts/bench/ui-probe.ts' },
    outdir: dir,
    bundle: true,
    platform: 'node',
    target: 'node22.12',
    format: 'esm',
    minify: true,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.md': 'text', '.wasm': 'binary' },
    banner: { js: "import { createRequire as __wrenCreateRequire } from 'node:module'; const require = __wrenCreateRequire(import.meta.url);" },
    plugins: [flagsPlugin({ root, flags: FLAGS, profile: profileFor('external', FLAGS), generated: new Map() }), inkPlugin()],
  });
  return join(dir, 'probe.js');
}

function runProbe(probe: string, args: string[]): Record<string, number> {
  const r = spawnSync(process.execPath, ['--expose-gc', probe, ...args], { encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) throw new Error(`ui probe ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, number>;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Report lines for `npm run bench`. `turns` is the session length (500 for the budget). */
export async function benchUi(turns = 500): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'wren-bench-ui-'));
  try {
    const probe = await bundleProbe(dir);
    const baseline = medianMs(process.execPath, ['-e', '0']);
    const launch = median(Array.from({ length: 7 }, () => runProbe(probe, ['launch']).launchMs!));
    const s = runProbe(probe, ['session', String(turns)]);
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    return [
      row('node -e 0 (baseline)', baseline, baseline),
      row('launch to interactive prompt (in-process)', launch, baseline),
      `${'streamed chunk at turn 10 (CPU)'.padEnd(44)} ${s['chunkMsAt10']!.toFixed(3).padStart(8)} ms`,
      `${`streamed chunk at turn ${turns} (CPU)`.padEnd(44)} ${s['chunkMsAtEnd']!.toFixed(3).padStart(8)} ms   ${(s['chunkMsAtEnd']! / s['chunkMsAt10']!).toFixed(2)}x of turn 10`,
      `${'heap after turn 50'.padEnd(44)} ${mb(s['heapAt50']!).padStart(11)}`,
      `${`heap after turn ${turns}`.padEnd(44)} ${mb(s['heapAtEnd']!).padStart(11)}   ${(s['heapAtEnd']! / s['heapAt50']!).toFixed(2)}x of turn 50`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
