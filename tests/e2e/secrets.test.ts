import { join } from 'node:path';
import { realpathSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { credentialOf, startFakeApi, toolResultsOf, toolUse, turn, type FakeApi, type Script } from '../support/fake-api/index.ts';
import { testdir } from '../support/testdir.ts';
import { isolatedEnv, runCli } from './support/cli.ts';

/*
 * Secrets through the built CLI (`wren -p`) against the fake Messages API:
 * the API key never reaches a command the model runs (finding 2), and a Grep
 * over an allowed folder returns nothing from files a Read deny rule covers
 * (finding 4, the reviewer's reproduction).
 */

const KEY = 'sk-ant-SECRET-KEY-123';
const apis: FakeApi[] = [];
afterEach(async () => {
  await Promise.all(apis.splice(0).map((api) => api.close()));
});

async function run(tree: Record<string, string>, script: (dir: string) => Script, args: string[]) {
  const dir = realpathSync(testdir({ 'README.md': '# demo\n', ...tree }));
  const api = await startFakeApi(script(dir), { apiKey: KEY });
  apis.push(api);
  const env = isolatedEnv(dir, { ...api.env, WREN_RETRY_BASE_DELAY_MS: '1' });
  const result = await runCli(['-p', 'go', ...args], { cwd: dir, env });
  const outputs = api.messageRequests.slice(1).map((request) => {
    const content = toolResultsOf(request.body)[0]?.content;
    return typeof content === 'string' ? content : JSON.stringify(content);
  });
  return { dir, api, result, outputs };
}

describe('secrets stay out of what the model can get back', () => {
  test('a Bash command printing $ANTHROPIC_API_KEY prints [] while the API gets the key', async () => {
    // Run as a script, so the test does not hinge on how the Bash gate judges a `$SECRET` word.
    const { api, result, outputs } = await run(
      { 'show-key.sh': 'echo "[$ANTHROPIC_API_KEY]"\n' },
      () => [turn([toolUse('Bash', { command: 'sh show-key.sh' })]), 'done'],
      ['--permission-mode', 'bypassPermissions'],
    );
    expect(result.code, result.stderr).toBe(0);
    expect(outputs[0]).toBe('[]');
    expect(JSON.stringify(api.messageRequests.map((r) => r.body))).not.toContain(KEY);
    expect(credentialOf(api.messageRequests[0]!.headers)).toBe(KEY);
  });

  test("Grep with denied files below the searched folder (the reviewer's case) returns none of their lines", async () => {
    const { dir, result, outputs } = await run(
      { '.env': 'TOKEN=abc\n', 'secret/creds.txt': 'DB_PASSWORD=hunter2\n', 'src/config.txt': 'PASSWORD_FILE=secret/creds.txt\n' },
      () => [turn([toolUse('Grep', { pattern: 'PASSWORD|TOKEN', output_mode: 'content', glob: '**' })]), 'done'],
      ['--disallowedTools', 'Read(./secret/**)', '--disallowedTools', 'Read(.env)'],
    );
    expect(result.code, result.stderr).toBe(0);
    expect(outputs[0]).not.toMatch(/TOKEN=abc|hunter2/);
    // (The isolated HOME lives in the project, so the session's own transcript matches too.)
    expect(outputs[0]!.split('\n')).toContain(`${join(dir, 'src/config.txt')}:1:PASSWORD_FILE=secret/creds.txt`);
  });
});
