import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Header } from 'tar';
import { DEFAULT_BUDGETS, loadPolicy, REPO_ROOT, type Policy } from '../release/policy.ts';
import { verifyTarball } from '../release/verify.ts';

/*
 * Verification time of the release verifier: the real external tarball (it
 * must take well under a second), and synthetic packages of 15, 30 and 60 MB to
 * show the scan stays linear (time per MB roughly constant). In-process, so
 * the figures are the verifier's own work (gunzip, tar, every rule), not Node's start-up.
 * `node scripts/bench/release-verify.ts`, or part of `npm run bench`.
 */

/** A deterministic, minified-JavaScript-looking file of `bytes` bytes, about 5 % of it base64 blobs to decode. */
function syntheticJs(bytes: number, seed: number): Buffer {
  const words = ['function', 'return', 'const', 'let', 'if', 'else', 'for', 'await', 'async', 'new', 'this', 'null', 'typeof', 'export', 'import'];
  const out = Buffer.alloc(bytes);
  let x = seed;
  const rand = (n: number): number => ((x = (x * 1103515245 + 12345) & 0x7fffffff) % n);
  let at = 0;
  while (at < bytes) {
    const r = rand(1000) / 10;
    let token: string;
    if (r < 0.2) token = `"${Buffer.from(String(rand(1e9)).repeat(30)).toString('base64')}"`;
    else if (r < 5) token = `"https://api.example.com/v${rand(3)}/items/${rand(1000)}"`;
    else if (r < 40) token = `${words[rand(words.length)]} `;
    else if (r < 70) token = `${String.fromCharCode(97 + rand(26))}${rand(100)}`;
    else token = ['(', ')', '{', '}', ';', '=', '.', ',', '+', '\n'][rand(10)]!;
    at += out.write(token, at);
  }
  return out;
}

/** A gzipped npm-shaped tarball of about `megabytes` MB unpacked, in 1 MB files. */
export function syntheticTarball(megabytes: number): { bytes: Buffer; expected: string[] } {
  const blocks: Buffer[] = [];
  const expected: string[] = [];
  const add = (path: string, data: Buffer, mode = 0o644): void => {
    const block = Buffer.alloc(512);
    new Header({ path, mode, size: data.length, type: 'File', mtime: new Date(0), uid: 0, gid: 0 }).encode(block, 0);
    blocks.push(block, data, Buffer.alloc((512 - (data.length % 512)) % 512));
    expected.push(path);
  };
  add('package/package.json', Buffer.from(JSON.stringify({ name: 'wren-code', version: '1.0.0', type: 'module', bin: { wren: 'dist/cli.js' }, files: ['dist/'] })));
  add('package/dist/cli.js', Buffer.from('#!/usr/bin/env node\nimport("./chunk-0.js");\n'), 0o755);
  for (let i = 0; i < megabytes; i++) add(`package/dist/chunk-${i}.js`, syntheticJs(1024 * 1024, i + 1));
  blocks.push(Buffer.alloc(1024));
  return { bytes: gzipSync(Buffer.concat(blocks), { level: 1 }), expected };
}

/** Median of `runs` verifications, in ms. */
async function medianVerifyMs(bytes: Buffer, policy: Policy, runs: number): Promise<{ ms: number; ok: boolean }> {
  let ok = false;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const report = await verifyTarball(bytes, { policy });
    times.push(performance.now() - started);
    ok = report.ok;
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, ok };
}

/** The bench: lines of `name  ms  MB  ms/MB  ratio`, ratios against the smallest synthetic package. */
export async function benchReleaseVerify(): Promise<string[]> {
  const lines: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'wren-bench-verify-'));
  try {
    if (!existsSync(join(REPO_ROOT, 'dist/external/cli.js'))) throw new Error('run `npm run build` first');
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
    const real = readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz'))!));
    await medianVerifyMs(real, loadPolicy('external'), 1); // warm-up: module and regex compilation
    const r = await medianVerifyMs(real, loadPolicy('external'), 15);
    lines.push(`${'real external tarball'.padEnd(30)} ${r.ms.toFixed(1).padStart(8)} ms   ${(real.length / 1024).toFixed(0)} KiB packed   ${r.ok ? 'clean' : 'VIOLATIONS'}`);

    const big = { ...DEFAULT_BUDGETS, maxFileBytes: 1 << 30, maxUnpackedBytes: 1 << 30, maxPackedBytes: 1 << 30 };
    let perMbBase = 0;
    const warm = syntheticTarball(4);
    await medianVerifyMs(warm.bytes, { ...loadPolicy('external', { lockfile: false }), expectedFiles: warm.expected, budgets: big }, 2);
    for (const mb of [15, 30, 60]) {
      const { bytes, expected } = syntheticTarball(mb);
      const policy: Policy = { ...loadPolicy('external', { lockfile: false }), expectedFiles: expected, budgets: big };
      const { ms } = await medianVerifyMs(bytes, policy, 3);
      const perMb = ms / mb;
      if (!perMbBase) perMbBase = perMb;
      lines.push(`${`synthetic ${mb} MB`.padEnd(30)} ${ms.toFixed(1).padStart(8)} ms   ${perMb.toFixed(1)} ms/MB   ${(perMb / perMbBase).toFixed(2)}x per MB vs 15 MB`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

if (import.meta.main) for (const line of await benchReleaseVerify()) process.stdout.write(`${line}\n`);
