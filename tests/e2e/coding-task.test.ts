import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { startFakeApi, text, toolResultsOf, toolUse, type FakeApi, type MessagesBody } from '../support/fake-api/index.ts';
import { testdir } from '../support/testdir.ts';
import { isolatedEnv, runCli } from './support/cli.ts';
import { streamRecord } from './support/output-schemas.ts';

/*
 * A real multi-step coding task through the built CLI: the model reads a
 * small project, fixes a bug with Edit under acceptEdits, runs the project's
 * tests with an allowed Bash rule, and tries an `rm -rf` that is denied.
 */

let api: FakeApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const PROJECT = {
  'package.json': '{ "name": "demo", "type": "module" }\n',
  'src/add.js': 'export function add(a, b) {\n  return a - b;\n}\n',
  'test.js': "import { add } from './src/add.js';\nif (add(2, 3) !== 5) { console.error('FAIL: add(2, 3) = ' + add(2, 3)); process.exit(1); }\nconsole.log('PASS');\n",
  'build/out.txt': 'build output\n',
};

/** The scripted model: one step per request, chosen by how far the conversation has got. */
function model(dir: string) {
  const steps = [
    () => [text('Let me look at the code.'), toolUse('Read', { file_path: join(dir, 'src/add.js') })],
    () => [toolUse('Bash', { command: 'node test.js', description: 'run the tests' })],
    () => [text('add subtracts; fixing it.'), toolUse('Edit', { file_path: join(dir, 'src/add.js'), old_string: 'return a - b;', new_string: 'return a + b;' })],
    () => [toolUse('Bash', { command: 'node test.js', description: 'run the tests again' })],
    () => [toolUse('Bash', { command: 'rm -rf build', description: 'clean up' })],
    () => 'Fixed add() to return a + b; the tests pass. I was not allowed to remove build/, so it is still there.',
  ];
  return (req: { body: MessagesBody }) => steps[req.body.messages.filter((m) => m.role === 'assistant').length]!();
}

test('read, edit and test a small project under acceptEdits, with one denied rm -rf', async () => {
  const dir = testdir(PROJECT);
  api = await startFakeApi(model(dir));
  const r = await runCli(
    ['-p', 'the tests fail; fix the bug', '--permission-mode', 'acceptEdits', '--allowedTools', 'Bash(node test.js)', '--output-format', 'stream-json', '--verbose'],
    { cwd: dir, env: isolatedEnv(dir, api.env) },
  );
  expect(r.code, r.stderr).toBe(0);

  // The fix is on disk, the tests ran before and after it, and build/ survived.
  expect(readFileSync(join(dir, 'src/add.js'), 'utf8')).toBe('export function add(a, b) {\n  return a + b;\n}\n');
  expect(existsSync(join(dir, 'build/out.txt'))).toBe(true);

  const results = api.messageRequests.slice(1).map((req) => toolResultsOf(req.body)[0]!);
  expect(JSON.stringify(results[0]!.content)).toContain('return a - b;');
  expect(JSON.stringify(results[1]!.content)).toContain('FAIL: add(2, 3) = -1');
  expect(results[2]!.is_error).toBeFalsy();
  expect(JSON.stringify(results[3]!.content)).toContain('PASS');
  expect(results[4]!.is_error).toBe(true);
  expect(JSON.stringify(results[4]!.content)).toMatch(/denied/i);

  const records = r.stdout.trim().split('\n').map((line) => streamRecord.parse(JSON.parse(line)));
  const permissions = records.filter((x) => x.type === 'system' && x.subtype === 'permission') as unknown as { tool_name: string; behavior: string }[];
  expect(permissions.map((p) => `${p.tool_name}:${p.behavior}`)).toEqual(['Read:allow', 'Bash:allow', 'Edit:allow', 'Bash:allow', 'Bash:deny']);
  expect(records.at(-1)).toMatchObject({ type: 'result', subtype: 'success' });
});

test('without acceptEdits the same Edit is not made (headless has nobody to ask)', async () => {
  const dir = testdir(PROJECT);
  api = await startFakeApi([
    [toolUse('Read', { file_path: join(dir, 'src/add.js') })],
    [toolUse('Edit', { file_path: join(dir, 'src/add.js'), old_string: 'return a - b;', new_string: 'return a + b;' })],
    'I could not edit the file.',
  ]);
  const r = await runCli(['-p', 'fix the bug'], { cwd: dir, env: isolatedEnv(dir, api.env) });
  expect(r.code).toBe(0);
  expect(readFileSync(join(dir, 'src/add.js'), 'utf8')).toContain('return a - b;');
  expect(toolResultsOf(api.messageRequests[2]!.body)[0]!.is_error).toBe(true);
});
