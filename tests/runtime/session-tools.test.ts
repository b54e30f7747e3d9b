import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/runtime/index.ts';
import type { CliSettings } from '../../src/config/index.ts';
import { credentialOf, startFakeApi, toolResultsOf, toolUse, turn, type FakeApi, type Script } from '../support/fake-api/index.ts';
import { testdir } from '../support/testdir.ts';

/*
 * The session runtime builds the tools' context and the hooks' environment.
 * These run real sessions (the query loop, the gate, the real tools) against
 * the fake Messages API, for findings 2 (secrets in the tool and hook
 * environment), 3 (the session cwd leaving the working directories) and 4
 * (search results from files a Read deny rule covers).
 */

const open: { api: FakeApi; runtime?: Runtime }[] = [];
afterEach(async () => {
  for (const { api, runtime } of open.splice(0)) {
    await runtime?.close('completed').catch(() => undefined);
    await api.close();
  }
});

interface SessionSetup {
  readonly tree?: Record<string, string>;
  readonly cli?: CliSettings;
  /** Replaces the API key variables the session starts with. */
  readonly credentials?: Record<string, string | undefined>;
  readonly apiKey?: string;
}

/** Runs one prompt whose turns are `calls` (one tool call each), then 'done'; returns each call's tool_result text. */
async function session(scriptFor: (dir: string) => Script, setup: SessionSetup = {}) {
  const dir = realpathSync(testdir({ 'README.md': '# demo\n', ...setup.tree }));
  const home = realpathSync(testdir());
  const api = await startFakeApi(scriptFor(dir), setup.apiKey ? { apiKey: setup.apiKey } : {});
  const entry: { api: FakeApi; runtime?: Runtime } = { api };
  open.push(entry);
  const env = {
    PATH: process.env['PATH'], HOME: home, WREN_CONFIG_DIR: join(home, '.wren'), WREN_RETRY_BASE_DELAY_MS: '1',
    ANTHROPIC_BASE_URL: api.url,
    ...(setup.credentials ?? { ANTHROPIC_API_KEY: api.apiKey }),
  };
  const runtime = await createRuntime({
    cwd: dir, env, headless: true, trustFlag: true, cli: setup.cli ?? {}, session: { kind: 'new' },
    managedSettingsPath: join(home, 'managed-settings.json'),
  });
  entry.runtime = runtime;
  for await (const event of runtime.submit('go', { signal: AbortSignal.timeout(20_000) })) {
    if (event.type === 'result' && event.subtype !== 'success') throw new Error(`the run ended with ${event.subtype}: ${JSON.stringify(event.error)}`);
  }
  const results = api.messageRequests.slice(1).map((request) => {
    const [result] = toolResultsOf(request.body);
    const content = result?.content;
    return typeof content === 'string' ? content : JSON.stringify(content);
  });
  return { dir, home, api, runtime, results };
}

const calls = (...inputs: [string, Record<string, unknown>][]): Script => [...inputs.map(([name, input]) => turn([toolUse(name, input)])), 'done'];
const bypass: CliSettings = { permissionMode: 'bypassPermissions' };
// The command reads the key from a script, so the test does not depend on how the Bash gate treats `$SECRET` words.
const SHOW_ENV = { 'show-env.sh': 'echo "[$ANTHROPIC_API_KEY][$ANTHROPIC_AUTH_TOKEN][$ANTHROPIC_CUSTOM_HEADERS]"\n' };

