import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connectMcpServers, describeMcpServers, type McpConnections } from '../../../src/tools/mcp/index.ts';
import { createTestServer } from './fixtures/test-server.ts';
import { context, tempDir } from './mcp-support.ts';

/** A streamable-HTTP MCP server on 127.0.0.1 (stateless: one SDK transport per request) that wants a bearer token. */
let http: HttpServer;
let url: string;
const seen: { method: string; authorization?: string }[] = [];

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text);
}

beforeAll(async () => {
  http = createServer((req, res) => {
    void (async () => {
      seen.push({ method: req.method ?? '', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
      if (req.headers.authorization !== 'Bearer s3cret') {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'unauthorized' }));
        return;
      }
      if (req.method !== 'POST') {
        res.writeHead(405).end();
        return;
      }
      const server = createTestServer();
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      res.on('close', () => void transport.close().then(() => server.close()));
      await server.connect(transport);
      await transport.handleRequest(req, res, await body(req));
    })();
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`;
});

afterAll(async () => {
  http.closeAllConnections();
  await new Promise<void>((resolve) => http.close(() => resolve()));
});

const entry = (headers?: Record<string, string>) => ({ name: 'web', file: '.mcp.json', approved: true, config: { type: 'http' as const, url, ...(headers ? { headers } : {}) } });

describe('streamable HTTP servers', () => {
  test('listing does not contact the server', () => {
    const before = seen.length;
    expect(describeMcpServers({ trusted: true, mcpServers: [entry()] })[0]).toMatchObject({ transport: 'http', target: url, status: 'will-start' });
    expect(seen.length).toBe(before);
  });

  test('connects with the configured headers, lists and calls tools', async () => {
    const { dir, cleanup } = tempDir();
    let mcp: McpConnections | undefined;
    try {
      mcp = await connectMcpServers({ settings: { trusted: true, mcpServers: [entry({ Authorization: 'Bearer s3cret' })] }, cwd: dir });
      expect(mcp.servers[0]).toMatchObject({ name: 'web', status: 'connected' });
      const echo = mcp.tools.find((t) => t.name === 'mcp__web__echo')!;
      let output: unknown;
      for await (const event of echo.call({ text: 'over http' }, context(dir))) if (event.type === 'result') output = event.output;
      expect(output).toEqual({ blocks: [{ type: 'text', text: 'over http' }], truncated: false });
      expect(seen.filter((s) => s.method === 'POST').every((s) => s.authorization === 'Bearer s3cret')).toBe(true);
    } finally {
      await mcp?.close();
      cleanup();
    }
  });

  test('a server refusing the client is reported as failed', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const mcp = await connectMcpServers({ settings: { trusted: true, mcpServers: [entry()] }, cwd: dir, connectTimeoutMs: 5000 });
      expect(mcp.servers[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/MCP server web failed to start/) });
      expect(mcp.tools).toEqual([]);
      await mcp.close();
    } finally {
      cleanup();
    }
  });
});
