import { describe, expect, it } from 'vitest';
import { fetchRuleHost, hostMatchesDomain, isLoopbackHost, isSameHostRedirect, prepareUrl } from '../../src/tools/web-fetch/index.ts';

describe('WebFetch URL policy', () => {
  it('matches a domain rule by exact host or subdomain, never by prefix', () => {
    const table: [string, string, boolean][] = [
      ['example.com', 'example.com', true],
      ['docs.example.com', 'example.com', true],
      ['a.b.example.com', 'example.com', true],
      ['EXAMPLE.com.', 'example.com', true],
      ['example.com.evil.net', 'example.com', false],
      ['evilexample.com', 'example.com', false],
      ['example.co', 'example.com', false],
      ['example.com', 'docs.example.com', false],
      ['', 'example.com', false],
      ['example.com', '', false],
    ];
    for (const [host, domain, expected] of table) expect(hostMatchesDomain(host, domain), `${host} vs ${domain}`).toBe(expected);
  });

  it('knows loopback hosts', () => {
    for (const host of ['127.0.0.1', '127.9.8.7', 'localhost', 'LOCALHOST', 'app.localhost', '[::1]']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['128.0.0.1', '127.0.0.1.evil.com', 'localhost.evil.com', 'example.com', '[::2]', '10.0.0.1']) expect(isLoopbackHost(host), host).toBe(false);
  });

  it('upgrades http except on loopback', () => {
    const remote = prepareUrl('http://example.com/x');
    expect(remote.ok && remote.url.href).toBe('https://example.com/x');
    const local = prepareUrl('http://127.0.0.1:8080/x');
    expect(local.ok && local.url.href).toBe('http://127.0.0.1:8080/x');
    expect(fetchRuleHost('http://Sub.Example.com/x')).toBe('sub.example.com');
    expect(fetchRuleHost('javascript:alert(1)')).toBeUndefined();
  });

  it('follows by itself only redirects to the exact same host (www. is another host)', () => {
    const u = (s: string) => new URL(s);
    expect(isSameHostRedirect(u('https://example.com/a'), u('https://example.com/b'))).toBe(true);
    expect(isSameHostRedirect(u('https://EXAMPLE.com/a'), u('https://example.com/b'))).toBe(true);
    // http -> https on the same host is an upgrade, not a move.
    expect(isSameHostRedirect(u('http://127.0.0.1/a'), u('https://127.0.0.1/b'))).toBe(true);
    // Finding 7: www.x and x are different hosts (rules may tell them apart), and so are their dotted forms.
    expect(isSameHostRedirect(u('https://example.com/a'), u('https://www.example.com/b'))).toBe(false);
    expect(isSameHostRedirect(u('https://www.example.com/a'), u('https://example.com/b'))).toBe(false);
    expect(isSameHostRedirect(u('https://example.com/a'), u('https://example.com./b'))).toBe(false);
    expect(isSameHostRedirect(u('https://example.com/a'), u('https://docs.example.com/b'))).toBe(false);
    expect(isSameHostRedirect(u('https://example.com/a'), u('https://example.com.evil.net/b'))).toBe(false);
    expect(isSameHostRedirect(u('https://example.com/a'), u('http://example.com/b'))).toBe(false);
    expect(isSameHostRedirect(u('http://127.0.0.1:8080/a'), u('https://127.0.0.1:8443/b'))).toBe(false);
    expect(isSameHostRedirect(u('https://example.com/a'), u('https://example.com:8443/b'))).toBe(false);
    expect(isSameHostRedirect(u('https://example.com/a'), u('https://user:pw@example.com/b'))).toBe(false);
  });
});
