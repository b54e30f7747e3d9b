import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkBaseUrl, isUpdateError } from '../../../src/services/auto-update/index.ts';
import { downloadTo, fetchDocument } from '../../../src/services/auto-update/fetch-release.ts';
import { testdir } from '../../support/testdir.ts';

const code = async (run: () => unknown) => {
  try {
    await run();
  } catch (error) {
    return isUpdateError(error) ? error.code : String(error);
  }
  return 'ok';
};

describe('the release URL policy', () => {
  test.each([
    ['https://downloads.example/wren', 'ok'], ['http://127.0.0.1:8080', 'ok'], ['http://localhost:1/x', 'ok'], ['http://[::1]:9/', 'ok'],
    ['http://example.com', 'insecure-url'], ['http://127.0.0.1.evil.example', 'insecure-url'], ['ftp://127.0.0.1', 'insecure-url'],
    ['file:///etc', 'insecure-url'], ['not a url', 'insecure-url'],
  ])('%s -> %s', async (url, expected) => {
    expect(await code(() => checkBaseUrl(url))).toBe(expected);
  });
});

describe('downloads', () => {
  let base: URL;
  const server = createServer((req, res) => {
    if (req.url === '/big.json') return void res.end('x'.repeat(70 * 1024));
    if (req.url === '/redirect') return void res.writeHead(302, { location: '/big.json' }).end();
    if (req.url === '/bin') return void res.end(Buffer.alloc(2000, 1));
    res.writeHead(404).end();
  });
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  test('documents are capped, redirects refused, errors named', async () => {
    expect(await code(() => fetchDocument(fetch, base, 'big.json'))).toBe('too-large');
    expect(await code(() => fetchDocument(fetch, base, 'redirect'))).toBe('download-failed');
    expect(await code(() => fetchDocument(fetch, base, 'missing'))).toBe('download-failed');
  });

  test('a binary larger than the signed size is cut off, and nothing is left but the caller\'s temp file', async () => {
    const dir = testdir();
    expect(await code(() => downloadTo(fetch, new URL('bin', base).href, join(dir, 'a'), 1000))).toBe('size-mismatch');
    const ok = await downloadTo(fetch, new URL('bin', base).href, join(dir, 'b'), 2000);
    expect(ok.size).toBe(2000);
    expect(ok.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
