import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { connectMcpServers, describeMcpServers, type McpConnections } from '../../../src/tools/mcp/index.ts';
import { alive, context, serverPid, started, STDIO_SERVER, stdioEntry, tempDir, waitForFile } from './mcp-support.ts';

const open: McpConnections[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  for (const c of cleanups.splice(0)) c();
});

function dir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

async function connect(...args: Parameters<typeof connectMcpServers>): Promise<McpConnections> {
  const c = await connectMcpServers(...args);
  open.push(c);
  return c;
}

describe('listing MCP servers starts nothing', () => {
  test('describeMcpServers reports every server without starting one', async () => {
    const d = dir();
    const settings = {
      trusted: true,
      mcpServers: [
        stdioEntry(d, 'approved'),
        stdioEntry(d, 'pending', { approved: false }),
        { name: 'remote', file: join(d, '.mcp.json'), approved: true, config: { type: 'http' as const, url: 'http://127.0.0.1:9/mcp' } },
        { name: 'legacy', file: join(d, '.mcp.json'), approved: true, config: { type: 'sse' as const, url: 'http://127.0.0.1:9/sse' } },
        stdioEntry(d, 'bad__name'),
      ],
    };
    const described = describeMcpServers(settings);
    expect(described.map((s) => [s.name, s.transport, s.status])).toEqual([
      ['approved', 'stdio', 'will-start'],
      ['pending', 'stdio', 'needs-approval'],
      ['remote', 'http', 'will-start'],
      ['legacy', 'sse', 'unsupported'],
      ['bad__name', 'stdio', 'unsupported'],
    ]);
    expect(described[0]!.target).toBe(`${process.execPath} ${STDIO_SERVER}`);
    expect(described[1]!.reason).toMatch(/enabledMcpjsonServers/);
    // Give a started server every chance to write its canary: none may exist.
    await new Promise((r) => setTimeout(r, 300));
    expect(started(d, 'approved')).toBe(false);
    expect(started(d, 'pending')).toBe(false);
  });

  test('an untrusted folder lists its servers as untrusted', () => {
    const d = dir();
    expect(describeMcpServers({ trusted: false, mcpServers: [stdioEntry(d, 'approved')] })[0]).toMatchObject({ status: 'untrusted' });
  });
});

describe('which servers start', () => {
  test('only approved servers of a trusted folder start', async () => {
    const d = dir();
    const c = await connect({ settings: { trusted: true, mcpServers: [stdioEntry(d, 'yes'), stdioEntry(d, 'no', { approved: false }), stdioEntry(d, 'x__y')] }, cwd: d });
    expect(c.servers.map((s) => [s.name, s.status])).toEqual([['yes', 'connected']]);
    expect(started(d, 'yes')).toBe(true);
    expect(started(d, 'no')).toBe(false);
    expect(started(d, 'x__y')).toBe(false);
  });

  test('nothing starts in an untrusted folder, approved or not', async () => {
    const d = dir();
    const c = await connect({ settings: { trusted: false, mcpServers: [stdioEntry(d, 'yes')] }, cwd: d });
    expect(c.servers).toEqual([]);
    expect(c.tools).toEqual([]);
    expect(started(d, 'yes')).toBe(false);
  });

  test('a server that fails to start is reported with its stderr; the others connect', async () => {
    const d = dir();
    const c = await connect({
      settings: {
        trusted: true,
        mcpServers: [
          { name: 'crashes', file: 'x', approved: true, config: { command: process.execPath, args: ['-e', 'console.error("boom: missing token"); process.exit(3)'] } },
          { name: 'missing', file: 'x', approved: true, config: { command: join(d, 'no-such-binary') } },
          stdioEntry(d, 'fine'),
        ],
      },
      cwd: d,
      connectTimeoutMs: 10_000,
    });
    const byName = Object.fromEntries(c.servers.map((s) => [s.name, s]));
    expect(byName['crashes']).toMatchObject({ status: 'failed', error: expect.stringMatching(/MCP server crashes failed to start[\s\S]*boom: missing token/) });
    expect(byName['missing']).toMatchObject({ status: 'failed', error: expect.stringMatching(/ENOENT/) });
    expect(byName['fine']).toMatchObject({ status: 'connected' });
    expect(c.tools.every((t) => t.name.startsWith('mcp__fine__'))).toBe(true);
  });

  test('a server that never answers the handshake times out and is killed', async () => {
    const d = dir();
    const pidFile = join(d, 'silent.pid');
    const c = await connect({
      settings: { trusted: true, mcpServers: [{ name: 'silent', file: 'x', approved: true, config: { command: process.execPath, args: ['-e', `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000)`] } }] },
      cwd: d,
      connectTimeoutMs: 500,
      killGraceMs: 200,
    });
    expect(c.servers[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/no answer within/) });
    expect(await waitForFile(pidFile)).toBe(true);
    expect(alive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
  });
});

describe('stopping servers', () => {
  test('close() kills the stdio server and everything it started', async () => {
    const d = dir();
    const c = await connect({ settings: { trusted: true, mcpServers: [stdioEntry(d, 's')] }, cwd: d, killGraceMs: 500 });
    const spawnChild = c.tools.find((t) => t.name === 'mcp__s__spawn_child')!;
    let childPid = 0;
    for await (const event of spawnChild.call({}, context(d))) {
      if (event.type === 'result' && !('error' in event.output)) childPid = Number((event.output.blocks[0] as { text: string }).text);
    }
    const server = serverPid(d, 's');
    expect(alive(server)).toBe(true);
    expect(alive(childPid)).toBe(true);
    await c.close();
    expect(alive(server)).toBe(false);
    expect(alive(childPid)).toBe(false);
  });

  test("stdio servers get a minimal environment, not the session's secrets, plus their own env", async () => {
    const d = dir();
    process.env['WREN_TEST_SECRET'] = 'sk-do-not-leak';
    try {
      await connect({ settings: { trusted: true, mcpServers: [stdioEntry(d, 's', { env: { SERVER_SETTING: 'on' } })] }, cwd: d });
    } finally {
      delete process.env['WREN_TEST_SECRET'];
    }
    const seen = JSON.parse(readFileSync(join(d, 's.started.env'), 'utf8')) as { cwd: string; env: Record<string, string> };
    expect(seen.cwd).toBe(d);
    expect(seen.env['WREN_TEST_SECRET']).toBeUndefined();
    expect(seen.env['SERVER_SETTING']).toBe('on');
    expect(seen.env['PATH']).toBe(process.env['PATH']);
  });
});
