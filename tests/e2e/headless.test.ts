import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { fault, startFakeApi, text, textOf, toolResultsOf, toolUse, turn, type FakeApi, type Script } from '../support/fake-api/index.ts';
import { testdir } from '../support/testdir.ts';
import { collect, E2E_ARTIFACTS, isolatedEnv, runCli, spawnCli, useArtifact } from './support/cli.ts';
import { initRecord, resultRecord, streamRecord } from './support/output-schemas.ts';

/*
 * The built external CLI in headless mode (`wren -p`) against the fake
 * Messages API: real processes, real files, the real SDK on the wire.
 */

const apis: FakeApi[] = [];
afterEach(async () => {
  await Promise.all(apis.splice(0).map((api) => api.close()));
});

async function fake(script: Script): Promise<FakeApi> {
  const api = await startFakeApi(script);
  apis.push(api);
  return api;
}

/** A temp project, a fake API with the script made for it, and a runner for the CLI in that project. */
async function setup(scriptFor: (dir: string) => Script, tree: Record<string, string> = {}, extraEnv: NodeJS.ProcessEnv = {}) {
  const dir = testdir({ 'README.md': '# demo\n', ...tree });
  const api = await fake(scriptFor(dir));
  const env = isolatedEnv(dir, { ...api.env, WREN_RETRY_BASE_DELAY_MS: '1', ...extraEnv });
  const run = (args: string[], stdin?: string) => runCli(args, { cwd: dir, env, ...(stdin !== undefined ? { stdin } : {}) });
  return { dir, api, env, run };
}

function jsonLines(stdout: string): unknown[] {
  return stdout.trim().split('\n').map((line) => JSON.parse(line) as unknown);
}

