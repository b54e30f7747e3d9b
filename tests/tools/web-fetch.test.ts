import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWebFetchTool,
  featureModule,
  webFetchTool,
  type WebFetchPage,
  type WebFetchRedirect,
} from '../../src/tools/web-fetch/index.ts';
import { testdir } from '../support/testdir.ts';
import { failed, makeSession, ok, runTool } from './shell-web-support.ts';

const PAGE = `<!doctype html><html><head><title>Test &amp; Page</title><style>body{color:red}</style>
<script>window.evil = "script text";</script></head><body><nav><a href="/">Home</a></nav>
<h1>Hello</h1><p>Some <strong>bold</strong> text and <a href="/docs">a link</a>.</p>
<ul><li>one</li><li>two</li></ul><pre><code class="language-js">const x = 1;</code></pre></body></html>`;

let server: Server;
let base: string;
let port: number;
const hits = new Map<string, number>();
/** Bytes the /infinite handler managed to write before the client hung up. */
let infiniteWritten = 0;
let infiniteClosed: Promise<void> = Promise.resolve();

function route(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url!, 'http://x').pathname;
  hits.set(path, (hits.get(path) ?? 0) + 1);
  const send = (status: number, headers: Record<string, string>, body: string | Uint8Array = '') => {
    res.writeHead(status, headers);
    res.end(body);
  };
  const redirect = /^\/redirect\/(\d+)$/.exec(path);
  if (redirect) {
    const n = Number(redirect[1]);
    return n === 0 ? send(200, { 'content-type': 'text/html' }, PAGE) : send(302, { location: `/redirect/${n - 1}` });
  }
  switch (path) {
    case '/page.html': return send(200, { 'content-type': 'text/html; charset=utf-8' }, PAGE);
    case '/plain.txt': return send(200, { 'content-type': 'text/plain' }, 'just <b>text</b>\nsecond line\n');
    case '/data.json': return send(200, { 'content-type': 'application/json' }, '{"a":[1,2]}');
    case '/latin1': return send(200, { 'content-type': 'text/plain; charset=iso-8859-1' }, Uint8Array.from([0x63, 0x61, 0x66, 0xe9]));
    case '/gzip': return send(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }, gzipSync(PAGE));
    case '/image.png': return send(200, { 'content-type': 'image/png' }, Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
    case '/untyped-binary': return send(200, {}, Uint8Array.from([1, 2, 0, 3, 4]));
    case '/untyped-html': return send(200, {}, PAGE);
    case '/missing': return send(404, { 'content-type': 'text/plain' }, 'no such page here');
    case '/missing-image': return send(404, { 'content-type': 'image/png' }, Uint8Array.from([0x89, 0, 1]));
    case '/broken': return send(500, { 'content-type': 'text/html' }, '<h1>Internal error</h1>');
    case '/loop': return send(302, { location: '/loop' });
    case '/no-location': return send(302, {});
    case '/to-file': return send(302, { location: 'file:///etc/passwd' });
    case '/to-other-host': return send(301, { location: `http://localhost:${port}/page.html` });
    case '/to-same-host': return send(307, { location: '/page.html' });
    case '/counted': return send(200, { 'content-type': 'text/plain' }, `hit ${hits.get(path)}`);
    case '/long-text': return send(200, { 'content-type': 'text/plain' }, 'x'.repeat(1000));
    case '/infinite': {
      // Never ends on its own: only a client that stops reading lets this test finish.
      res.writeHead(200, { 'content-type': 'text/plain' });
      infiniteWritten = 0;
      infiniteClosed = new Promise((resolve) => res.once('close', () => resolve()));
      const chunk = 'y'.repeat(16 * 1024);
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) infiniteWritten += chunk.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
      return;
    }
    case '/slow': {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first part, then nothing ');
      return; // never ends
    }
    default: return send(404, { 'content-type': 'text/plain' }, 'unknown route');
  }
}

