import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeApi, toolUse, type FakeApi } from '../../tests/support/fake-api/index.ts';
import { medianMs, row } from './measure.ts';

/*
 * Headless (`wren -p`) against the fake Messages API with zero delay:
 * - time from process start to the first request on the wire;
 * - end-to-end time of a one-turn answer;
 * - time per tool round trip over a 50-turn scripted session (agent, SDK,
 *   loopback HTTP, the fake API and one small Read per turn);
 * each as a ratio to `node -e 0` measured in the same run.
 */
const cli = fileURLToPath(new URL('../../dist/external/cli.js', import.meta.url));

function runOnce(api: FakeApi, dir: string, prompt: string): Promise<{ totalMs: number; firstRequestMs: number }> {
  const before = api.messageRequests.length;
  const started = Date.now();
  const t0 = performance.now();
  const child = spawn(process.execPath, [cli, '-p', prompt], {
    cwd: dir, stdio: 'ignore',
    env: { ...process.env, ...api.env, HOME: dir, WREN_CONFIG_DIR: join(dir, '.wren') },
  });
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`wren -p exited ${code}`));
      const first = api.messageRequests[before];
      resolve({ totalMs: performance.now() - t0, firstRequestMs: first ? first.receivedAt - started : Number.NaN });
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function benchHeadless(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'wren-bench-'));
  const file = join(dir, 'a.txt');
  writeFileSync(file, 'hello\n');
  const api = await startFakeApi((req) => {
    const prompt = JSON.stringify(req.body.messages[0]);
    const turns = req.body.messages.filter((m) => m.role === 'assistant').length;
    return prompt.includes('loop') && turns < 50 ? [toolUse('Read', { file_path: file })] : 'done';
  });
  try {
    const baseline = medianMs(process.execPath, ['-e', '0'], 15);
    await runOnce(api, dir, 'warm up');
    const single: { totalMs: number; firstRequestMs: number }[] = [];
    for (let i = 0; i < 9; i++) single.push(await runOnce(api, dir, 'one turn'));
    const loops: number[] = [];
    for (let i = 0; i < 3; i++) loops.push((await runOnce(api, dir, 'loop')).totalMs);
    const oneTurn = median(single.map((s) => s.totalMs));
    return [
      row('node -e 0 (baseline)', baseline, baseline),
      row('wren -p: process start -> first request', median(single.map((s) => s.firstRequestMs)), baseline),
      row('wren -p: one-turn answer, end to end', oneTurn, baseline),
      row('per tool round trip (50-turn session)', (median(loops) - oneTurn) / 50, baseline),
    ];
  } finally {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