// The same suite against every built artifact: the npm build and the native binary.
describe.each(E2E_ARTIFACTS)('$name', (artifact) => {
  beforeAll(() => useArtifact(artifact));

  describe('answers', () => {
    test('a plain answer, as text', async () => {
      const { api, run } = await setup(() => ['Hello from the model.']);
      const r = await run(['-p', 'say hello']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('Hello from the model.\n');
      const body = api.messageRequests[0]!.body;
      expect(textOf(body.messages[0])).toBe('say hello');
      expect(JSON.stringify(body.system)).toContain('You are Wren');
      expect(body.tools!.map((t) => t.name)).toEqual(expect.arrayContaining(['Read', 'Edit', 'Bash', 'Glob', 'Grep']));
    });

    test('the prompt read from stdin', async () => {
      const { api, run } = await setup(() => ['Got it.']);
      const r = await run(['-p'], 'prompt from a pipe\n');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('Got it.\n');
      expect(textOf(api.messageRequests[0]!.body.messages[0])).toBe('prompt from a pipe\n');
    });

    test('a two-step tool use: the second request carries the right tool_result', async () => {
      const { api, run } = await setup(
        (dir) => (req) => (req.body.messages.length === 1
          ? [text('Let me read it.'), toolUse('Read', { file_path: join(dir, 'notes.txt') }, { id: 'toolu_read_1' })]
          : 'The notes say: buy milk.'),
        { 'notes.txt': 'buy milk\n' },
      );
      const r = await run(['-p', 'what do my notes say?']);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('The notes say: buy milk.\n');
      expect(api.messageRequests).toHaveLength(2);
      const [result] = toolResultsOf(api.messageRequests[1]!.body);
      expect(result).toMatchObject({ tool_use_id: 'toolu_read_1' });
      expect(result!.is_error).toBeFalsy();
      expect(JSON.stringify(result!.content)).toContain('buy milk');
    });

    test('two concurrency-safe calls of one turn run at the same time', async () => {
      // A page server that holds every response until both requests are in (or 5 s pass).
      const arrivals: number[] = [];
      const waiting: (() => void)[] = [];
      const pages = createServer((req: IncomingMessage, res: ServerResponse) => {
        arrivals.push(Date.now());
        const reply = () => res.writeHead(200, { 'content-type': 'text/html' }).end(`<h1>page ${req.url}</h1>`);
        waiting.push(reply);
        if (waiting.length === 2) waiting.splice(0).forEach((r) => r());
        else setTimeout(() => waiting.includes(reply) && (waiting.splice(waiting.indexOf(reply), 1), reply()), 5000);
      });
      await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
      const base = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
      try {
        const { api, run } = await setup(() => [
          [toolUse('WebFetch', { url: `${base}/a`, prompt: 'title?' }), toolUse('WebFetch', { url: `${base}/b`, prompt: 'title?' })],
          'Both pages fetched.',
        ]);
        const started = Date.now();
        const r = await run(['-p', 'fetch both', '--allowedTools', 'WebFetch(domain:127.0.0.1)', '--output-format', 'stream-json', '--verbose']);
        expect(r.code, r.stdout + r.stderr).toBe(0);
        expect(arrivals).toHaveLength(2);
        // Both requests arrived while the other was still unanswered: the calls overlapped.
        expect(Date.now() - started).toBeLessThan(5000);
        const results = toolResultsOf(api.messageRequests[1]!.body);
        expect(results.map((x) => x.tool_use_id)).toEqual(['toolu_fake_0001', 'toolu_fake_0002']);
        expect(JSON.stringify(results[0]!.content)).toContain('page /a');
        expect(JSON.stringify(results[1]!.content)).toContain('page /b');
      } finally {
        pages.close();
      }
    });

    test('--max-turns stops a model that keeps calling tools', async () => {
      const { run } = await setup((dir) => () => [toolUse('Read', { file_path: join(dir, 'README.md') })]);
      const r = await run(['-p', 'loop', '--max-turns', '2', '--output-format', 'json']);
      expect(r.code).toBe(1);
      expect(resultRecord.parse(JSON.parse(r.stdout))).toMatchObject({ subtype: 'error_max_turns', num_turns: 2, is_error: true });
      expect(r.stderr).toBe('wren: stopped after 2 turns (--max-turns)\n');
    });
  });

  describe('faults', () => {
    test('429, 529, 500 and a stream cut mid-event are each retried to an answer', async () => {
      const { api, run } = await setup(() => [
        fault.rateLimited({ retryAfter: 0 }),
        fault.overloaded(),
        fault.serverError(500),
        fault.cut(turn([text('This partial answer is lost.')]), { afterEvents: 3 }),
        'Recovered answer.',
      ]);
      const r = await run(['-p', 'hi', '--output-format', 'stream-json', '--verbose']);
      expect(r.code).toBe(0);
      const records = jsonLines(r.stdout).map((x) => streamRecord.parse(x));
      const retries = records.filter((x) => x.type === 'system' && x.subtype === 'retry');
      expect(retries.map((x) => (x as unknown as { status: number | null }).status)).toEqual([429, 529, 500, null]);
      expect(resultRecord.parse(records.at(-1))).toMatchObject({ subtype: 'success', result: 'Recovered answer.' });
      expect(api.messageRequests).toHaveLength(5);
      // Every attempt sent the same conversation: the cut attempt left nothing behind.
      expect(new Set(api.messageRequests.map((q) => JSON.stringify(q.body.messages))).size).toBe(1);
    });

    test('slow chunks still stream to the whole answer', async () => {
      const { run } = await setup(() => [turn([text('Slowly, but surely, every word arrives.')], { chunkDelayMs: 40, deltaSize: 5 })]);
      const r = await run(['-p', 'take your time']);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('Slowly, but surely, every word arrives.\n');
    });

    test('a retry cap ends in one clean error line', async () => {
      const { run } = await setup(() => [fault.overloaded(), fault.overloaded(), fault.overloaded()], {}, { WREN_MAX_RETRIES: '2' });
      const r = await run(['-p', 'hi', '--output-format', 'json']);
      expect(r.code).toBe(1);
      const result = resultRecord.parse(JSON.parse(r.stdout));
      expect(result).toMatchObject({ subtype: 'error', is_error: true, error: { code: 'retries_exhausted' } });
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^wren: .*/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  });

  describe('context window', () => {
    test('compaction in a small window summarises, then the task continues', async () => {
      const big = 'export const value = "some long line of source code";\n'.repeat(300);
      const { api, run } = await setup(
        (dir) => (req) => {
          const last = textOf(req.body.messages.at(-1));
          if (last.includes('write a summary of the conversation')) return 'SUMMARY: read big.ts; next, report its size.';
          // After the compaction the model works from the summary and answers.
          if (JSON.stringify(req.body.messages).includes('SUMMARY: read big.ts')) return 'big.ts has 300 lines.';
          return [toolUse('Read', { file_path: join(dir, 'big.ts') })];
        },
        { 'big.ts': big },
        { WREN_CONTEXT_WINDOW_TOKENS: '12000' },
      );
      const r = await run(['-p', 'how long is big.ts?', '--output-format', 'stream-json']);
      expect(r.code).toBe(0);
      const records = jsonLines(r.stdout).map((x) => streamRecord.parse(x));
      expect(records.filter((x) => x.type === 'system' && x.subtype === 'compaction')).toHaveLength(1);
      expect(resultRecord.parse(records.at(-1))).toMatchObject({ subtype: 'success', result: 'big.ts has 300 lines.' });
      const continued = api.messageRequests.at(-1)!.body;
      expect(JSON.stringify(continued.messages)).toContain('SUMMARY: read big.ts');
      expect(JSON.stringify(continued.messages).length).toBeLessThan(JSON.stringify(api.messageRequests[1]!.body.messages).length);
    });
  });

  describe('sessions', () => {
    test('kill -9 mid-session, then --continue rebuilds the conversation', async () => {
      const { dir, api, env } = await setup((dir) => [
        [text('Reading.'), toolUse('Read', { file_path: join(dir, 'README.md') }, { id: 'toolu_before_kill' })],
        fault.hang(),
      ]);
      const child = spawnCli(['-p', 'first prompt'], { cwd: dir, env });
      const done = collect(child);
      await api.waitForRequests(2, { timeoutMs: 20_000 });
      child.kill('SIGKILL');
      expect((await done).signal).toBe('SIGKILL');

      api.push('Continuing where we left off.');
      const r = await runCli(['-p', '--continue', 'second prompt'], { cwd: dir, env });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('Continuing where we left off.\n');
      const sent = api.messageRequests.at(-1)!.body.messages;
      expect(textOf(sent[0])).toBe('first prompt');
      expect(JSON.stringify(sent[1])).toContain('toolu_before_kill');
      expect(toolResultsOf({ messages: [sent[2]!] } as never)[0]).toMatchObject({ tool_use_id: 'toolu_before_kill' });
      expect(textOf(sent.at(-1))).toBe('second prompt');
    });

    test('SIGINT mid-stream aborts with exit 130 and keeps the transcript', async () => {
      const { dir, api, env } = await setup(() => [turn([text('A long answer that never finishes')], { stallAfterEvents: 3 })]);
      const child = spawnCli(['-p', 'interrupt me', '--output-format', 'json'], { cwd: dir, env });
      const done = collect(child);
      await api.waitForRequests(1, { timeoutMs: 20_000 });
      child.kill('SIGINT');
      const r = await done;
      expect(r.code).toBe(130);
      const result = resultRecord.parse(JSON.parse(r.stdout));
      expect(result).toMatchObject({ subtype: 'aborted', is_error: true });
      api.push('Picked up again.');
      const next = await runCli(['-p', '-c', 'go on'], { cwd: dir, env });
      expect(next.code).toBe(0);
      expect(api.messageRequests.at(-1)!.body.messages.map((m) => textOf(m))).toEqual(['interrupt me', 'go on']);
    });

    test('--resume <id> picks the session by id; the transcript is JSONL under the config dir', async () => {
      const { dir, api, env, run } = await setup(() => ['First answer.', 'Second answer.']);
      const first = resultRecord.parse(JSON.parse((await run(['-p', 'one', '--output-format', 'json'])).stdout));
      const r = await run(['-p', '--resume', first.session_id.slice(0, 8), 'two', '--output-format', 'json']);
      expect(r.code).toBe(0);
      expect(resultRecord.parse(JSON.parse(r.stdout)).session_id).toBe(first.session_id);
      expect(api.messageRequests[1]!.body.messages.map((m) => textOf(m))).toEqual(['one', 'First answer.', 'two']);
      const projects = join(env['WREN_CONFIG_DIR']!, 'projects');
      const [folder] = readdirSync(projects);
      const lines = readFileSync(join(projects, folder!, `${first.session_id}.jsonl`), 'utf8').trim().split('\n');
      for (const line of lines) JSON.parse(line);
      expect(lines.length).toBeGreaterThanOrEqual(5);
      void dir;
    });
  });

  describe('output formats', () => {
    test('json: one result object matching the schema', async () => {
      const { run } = await setup(() => ['Answer.']);
      const r = await run(['-p', 'q', '--output-format', 'json']);
      expect(r.code).toBe(0);
      const result = resultRecord.parse(JSON.parse(r.stdout));
      expect(result).toMatchObject({ subtype: 'success', is_error: false, result: 'Answer.', num_turns: 1 });
      expect(result.total_cost_usd).toBeGreaterThan(0);
    });

    test('stream-json: init first, then assistant and user records, result last', async () => {
      const { run } = await setup((dir) => [[toolUse('Read', { file_path: join(dir, 'README.md') })], 'Read it.']);
      const r = await run(['-p', 'q', '--output-format', 'stream-json']);
      expect(r.code).toBe(0);
      const records = jsonLines(r.stdout);
      const init = initRecord.parse(records[0]);
      expect(init.tools).toContain('Read');
      expect(records.map((x) => streamRecord.parse(x).type)).toEqual(['system', 'assistant', 'user', 'assistant', 'result']);
      expect(resultRecord.parse(records.at(-1)).session_id).toBe(init.session_id);
    });
  });

  describe('bad input: one actionable line on stderr, non-zero exit, no stack trace', () => {
    const noTrace = (stderr: string) => {
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).not.toMatch(/\n\s+at /);
    };

    test('a missing API key', async () => {
      const dir = testdir({});
      const r = await runCli(['-p', 'hi'], { cwd: dir, env: isolatedEnv(dir) });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('wren: no API key: set ANTHROPIC_API_KEY (or configure apiKeyHelper in your settings)\n');
    });

    test('an unreachable API', async () => {
      const api = await fake([]);
      const url = api.url;
      await api.close();
      apis.pop();
      const dir = testdir({});
      const r = await runCli(['-p', 'hi'], { cwd: dir, env: isolatedEnv(dir, { ANTHROPIC_BASE_URL: url, ANTHROPIC_API_KEY: 'k', WREN_MAX_RETRIES: '1', WREN_RETRY_BASE_DELAY_MS: '1' }) });
      expect(r.code).toBe(1);
      noTrace(r.stderr);
      expect(r.stderr).toContain('ANTHROPIC_BASE_URL');
    });

    test('a 401 is not retried', async () => {
      const { api, run } = await setup(() => [fault.unauthorized(), 'never sent']);
      const r = await run(['-p', 'hi']);
      expect(r.code).toBe(1);
      noTrace(r.stderr);
      expect(r.stderr).toContain('ANTHROPIC_API_KEY');
      expect(api.messageRequests).toHaveLength(1);
    });

    test.each([
      [['-p', 'hi', '--max-turns', '0'], /--max-turns/],
      [['-p', 'hi', '--output-format', 'xml'], /--output-format/],
      [['-p', 'hi', '--permission-mode', 'yolo'], /--permission-mode/],
      [['-p', 'hi', '--no-such-flag'], /unknown option/],
      [['-p', 'hi', '--continue', '--resume', 'abc'], /cannot be used together/],
    ])('invalid flags %j', async (args, message) => {
      const { api, run } = await setup(() => []);
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')[0]).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(api.messageRequests).toHaveLength(0);
    });

    test('no prompt', async () => {
      const { run } = await setup(() => []);
      const r = await run(['-p'], '');
      expect(r.code).toBe(2);
      noTrace(r.stderr);
      expect(r.stderr).toContain('no prompt');
    });

    test('an unknown session to resume, and nothing to continue', async () => {
      const { run } = await setup(() => []);
      const resume = await run(['-p', '--resume', 'deadbeef', 'hi']);
      expect(resume.code).toBe(1);
      noTrace(resume.stderr);
      const cont = await run(['-p', '--continue', 'hi']);
      expect(cont.code).toBe(1);
      noTrace(cont.stderr);
    });

    test('an invalid tuning variable', async () => {
      const { run } = await setup(() => [], {}, { WREN_CONTEXT_WINDOW_TOKENS: 'lots' });
      const r = await run(['-p', 'hi']);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe("wren: WREN_CONTEXT_WINDOW_TOKENS must be a whole number of at least 1000, not 'lots'\n");
    });
  });
});
