import type { Finding, Rule } from './types.ts';
import { scanFiles } from './scan.ts';

/** `//# sourceMappingURL=`, `//@ sourceURL=`, `/*# ... *\/` in JS and CSS: every form browsers and Node honour, and loose spacing. */
const MAP_COMMENT = /(?:\/\/|\/\*)[ \t]*[#@][ \t]*source(?:Mapping)?URL[ \t]*=[ \t]*([^\s'"`*]*)/g;
const SOURCES_CONTENT = /["']?sourcesContent["']?\s*:/g;
/** The `://` of a URL and what follows; the scheme before it is read separately (a literal-led regex scans fast). */
const URL_TAIL = /:\/\/[^\s"'`<>()\\{}|^]+/g;
const SCHEME = /(?:^|[^A-Za-z0-9+.-])(https?|s3|gs|az|r2)$/i;

/** Hosts of public object stores (buckets are where leaked maps and source archives were found). */
const OBJECT_STORE_HOST = new RegExp([
  /(?:^|\.)s3[.-](?:[a-z0-9-]+\.)?amazonaws\.com(?:\.cn)?$/,
  /(?:^|\.)s3\.amazonaws\.com$/,
  /(?:^|\.)storage\.googleapis\.com$/,
  /^storage\.cloud\.google\.com$/,
  /^firebasestorage\.googleapis\.com$/,
  /\.blob\.core\.windows\.net$/,
  /\.r2\.cloudflarestorage\.com$/,
  /\.r2\.dev$/,
  /\.digitaloceanspaces\.com$/,
  /\.backblazeb2\.com$/,
  /\.wasabisys\.com$/,
  /\.linodeobjects\.com$/,
  /(?:^|\.)oss-[a-z0-9-]+\.aliyuncs\.com$/,
  /\.cos\.[a-z0-9-]+\.myqcloud\.com$/,
].map((r) => r.source).join('|'), 'i');
const ARCHIVE_PATH = /\.(?:zip|tar|tgz|tar\.gz|gz|7z|rar|bz2|tbz2?|xz|txz|zst)$/i;

/** Why a URL is a remote reference the package must not carry, or undefined. */
export function remoteReference(url: string): string | undefined {
  const scheme = /^([a-z0-9]+):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme && !['http', 'https'].includes(scheme)) return `${scheme}:// object-store URL`;
  let parsed: globalThis.URL;
  try {
    parsed = new globalThis.URL(url);
  } catch {
    return undefined;
  }
  if (OBJECT_STORE_HOST.test(parsed.hostname)) return `object-store host ${parsed.hostname}`;
  if (ARCHIVE_PATH.test(parsed.pathname)) return 'archive URL';
  return undefined;
}

/** A JSON document (whatever its name) that is a source map: version 3 with mappings or sections. */
function sourceMapJson(text: string): string | undefined {
  // Source maps may start with the XSSI guard `)]}'`; a BOM or whitespace may precede.
  const body = text.replace(/^\uFEFF|^\xEF\xBB\xBF/, '').replace(/^\s*\)\]\}'[^\n]*\n/, '').trimStart();
  if (!body.startsWith('{') || !/"version"\s*:\s*3\b/.test(body) || !/"(?:mappings|sections)"\s*:/.test(body)) return undefined;
  try {
    const json = JSON.parse(body) as { version?: unknown; mappings?: unknown; sections?: unknown };
    if (json.version === 3 && (typeof json.mappings === 'string' || Array.isArray(json.sections))) return 'a source map (version 3 with mappings)';
    return undefined;
  } catch {
    return 'shaped like a source map (version 3 and mappings keys), not even valid JSON';
  }
}

export const MAP_RULES: readonly Rule[] = [
  {
    id: 'maps/map-file', family: 'maps', scope: 'any',
    title: 'No .map files',
    reason: 'A 59.8 MB source map shipped in an npm package and carried the whole TypeScript source.',
    fix: 'Build the public target with `sourcemap: false` and keep maps out of `files`.',
    run: (ctx) => ctx.files.filter((e) => /\.map$/i.test(e.path)).map((e) => ({ file: e.path, excerpt: `${e.size} bytes`, message: 'source map file' })),
  },
  {
    id: 'maps/sourcemap-json', family: 'maps', scope: 'any',
    title: 'No source map under another name',
    reason: 'Renaming a map (`cli.js.json`, `data.txt`) defeats every check that looks at file names.',
    fix: 'Remove the file; find which build step wrote a map and turn maps off for the public target.',
    run: (ctx) => ctx.files.filter((e) => !/\.map$/i.test(e.path)).flatMap((e): Finding[] => {
      const why = sourceMapJson(ctx.views(e)[0]!.text);
      return why ? [{ file: e.path, excerpt: `${e.size} bytes`, message: why }] : [];
    }),
  },
  {
    id: 'maps/sources-content', family: 'maps', scope: 'any',
    title: 'No sourcesContent anywhere',
    reason: 'A map\'s `sourcesContent` is the original source, inline; it leaks whatever file or encoding it hides in.',
    fix: 'Disable source maps (or at least `sourcesContent`) for the public target.',
    run: (ctx) => scanFiles(ctx, SOURCES_CONTENT, () => ({ message: 'source map sourcesContent' })),
  },
  {
    id: 'maps/sourcemap-comment', family: 'maps', scope: 'any',
    title: 'No sourceMappingURL or sourceURL comment',
    reason: 'A map comment in any form (`//#`, `//@`, `/*# */`, CSS, inside a minified line, an inline `data:` map) makes tools fetch or decode the original source.',
    fix: 'Build with `sourcemap: false` (esbuild) and strip `sourceURL` comments that bundled code carries.',
    run: (ctx) => scanFiles(ctx, MAP_COMMENT, (m) => ({
      message: m[1]?.startsWith('data:') ? 'inline source map (data: URI, decoded and scanned)' : `source map comment pointing at ${m[1] ? `'${m[1].slice(0, 80)}'` : 'nothing'}`,
    })),
  },
  {
    id: 'maps/remote-reference', family: 'maps', scope: 'any',
    title: 'No references to object stores or archives',
    reason: 'The leaked map pointed at a zip of the source on a public bucket: a URL to a bucket or an archive is how a package leads to more than it contains.',
    fix: 'Remove the URL (and the map comment carrying it); serve downloads from a release host, never a bucket or an archive of the source.',
    run: (ctx) => scanFiles(ctx, URL_TAIL, (m, _entry, view) => {
      const scheme = SCHEME.exec(view.text.slice(Math.max(0, m.index - 6), m.index))?.[1];
      if (!scheme) return undefined;
      const why = remoteReference(`${scheme}${m[0]}`.replace(/[.,;:]+$/, ''));
      return why ? { message: `${why}: ${scheme}${m[0].slice(0, 100)}` } : undefined;
    }),
  },
];