describe('finding 2: the API credentials stay out of tools and hooks', () => {
  it('a Bash call that prints $ANTHROPIC_API_KEY prints nothing, while the API still gets the key', async () => {
    const { api, results } = await session(() => calls(['Bash', { command: 'sh show-env.sh' }]), {
      tree: SHOW_ENV, cli: bypass, apiKey: 'sk-ant-SECRET-KEY-123',
      credentials: { ANTHROPIC_API_KEY: 'sk-ant-SECRET-KEY-123', ANTHROPIC_AUTH_TOKEN: 'tok-SECRET', ANTHROPIC_CUSTOM_HEADERS: 'x-auth: SECRET' },
    });
    expect(results[0]).toBe('[][][]');
    expect(credentialOf(api.messageRequests[1]!.headers)).toBe('sk-ant-SECRET-KEY-123');
  });

  it('the key an apiKeyHelper printed is not in the tool environment either', async () => {
    const { api, results } = await session(() => calls(['Bash', { command: 'sh show-env.sh' }]), {
      tree: SHOW_ENV, apiKey: 'sk-from-helper',
      cli: { ...bypass, settings: JSON.stringify({ apiKeyHelper: 'echo sk-from-helper' }) },
      credentials: {},
    });
    expect(results[0]).toBe('[][][]');
    expect(credentialOf(api.messageRequests[0]!.headers)).toBe('sk-from-helper');
  });

  it('a hook does not see the key', async () => {
    const out = join(realpathSync(testdir()), 'hook-saw');
    const hooks = { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: `printf '[%s]' "$ANTHROPIC_API_KEY" > '${out}'` }] }] };
    await session(() => calls(['Bash', { command: 'true' }]), {
      cli: { ...bypass, settings: JSON.stringify({ hooks }) }, apiKey: 'sk-ant-SECRET-KEY-123',
      credentials: { ANTHROPIC_API_KEY: 'sk-ant-SECRET-KEY-123' },
    });
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out, 'utf8')).toBe('[]');
  });
});

describe('finding 3: the session cwd never leaves the working directories', () => {
  it('a cd out of the project is undone, the model is told, and the next calls run at the root', async () => {
    // /etc: a folder outside the project that exists for every shell, sandboxed or not.
    const { dir, results, runtime } = await session(() => calls(
      ['Bash', { command: 'cd /etc && pwd' }],
      ['Bash', { command: 'pwd' }],
      ['Grep', { pattern: 'needle-in-project' }],
    ), { cli: bypass, tree: { 'notes.txt': 'needle-in-project\n' } });
    expect(results[0]).toContain(`Shell cwd was reset to ${dir}`);
    expect(results[0]).toContain('/etc');
    expect(results[1]).toBe(dir);
    expect(results[2]).toBe(`Found 1 file\n${join(dir, 'notes.txt')}`);
    expect(runtime.toolContext(new AbortController().signal).cwd).toBe(dir);
  });

  it('the runtime refuses a cwd outside the working directories from any caller', async () => {
    const { dir, runtime } = await session(() => ['done']);
    const ctx = runtime.toolContext(new AbortController().signal);
    expect(ctx.projectRoot).toBe(dir);
    ctx.setCwd?.(realpathSync(testdir()));
    expect(runtime.toolContext(new AbortController().signal).cwd).toBe(dir);
    ctx.setCwd?.(join(dir, '.'));
    expect(runtime.toolContext(new AbortController().signal).cwd).toBe(join(dir, '.'));
  });
});

describe('finding 4: search results drop files a Read deny rule covers', () => {
  it("Grep over the project (the reviewer's case) returns no line of a denied file", async () => {
    const { dir, results } = await session(() => calls(['Grep', { pattern: 'PASSWORD|TOKEN', output_mode: 'content', glob: '**' }]), {
      tree: { '.env': 'TOKEN=abc\n', 'secret/creds.txt': 'DB_PASSWORD=hunter2\n', 'src/app.txt': 'TOKEN_NAME=public\n' },
      cli: { disallowedTools: ['Read(./secret/**)', 'Read(.env)'] },
    });
    expect(results[0]).not.toMatch(/abc|hunter2/);
    expect(results[0]).toContain(`${join(dir, 'src/app.txt')}:1:TOKEN_NAME=public`);
  });

  it('canRead answers from the engine: deny is false, ask and allow are true', async () => {
    const { dir, runtime } = await session(() => ['done'], { tree: { 'secret/a.txt': 'x' }, cli: { disallowedTools: ['Read(./secret/**)'] } });
    const ctx = runtime.toolContext(new AbortController().signal);
    expect(await ctx.canRead?.(join(dir, 'secret/a.txt'))).toBe(false);
    expect(await ctx.canRead?.(join(dir, 'README.md'))).toBe(true);
    expect(await ctx.canRead?.('/etc/hostname')).toBe(true); // outside the workspace: the engine would ask, not deny
  });
});
