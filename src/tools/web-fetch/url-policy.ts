import { isIP } from 'node:net';

/** Longest URL accepted (as Claude Code). */
export const MAX_URL_LENGTH = 2000;

export type PreparedUrl =
  | { readonly ok: true; readonly url: URL; /** http was rewritten to https. */ readonly upgraded: boolean }
  | { readonly ok: false; readonly kind: 'invalid_url' | 'unsupported_scheme' | 'credentials_in_url' | 'url_too_long'; readonly message: string };

/**
 * Checks a URL the model wants fetched, and rewrites http to https. Loopback
 * hosts keep http: a local server rarely speaks TLS, and nothing on the way to
 * it can read or change the traffic.
 */
export function prepareUrl(raw: string): PreparedUrl {
  if (raw.length > MAX_URL_LENGTH) return { ok: false, kind: 'url_too_long', message: `The URL is longer than ${MAX_URL_LENGTH} characters.` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, kind: 'invalid_url', message: `Not a valid absolute URL: ${JSON.stringify(raw)}.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, kind: 'unsupported_scheme', message: `Only http and https URLs can be fetched, not ${url.protocol.replace(/:$/, '')}.` };
  }
  if (url.username || url.password) {
    return { ok: false, kind: 'credentials_in_url', message: 'URLs with a user name or password in them are refused: credentials must not be sent to the web from here.' };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    url.protocol = 'https:';
    return { ok: true, url, upgraded: true };
  }
  return { ok: true, url, upgraded: false };
}

/** localhost, *.localhost, 127.0.0.0/8 and ::1 (as URL.hostname spells them). */
export function isLoopbackHost(hostname: string): boolean {
  const host = normaliseHost(hostname);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || bare === '0:0:0:0:0:0:0:1';
  return false;
}

/**
 * Whether `host` is `domain` or one of its subdomains: a label-wise match,
 * never a string prefix or suffix (example.com.evil.net and evilexample.com do
 * not match example.com). Case and a trailing dot are ignored.
 */
export function hostMatchesDomain(host: string, domain: string): boolean {
  const h = normaliseHost(host);
  const d = normaliseHost(domain);
  if (!h || !d) return false;
  return h === d || h.endsWith(`.${d}`);
}

/**
 * A redirect the tool follows by itself: the exact same host (as the URL parser
 * spells it: `www.example.com` and `example.com` are different hosts, and so are
 * `example.com.` and `example.com`), the same port, and the same scheme or an
 * upgrade from http to https on default ports. The call was approved for that
 * host only; anything else goes back to the model as a new URL to fetch, so it
 * passes the permission gate (and its domain rules) again.
 */
export function isSameHostRedirect(from: URL, to: URL): boolean {
  if (to.username || to.password) return false;
  if (from.hostname !== to.hostname) return false;
  if (from.protocol === to.protocol) return from.port === to.port;
  return from.protocol === 'http:' && to.protocol === 'https:' && from.port === '' && to.port === '';
}

/** The host a WebFetch(domain:...) rule is matched against, or undefined for an unusable URL. */
export function fetchRuleHost(rawUrl: string): string | undefined {
  const prepared = prepareUrl(rawUrl);
  return prepared.ok ? normaliseHost(prepared.url.hostname) : undefined;
}

function normaliseHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}