beforeAll(async () => {
  server = createServer(route);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const tool = createWebFetchTool({ timeoutMs: 2000 });
const session = () => makeSession(testdir());
const fetchOk = async (path: string, t = tool) => ok((await runTool(t, { url: `${base}${path}`, prompt: 'What is on it?' }, session().ctx)).output);
const fetchErr = async (path: string, t = tool) => failed((await runTool(t, { url: `${base}${path}`, prompt: 'What is on it?' }, session().ctx)).output);

describe('WebFetch', () => {
  it('is a ready feature', () => {
    expect(featureModule).toMatchObject({ flag: 'WEB_FETCH_TOOL', status: 'ready', provides: ['WebFetch'] });
  });

  it('converts HTML to markdown, drops scripts and styles, keeps the title, and echoes the prompt', async () => {
    const page = await fetchOk('/page.html') as WebFetchPage;
    expect(page).toMatchObject({ kind: 'page', status: 200, contentType: 'text/html', format: 'markdown', title: 'Test & Page', upgraded: false, fromCache: false });
    expect(page.content).toContain('# Hello');
    expect(page.content).toContain('Some **bold** text and [a link](/docs).');
    expect(page.content).toMatch(/\* one\n\* two/);
    expect(page.content).toContain('```js\nconst x = 1;\n```');
    expect(page.content).not.toMatch(/script text|color:red/);
    const text = tool.toModelContent(page) as string;
    expect(text).toMatch(new RegExp(`^Fetched ${base}/page.html: HTTP 200, text/html, [\\d,]+ bytes, converted to markdown\\.\\nTitle: Test & Page\\n\\nRequest about this content: What is on it\\?`));
    expect(text).toContain('untrusted');
    expect(text).toContain(`<web_content>\n${page.content}\n</web_content>`);
  });

  it('passes text formats through unchanged and decodes their charset', async () => {
    expect((await fetchOk('/plain.txt') as WebFetchPage)).toMatchObject({ format: 'text', content: 'just <b>text</b>\nsecond line\n', contentType: 'text/plain' });
    expect((await fetchOk('/data.json') as WebFetchPage).content).toBe('{"a":[1,2]}');
    expect((await fetchOk('/latin1') as WebFetchPage).content).toBe('café');
  });

  it('reads compressed responses', async () => {
    expect((await fetchOk('/gzip') as WebFetchPage).content).toContain('# Hello');
  });

  it('sniffs a response without a content type', async () => {
    expect((await fetchOk('/untyped-html') as WebFetchPage)).toMatchObject({ format: 'markdown', contentType: 'text/html' });
    expect((await fetchErr('/untyped-binary')).kind).toBe('binary_content');
  });

  it('refuses binary content', async () => {
    const error = await fetchErr('/image.png');
    expect(error.kind).toBe('binary_content');
    expect(error.message).toMatch(/image\/png/);
  });

  it('returns HTTP errors with the status and an excerpt', async () => {
    const missing = await fetchErr('/missing');
    expect(missing.kind).toBe('http_error');
    expect(missing.message).toBe(`${base}/missing answered HTTP 404 Not Found: no such page here`);
    const broken = await fetchErr('/broken');
    expect(broken.message).toMatch(/HTTP 500 Internal Server Error: <h1>Internal error<\/h1>/);
    const missingImage = await fetchErr('/missing-image');
    expect(missingImage).toEqual({ kind: 'http_error', message: `${base}/missing-image answered HTTP 404 Not Found.` });
  });

  it('follows same-host redirect chains by hand', async () => {
    const page = await fetchOk('/redirect/3') as WebFetchPage;
    expect(page.finalUrl).toBe(`${base}/redirect/0`);
    expect(page.content).toContain('# Hello');
    expect(tool.toModelContent(page)).toContain(`(fetched from ${base}/redirect/0)`);
  });

  it('gives up on too many redirects', async () => {
    const small = createWebFetchTool({ maxRedirects: 2, timeoutMs: 2000 });
    expect((await fetchErr('/redirect/3', small)).kind).toBe('too_many_redirects');
    expect((await fetchOk('/redirect/2', small) as WebFetchPage).status).toBe(200);
    expect((await fetchErr('/loop')).kind).toBe('too_many_redirects');
  });

  it('hands a cross-host redirect back to the model instead of following it', async () => {
    hits.delete('/page.html');
    const out = await fetchOk('/to-other-host') as WebFetchRedirect;
    expect(out).toMatchObject({ kind: 'redirect', redirectUrl: `http://localhost:${port}/page.html`, status: 301 });
    expect(hits.get('/page.html')).toBeUndefined();
    const text = tool.toModelContent(out) as string;
    expect(text).toMatch(/^REDIRECT DETECTED: .* because it is on a different host\./);
    expect(text).toContain(`- url: "http://localhost:${port}/page.html"`);
    expect(text).toContain('- prompt: "What is on it?"');
  });

  it('hands a redirect from example.com to www.example.com back to the model (finding 7)', async () => {
    // Rules allow WebFetch(domain:example.com) and deny WebFetch(domain:www.example.com): the
    // tool must not fetch the www. host on its own, whatever the caller wired for redirects.
    const seen: string[] = [];
    const fakeFetch = (async (input: URL | RequestInfo) => {
      const url = new URL(String(input));
      seen.push(url.href);
      return url.hostname === 'example.com'
        ? new Response(null, { status: 302, headers: { location: 'https://www.example.com/secret' } })
        : new Response('DENIED HOST CONTENT', { headers: { 'content-type': 'text/plain' } });
    }) as typeof fetch;
    const redirecting = createWebFetchTool({ fetch: fakeFetch, checkRedirect: async () => ({ behavior: 'allow', reason: 'ok' }) });
    const out = ok((await runTool(redirecting, { url: 'https://example.com/', prompt: 'p' }, session().ctx)).output) as WebFetchRedirect;
    expect(out).toMatchObject({ kind: 'redirect', redirectUrl: 'https://www.example.com/secret', status: 302 });
    expect(seen).toEqual(['https://example.com/']);
    expect(redirecting.toModelContent(out)).not.toContain('DENIED HOST CONTENT');
  });

  it('re-checks every same-host hop through the permission hook', async () => {
    const seen: string[] = [];
    const allowing = createWebFetchTool({ checkRedirect: async (url) => { seen.push(url.pathname); return { behavior: 'allow', reason: 'ok' }; } });
    await fetchOk('/redirect/2', allowing);
    expect(seen).toEqual(['/redirect/1', '/redirect/0']);

    const denying = createWebFetchTool({ checkRedirect: async (url) => ({ behavior: url.pathname === '/page.html' ? 'deny' : 'allow', reason: 'matches deny rule WebFetch(domain:127.0.0.1)' }) });
    const error = await fetchErr('/to-same-host', denying);
    expect(error.kind).toBe('redirect_denied');
    expect(error.message).toMatch(/matches deny rule/);

    const asking = createWebFetchTool({ checkRedirect: async () => ({ behavior: 'ask', reason: 'no rule allows it' }) });
    const out = await fetchOk('/to-same-host', asking) as WebFetchRedirect;
    expect(out).toMatchObject({ kind: 'redirect', redirectUrl: `${base}/page.html`, status: 307 });
  });

  it('refuses redirects without a target or to another scheme', async () => {
    expect((await fetchErr('/no-location')).kind).toBe('bad_redirect');
    const toFile = await fetchErr('/to-file');
    expect(toFile.kind).toBe('bad_redirect');
    expect(toFile.message).toMatch(/Only http and https/);
  });

  it('stops reading a body at the size cap', async () => {
    const capped = createWebFetchTool({ maxBytes: 100_000, timeoutMs: 5000 });
    const page = await fetchOk('/infinite', capped) as WebFetchPage;
    await infiniteClosed; // the client hung up: the server saw the connection close
    expect(page.bytes).toBe(100_000);
    expect(page.bodyTruncated).toBe(true);
    expect(page.content).toBe('y'.repeat(100_000));
    expect(infiniteWritten).toBeLessThan(50_000_000);
    expect(capped.toModelContent(page)).toMatch(/only its first 100,000 bytes were read/);
  });

  it('cuts the returned content to the character cap and says so', async () => {
    const short = createWebFetchTool({ maxContentChars: 50 });
    const page = await fetchOk('/long-text', short) as WebFetchPage;
    expect(page.content).toBe('x'.repeat(50));
    expect(page.contentChars).toBe(1000);
    expect(short.toModelContent(page)).toMatch(/cut to its first 50 of 1,000 characters/);
  });

  it('times out a body that stalls', async () => {
    const impatient = createWebFetchTool({ timeoutMs: 300 });
    const error = await fetchErr('/slow', impatient);
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/within 0.3 s/);
  });

  it('stops when the call is aborted', async () => {
    const controller = new AbortController();
    const s = makeSession(testdir(), { signal: controller.signal });
    const events: string[] = [];
    let output: unknown;
    for await (const event of tool.call({ url: `${base}/slow`, prompt: 'p' }, s.ctx)) {
      if (event.type === 'progress') {
        events.push(event.message);
        setTimeout(() => controller.abort(), 50);
      } else output = event.output;
    }
    expect(events).toEqual([`Fetching ${base}/slow`]);
    expect(failed(output).kind).toBe('aborted');
  });

  it('reports a refused connection as a network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = failed((await runTool(tool, { url: `http://127.0.0.1:${deadPort}/`, prompt: 'p' }, session().ctx)).output);
    expect(error.kind).toBe('network_error');
  });

  it('serves a page fetched moments ago from its cache', async () => {
    const cached = createWebFetchTool();
    hits.delete('/counted');
    const first = await fetchOk('/counted', cached) as WebFetchPage;
    const second = ok((await runTool(cached, { url: `${base}/counted`, prompt: 'Another question' }, session().ctx)).output) as WebFetchPage;
    expect(first.content).toBe('hit 1');
    expect(second).toMatchObject({ content: 'hit 1', fromCache: true, prompt: 'Another question' });
    expect(hits.get('/counted')).toBe(1);
    expect(cached.toModelContent(second)).toMatch(/\(from cache\)/);
  });

  it('upgrades http to https for remote hosts', async () => {
    const requested: string[] = [];
    const fake = createWebFetchTool({
      fetch: async (input) => {
        requested.push(String(input));
        return new Response('remote text', { headers: { 'content-type': 'text/plain' } });
      },
    });
    const page = ok((await runTool(fake, { url: 'http://example.com/a?b=1', prompt: 'p' }, session().ctx)).output) as WebFetchPage;
    expect(requested).toEqual(['https://example.com/a?b=1']);
    expect(page).toMatchObject({ upgraded: true, finalUrl: 'https://example.com/a?b=1', content: 'remote text' });
  });

  it('refuses URLs it must not fetch, before any request', async () => {
    const cases: [string, string][] = [
      ['file:///etc/passwd', 'unsupported_scheme'],
      ['ftp://example.com/x', 'unsupported_scheme'],
      ['https://user:secret@example.com/', 'credentials_in_url'],
      [`https://example.com/${'a'.repeat(2000)}`, 'url_too_long'],
    ];
    for (const [url, kind] of cases) {
      const input = webFetchTool.inputSchema.parse({ url, prompt: 'p' });
      const outcome = await runTool(webFetchTool, input, session().ctx);
      expect(failed(outcome.output).kind, url).toBe(kind);
      expect((await webFetchTool.checkPermissions(input, session().ctx)).behavior, url).toBe('deny');
    }
    expect(webFetchTool.inputSchema.safeParse({ url: 'not a url', prompt: 'p' }).success).toBe(false);
    expect(webFetchTool.inputSchema.safeParse({ url: 'https://example.com' }).success).toBe(false);
  });

  it('asks before fetching, naming the domain rule that would allow it', async () => {
    const decision = await webFetchTool.checkPermissions({ url: 'https://Docs.Example.com/page', prompt: 'p' }, session().ctx);
    expect(decision.behavior).toBe('ask');
    expect(decision.reason).toContain('WebFetch(domain:docs.example.com)');
    expect(webFetchTool.isReadOnly({ url: 'https://example.com', prompt: 'p' })).toBe(true);
  });
});
