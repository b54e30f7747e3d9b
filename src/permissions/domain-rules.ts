/**
 * The host a URL names, normalised for comparison (lowercase, punycode, no
 * trailing dot, IPv6 without brackets); undefined when the URL does not parse
 * or is not http(s).
 */
export function hostOf(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * A domain rule covers the host itself and every subdomain, label-aligned:
 * `example.com` matches `example.com` and `api.example.com`, never
 * `example.com.evil.net` nor `notexample.com`. IP literals match only exactly.
 */
export function domainMatches(host: string, domain: string): boolean {
  if (host === domain) return true;
  if (/^[\d.]+$/.test(domain) || host.includes(':')) return false;
  return host.endsWith(`.${domain}`);
}
