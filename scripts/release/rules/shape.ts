import type { TarEntry } from '../tarball.ts';
import { isRegularFile } from '../tarball.ts';
import type { Finding, Rule, RuleContext } from './types.ts';

/** Directory entries are named with a trailing slash; that slash is not a path problem. */
function bare(entry: TarEntry): string {
  return entry.type === 'Directory' ? entry.path.replace(/\/$/, '') : entry.path;
}

/** Why a raw tar path is unsafe to extract, or undefined when it is a plain relative path. */
export function unsafePath(path: string): string | undefined {
  if (path.startsWith('/') || path.startsWith('\\')) return 'absolute path';
  if (/^[A-Za-z]:/.test(path)) return 'drive-letter path';
  if (path.includes('\\')) return 'backslash in path (a separator on Windows)';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'control character in path';
  const segments = path.split('/');
  if (segments.includes('..')) return '".." segment (escapes the extraction folder)';
  if (segments.includes('.')) return '"." segment';
  if (segments.includes('')) return 'empty path segment';
  return undefined;
}

/** Turns one expected-files line into a matcher; `[hash]` is an esbuild content hash. */
export function expectedPattern(line: string): RegExp {
  const source = line.split('[hash]').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[A-Z0-9]{8}');
  return new RegExp(`^${source}$`);
}

/** The expected-files line that describes a path (hashes replaced by `[hash]`). */
export function expectedLine(path: string): string {
  return path.replace(/-[A-Z0-9]{8}(\.[a-z]+)$/, '-[hash]$1');
}

