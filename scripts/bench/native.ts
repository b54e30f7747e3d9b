import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildNativeBinary } from '../../build/native/native-build.ts';
import { hostPlatform } from '../../build/native/platforms.ts';
import { formatBytes } from '../../build/report.ts';
import { readPublicKey } from '../release/native/keys.ts';
import { startFakeApi } from '../../tests/support/fake-api/index.ts';
import { medianMs, row } from './measure.ts';

/*
 * The native binary against the npm build and bare Node, as ratios to
 * `node -e 0` measured in the same run, plus its size (raw and gzipped: what
 * a user downloads). It also builds a variant without V8 code cache into a
 * temp folder, so the code-cache choice stays measured rather than assumed.
 * Needs `npm run build` and `node build/native/build-sea.ts` first.
 */
export async function benchNative(): Promise<string[]> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const host = hostPlatform();
  if (!host) return [`no native platform for ${process.platform}-${process.arch}`];
  const binary = join(root, 'dist', 'bin', host.id, host.exe);
  const external = join(root, 'dist', 'external', 'cli.js');
  if (!existsSync(binary)) throw new Error(`${binary} is missing: run node build/native/build-sea.ts first`);
  if (!existsSync(external)) throw new Error('dist/external/cli.js is missing: run npm run build first');

  const scratch = mkdtempSync(join(tmpdir(), 'wren-bench-native-'));
  try {
    const noCache = join(scratch, host.exe);
    await buildNativeBinary({
      root, bundle: join(root, 'dist', 'native', 'cli.js'), platform: host, out: noCache, publicKeyPem: readPublicKey(), useCodeCache: false,
    });
    const env = { ...process.env, HOME: scratch, DISABLE_AUTOUPDATER: '1' }; // no background check during the bench
    const node = process.execPath;
    const baseline = medianMs(node, ['-e', '0'], 15, env);
    const size = statSync(binary).size;
    const gz = gzipSync(readFileSync(binary), { level: 6 }).length;
    return [
      row('node -e 0 (baseline)', baseline, baseline),
      row('npm build: node dist/external/cli.js --version', medianMs(node, [external, '--version'], 15, env), baseline),
      row('binary: wren --version', medianMs(binary, ['--version'], 15, env), baseline),
      row('binary without code cache: wren --version', medianMs(noCache, ['--version'], 15, env), baseline),
      row('npm build: node dist/external/cli.js --help', medianMs(node, [external, '--help'], 15, env), baseline),
      row('binary: wren --help', medianMs(binary, ['--help'], 15, env), baseline),
      row('binary without code cache: wren --help', medianMs(noCache, ['--help'], 15, env), baseline),
      `${'binary size'.padEnd(44)} ${formatBytes(size)} (${formatBytes(gz)} gzipped)`,
      ...(await headlessRows([['npm build', node, [external]], ['binary', binary, []]], scratch)),
    ];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * `wren -p` against the fake Messages API on 127.0.0.1: time from spawn to the
 * first request on the wire, and to exit (medians of 7). Headless mode belongs
 * to another subsystem: a failure is reported as a row, not thrown.
 */
async function headlessRows(artifacts: [string, string, string[]][], home: string): Promise<string[]> {
  const rows: string[] = [];
  for (const [name, command, prefix] of artifacts) {
    const first: number[] = [];
    const total: number[] = [];
    for (let i = 0; i < 8; i++) {
      const api = await startFakeApi(['Done.']);
      try {
        const env = { PATH: process.env['PATH'] ?? '', HOME: home, DISABLE_AUTOUPDATER: '1', ANTHROPIC_BASE_URL: api.url, ANTHROPIC_API_KEY: 'sk-bench-fake' };
        const started = Date.now();
        const t0 = performance.now();
        const r = await runAsync(command, [...prefix, '-p', 'say done'], env, home);
        if (r.code !== 0) return [...rows, `headless (${name}): failed, exit ${r.code}: ${r.stderr.split('\n')[0]}`];
        if (i === 0) continue; // warm-up
        total.push(performance.now() - t0);
        first.push((api.requests[0]?.receivedAt ?? Number.NaN) - started);
      } finally {
        await api.close();
      }
    }
    rows.push(`${`headless ${name}: first request / exit`.padEnd(44)} ${median(first).toFixed(1).padStart(8)} ms / ${median(total).toFixed(1)} ms`);
  }
  return rows;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function runAsync(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchNative()) process.stdout.write(`${line}\n`);
}
