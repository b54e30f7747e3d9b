import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, expect, test } from 'vitest';
import { startFakeApi, type FakeApi } from '../support/fake-api/index.ts';
import { testdir } from '../support/testdir.ts';
import { isolatedEnv, runCli } from './support/cli.ts';

/*
 * What the built CLI loads for each kind of run, recorded by a module hook:
 * `--version` loads nothing heavy, and headless (`-p`) never loads React or ink.
 */

let api: FakeApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

/** Runs the CLI with a preload that logs every module file it loads; returns their contents. */
async function loadedModules(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<{ files: string[]; code: string }> {
  const dir = testdir({});
  const log = join(dir, 'loaded.txt');
  const preload = join(dir, 'record-loads.mjs');
  writeFileSync(preload, `import { registerHooks } from 'node:module';
import { appendFileSync } from 'node:fs';
registerHooks({ load(url, context, next) { if (url.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context); } });
`);
  writeFileSync(log, '');
  const r = await runCli(args, { cwd: dir, env: isolatedEnv(dir, { ...extraEnv, NODE_OPTIONS: `--import ${pathToFileURL(preload).href}` }) });
  expect(r.code, r.stderr).toBe(0);
  const files = readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((url) => fileURLToPath(url)).filter((f) => !f.endsWith('record-loads.mjs'));
  return { files, code: files.map((f) => readFileSync(f, 'utf8')).join('\n') };
}

test('--version loads only the entry and the build info', async () => {
  const { files, code } = await loadedModules(['--version']);
  expect(files.length).toBeLessThanOrEqual(3);
  expect(code.length).toBeLessThan(20_000);
  expect(code).not.toContain('anthropic-version');
  expect(code).not.toContain('commander');
});

test('headless never loads React or ink', async () => {
  api = await startFakeApi(['An answer.']);
  const { files, code } = await loadedModules(['-p', 'hi'], api.env);
  expect(files.length).toBeGreaterThan(3);
  // Strings only React and ink's layout engine contain.
  expect(code).not.toContain('react.transitional.element');
  expect(code).not.toContain('yogaNode');
  expect(code).toContain('anthropic-version');
});

test('the interactive UI does load them (so the check above can fail)', () => {
  const chunks = join(fileURLToPath(new URL('../../dist/external/chunks', import.meta.url)));
  const all = readdirSync(chunks).map((f) => readFileSync(join(chunks, f), 'utf8')).join('\n');
  expect(all).toContain('react.transitional.element');
  expect(all).toContain('yogaNode');
});