const pretty = (n: number): string => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} B`);

export const SHAPE_RULES: readonly Rule[] = [
  {
    id: 'shape/tar-format', family: 'shape', scope: 'any',
    title: 'The archive is a clean gzipped tar',
    reason: 'An entry tar skips or distrusts (bad checksum, truncated data, oversized metadata) may be extracted differently by another tool than the verifier read it.',
    fix: 'Produce the tarball with `npm pack`; never hand-edit or re-compress it.',
    run: (ctx) => ctx.tarball.problems.map((p) => ({ file: p.path ?? '(archive)', message: `${p.code}: ${p.message}` })),
  },
  {
    id: 'shape/single-root', family: 'shape', scope: 'any',
    title: 'Every entry sits under one root folder',
    reason: 'npm strips the first path segment; entries outside a single root land somewhere other than the package folder.',
    fix: 'Pack with `npm pack`, which puts every file under `package/`.',
    run: (ctx) => {
      const safe = ctx.tarball.entries.filter((e) => !unsafePath(bare(e)));
      const roots = new Map<string, string>();
      const findings: Finding[] = [];
      for (const entry of safe) {
        const path = bare(entry);
        const slash = path.indexOf('/');
        if (slash === -1 && entry.type !== 'Directory') findings.push({ file: entry.path, message: 'file at the top level of the archive, outside any root folder' });
        const root = slash === -1 ? path : path.slice(0, slash);
        if (!roots.has(root)) roots.set(root, entry.path);
      }
      if (roots.size > 1) findings.push({ file: '(archive)', excerpt: [...roots.keys()].join(', '), message: `${roots.size} root folders` });
      const expected = ctx.policy.project ? 'package' : undefined;
      if (expected && roots.size === 1 && !roots.has(expected)) findings.push({ file: [...roots.values()][0]!, message: `root folder is not '${expected}/'` });
      return findings;
    },
  },
  {
    id: 'shape/path-safety', family: 'shape', scope: 'any',
    title: 'No absolute paths, no `..`, no backslashes',
    reason: 'A path that climbs out of the package folder writes wherever the archive says when an extractor trusts it (zip-slip).',
    fix: 'Rebuild the tarball with `npm pack` from a clean tree; remove whatever produced the entry.',
    run: (ctx) => ctx.tarball.entries.flatMap((e) => {
      const why = unsafePath(bare(e));
      return why ? [{ file: JSON.stringify(e.path), message: why }] : [];
    }),
  },
  {
    id: 'shape/duplicate-path', family: 'shape', scope: 'any',
    title: 'Each path appears once',
    reason: 'With two entries for one path the extractor keeps the last one, while a scanner may have read the first; paths equal but for case collide on macOS and Windows.',
    fix: 'Pack with `npm pack`; rename files that differ only by case.',
    run: (ctx) => {
      const seen = new Map<string, TarEntry>();
      const findings: Finding[] = [];
      for (const entry of ctx.tarball.entries) {
        const key = bare(entry).normalize('NFC').toLowerCase();
        const first = seen.get(key);
        if (first) findings.push({ file: entry.path, message: first.path === entry.path ? `appears more than once (entries ${first.index} and ${entry.index})` : `collides with '${first.path}' on case-insensitive file systems` });
        else seen.set(key, entry);
      }
      return findings;
    },
  },
  {
    id: 'shape/entry-type', family: 'shape', scope: 'any',
    title: 'Regular files only (no symlinks, hard links, devices)',
    reason: 'A link entry can point outside the package or at a file that was never verified; devices and FIFOs have no place in a package.',
    fix: 'Replace the link by the file it points to, or drop it from `files`.',
    run: (ctx) => ctx.tarball.entries.filter((e) => !isRegularFile(e) && e.type !== 'Directory').map((e) => ({
      file: e.path,
      ...(e.linkpath ? { excerpt: `-> ${e.linkpath}` } : {}),
      message: `${e.type} entry`,
    })),
  },
  {
    id: 'shape/mode', family: 'shape', scope: 'any',
    title: 'Sane permission bits',
    reason: 'setuid, setgid or sticky bits, group- or world-writable files, or unreadable files are never what a package means to install.',
    fix: 'Pack with `npm pack`, which normalises modes to 0644 and 0755.',
    run: (ctx) => ctx.tarball.entries.flatMap((e) => {
      const mode = e.mode & 0o7777;
      const problems: string[] = [];
      if (mode & 0o7000) problems.push('setuid/setgid/sticky bit');
      if (mode & 0o022) problems.push('group- or world-writable');
      if (!(mode & 0o400)) problems.push('not readable by its owner');
      return problems.length ? [{ file: e.path, excerpt: `mode ${mode.toString(8).padStart(4, '0')}`, message: problems.join(', ') }] : [];
    }),
  },
  {
    id: 'shape/allowlist', family: 'shape', scope: 'project',
    title: 'Exactly the committed list of files',
    reason: 'npm packs whatever `files` matches plus files it always includes; a committed list makes every added or lost file a reviewed change.',
    fix: 'If the change is intended, record it: `node scripts/release/update-expected.ts <file.tgz>` and commit the list; otherwise fix `files` or the build.',
    run: (ctx) => allowlist(ctx),
  },
  {
    id: 'shape/file-size', family: 'shape', scope: 'project',
    title: 'Each file within the per-file budget',
    reason: 'The 59.8 MB source map incident: one oversized file is the usual sign that something unintended was packed.',
    fix: 'Find out why the file grew (a source map, an embedded asset, a dependency bundled twice); raise the budget in scripts/release/policy.ts only deliberately.',
    run: (ctx) => ctx.files.filter((e) => e.size > ctx.policy.budgets.maxFileBytes)
      .map((e) => ({ file: e.path, excerpt: pretty(e.size), message: `over the ${pretty(ctx.policy.budgets.maxFileBytes)} per-file budget` })),
  },
  {
    id: 'shape/total-size', family: 'shape', scope: 'project',
    title: 'The whole package within its budget',
    reason: 'The external package must stay small (a few MB at most); a jump in total size or file count means something was packed that should not be.',
    fix: 'Remove what was added by mistake; raise the budget in scripts/release/policy.ts only deliberately.',
    run: (ctx) => {
      const { budgets } = ctx.policy;
      const t = ctx.tarball;
      const out: Finding[] = [];
      if (t.unpackedSize > budgets.maxUnpackedBytes) out.push({ file: '(archive)', excerpt: pretty(t.unpackedSize), message: `unpacked size over the ${pretty(budgets.maxUnpackedBytes)} budget` });
      if (t.packedSize > budgets.maxPackedBytes) out.push({ file: '(archive)', excerpt: pretty(t.packedSize), message: `packed size over the ${pretty(budgets.maxPackedBytes)} budget` });
      if (t.entries.length > budgets.maxEntries) out.push({ file: '(archive)', excerpt: `${t.entries.length} entries`, message: `more than ${budgets.maxEntries} entries` });
      return out;
    },
  },
  {
    id: 'shape/size-drift', family: 'shape', scope: 'project',
    title: 'Size close to the previous release',
    reason: 'Growth well beyond the last release (recorded in scripts/release/policy/previous-release.json) is how an accidental source map or asset shows up.',
    fix: 'Explain the growth; if it is intended, raise maxGrowth in scripts/release/policy.ts for this release.',
    run: (ctx) => {
      const previous = ctx.policy.previous;
      if (!previous?.unpackedSize) return [];
      const limit = Math.round(previous.unpackedSize * (1 + ctx.policy.budgets.maxGrowth));
      if (ctx.tarball.unpackedSize <= limit) return [];
      const growth = ((ctx.tarball.unpackedSize / previous.unpackedSize - 1) * 100).toFixed(0);
      return [{ file: '(archive)', excerpt: `${pretty(previous.unpackedSize)} in ${previous.version} -> ${pretty(ctx.tarball.unpackedSize)}`, message: `unpacked size grew ${growth} % (limit +${ctx.policy.budgets.maxGrowth * 100} %)` }];
    },
  },
];

function allowlist(ctx: RuleContext): Finding[] {
  const { expectedFiles, expectedFilesSource } = ctx.policy;
  if (!expectedFiles) return [{ file: expectedFilesSource, message: `no expected file list is committed for policy '${ctx.policy.name}'` }];
  const patterns = expectedFiles.map((line) => ({ line, regex: expectedPattern(line), used: false }));
  const findings: Finding[] = [];
  for (const entry of ctx.tarball.entries) {
    if (entry.type === 'Directory') continue;
    const match = patterns.find((p) => !p.used && p.regex.test(entry.path));
    if (match) match.used = true;
    else findings.push({ file: entry.path, excerpt: isRegularFile(entry) ? `${entry.size} bytes` : entry.type, message: `not in ${expectedFilesSource}` });
  }
  for (const p of patterns.filter((p) => !p.used)) findings.push({ file: p.line, message: `expected by ${expectedFilesSource} but missing from the tarball` });
  return findings;
}
