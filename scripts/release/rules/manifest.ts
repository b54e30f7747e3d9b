import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { isRegularFile } from '../tarball.ts';
import { unsafePath } from './shape.ts';
import type { Finding, Manifest, Rule, RuleContext } from './types.ts';

const RUNTIME_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies'] as const;
const ALL_DEP_FIELDS = [...RUNTIME_FIELDS, 'devDependencies'] as const;
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'preuninstall', 'uninstall', 'postuninstall'];

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Runtime dependencies of a manifest (what an install of the package pulls in), name -> spec. */
export function runtimeDependencies(manifest: Manifest): Map<string, string> {
  const out = new Map<string, string>();
  for (const field of RUNTIME_FIELDS) for (const [name, spec] of Object.entries(record(manifest[field]))) out.set(name, String(spec));
  const bundled = manifest.bundleDependencies ?? manifest.bundledDependencies;
  if (Array.isArray(bundled)) for (const name of bundled) if (!out.has(String(name))) out.set(String(name), '(bundled)');
  return out;
}

/** Why a dependency spec does not come from the registry, or undefined. */
export function nonRegistrySpec(spec: unknown): string | undefined {
  if (typeof spec !== 'string') return 'not a string';
  const s = spec.trim();
  const protocol = /^([a-z][a-z0-9+.-]*):/i.exec(s)?.[1]?.toLowerCase();
  if (protocol === 'npm') return undefined; // alias: still the registry
  if (protocol === 'file' || protocol === 'link' || protocol === 'portal') return `${protocol}: (local path)`;
  if (protocol === 'workspace' || protocol === 'catalog') return `${protocol}: (a monorepo-only protocol npm cannot install)`;
  if (protocol && /^(?:git|git\+\w+|github|gitlab|bitbucket|gist)$/.test(protocol)) return 'git dependency';
  if (protocol === 'http' || protocol === 'https') return 'URL dependency';
  if (protocol) return `${protocol}: protocol`;
  if (/^(?:\.{0,2}\/|~\/)/.test(s) || /\.t(?:ar\.)?gz$/i.test(s)) return 'local path or tarball';
  if (/^[\w.-]+\/[\w.-]+(?:#.*)?$/.test(s)) return 'GitHub shorthand (user/repo)';
  return undefined;
}

/** The manifest's bin entries as name -> target, whatever form the field takes. */
function binEntries(manifest: Manifest): [string, string][] {
  if (typeof manifest.bin === 'string') return [[String(manifest.name ?? ''), manifest.bin]];
  return Object.entries(record(manifest.bin)).map(([name, target]) => [name, String(target)]);
}

async function runPublint(ctx: RuleContext): Promise<Finding[]> {
  if (!ctx.manifest || !ctx.root) return [];
  const files = ctx.files.filter((e) => !unsafePath(e.path)).map((e) => ({ name: e.path, data: e.data }));
  const result = await publint({ pkgDir: ctx.root, pack: { files }, strict: true, level: 'warning' });
  return result.messages.filter((m) => m.type === 'error').map((m) => ({
    file: ctx.manifestPath,
    excerpt: m.path.join('.') || '(package.json)',
    message: `publint ${m.code}: ${formatMessage(m, result.pkg, { color: false }) ?? m.code}`,
  }));
}

export const MANIFEST_RULES: readonly Rule[] = [
  {
    id: 'manifest/package-json', family: 'manifest', scope: 'any',
    title: 'A valid package.json at the root',
    reason: 'Every other manifest rule, and npm itself, read it; a project tarball must carry the project\'s own name.',
    fix: 'Pack with `npm pack` from the project folder; fix package.json until it parses with a name and version.',
    run: (ctx) => {
      if (!ctx.manifest) return [{ file: ctx.manifestPath, message: 'missing or not a JSON object' }];
      const out: Finding[] = [];
      if (typeof ctx.manifest.name !== 'string' || !ctx.manifest.name) out.push({ file: ctx.manifestPath, message: 'no "name"' });
      if (typeof ctx.manifest.version !== 'string' || !/^\d+\.\d+\.\d+(?:[-+][\w.+-]*)?$/.test(ctx.manifest.version)) out.push({ file: ctx.manifestPath, message: 'no valid "version"' });
      const expected = ctx.policy.packageName;
      if (expected && ctx.manifest.name !== expected) out.push({ file: ctx.manifestPath, excerpt: `"name": ${JSON.stringify(ctx.manifest.name)}`, message: `not the project's package (${expected})` });
      return out;
    },
  },
  {
    id: 'manifest/publint', family: 'manifest', scope: 'any',
    title: 'publint (strict) finds nothing',
    reason: 'publint checks that entry points, exports, bin and formats are consistent with the files actually packed.',
    fix: 'Apply publint\'s advice to package.json (run `npx publint --strict <file.tgz>` for details).',
    run: runPublint,
  },
  {
    id: 'manifest/install-scripts', family: 'manifest', scope: 'any',
    title: 'No install scripts',
    reason: 'Install scripts run on every user\'s machine at install time (the axios 1.14.1 compromise dropped its payload from a postinstall); a root binding.gyp triggers an implicit `node-gyp rebuild`.',
    fix: 'Remove the script (everything is bundled at build time; nothing needs to run at install).',
    run: (ctx) => {
      if (!ctx.manifest) return [];
      const scripts = record(ctx.manifest.scripts);
      const out: Finding[] = INSTALL_SCRIPTS.filter((s) => s in scripts)
        .map((s) => ({ file: ctx.manifestPath, excerpt: `"${s}": ${JSON.stringify(scripts[s]).slice(0, 120)}`, message: `${s} script` }));
      const gyp = ctx.files.find((e) => e.path === `${ctx.root}/binding.gyp`);
      if (gyp || ctx.manifest.gypfile === true) out.push({ file: gyp?.path ?? ctx.manifestPath, message: 'binding.gyp / gypfile: npm runs `node-gyp rebuild` at install' });
      return out;
    },
  },
  {
    id: 'manifest/bin', family: 'manifest', scope: 'any',
    title: 'bin targets exist, start with a shebang and use LF endings',
    reason: 'A missing or CRLF bin installs a command that fails ("env: node\\r: No such file"); a bin name or target with path parts escapes the bin folder.',
    fix: 'Point `bin` at a packed file that starts with `#!/usr/bin/env node` and has LF line endings.',
    run: (ctx) => {
      if (!ctx.manifest) return [];
      const out: Finding[] = [];
      for (const [name, target] of binEntries(ctx.manifest)) {
        if (!name || /[/\\]|^\.\.?$/.test(name)) out.push({ file: ctx.manifestPath, excerpt: `bin ${JSON.stringify(name)}`, message: 'bin name with path parts' });
        const rel = target.replace(/^\.\//, '');
        if (unsafePath(rel)) { out.push({ file: ctx.manifestPath, excerpt: `bin ${name}: ${target}`, message: 'bin target escapes the package' }); continue; }
        const entry = ctx.files.find((e) => e.path === `${ctx.root}/${rel}`);
        if (!entry || !isRegularFile(entry)) { out.push({ file: `${ctx.root}/${rel}`, excerpt: `bin ${name}`, message: 'bin target is not in the tarball' }); continue; }
        if (entry.data[0] !== 0x23 || entry.data[1] !== 0x21) out.push({ file: entry.path, excerpt: entry.data.subarray(0, 40).toString('latin1'), message: 'no shebang (#!) on the first line' });
        const firstLine = entry.data.subarray(0, Math.max(0, entry.data.indexOf(0x0a)));
        if (firstLine.includes(0x0d)) out.push({ file: entry.path, message: 'CRLF on the shebang line' });
        else if (entry.data.includes('\r\n')) out.push({ file: entry.path, message: 'CRLF line endings' });
      }
      return out;
    },
  },
  {
    id: 'manifest/dependency-specs', family: 'manifest', scope: 'any',
    title: 'Dependencies come from the registry',
    reason: '`file:`, `link:`, git and URL dependencies bypass registry integrity and either break for users or fetch unreviewed code.',
    fix: 'Depend on published registry versions (or bundle the code).',
    run: (ctx) => {
      if (!ctx.manifest) return [];
      const out: Finding[] = [];
      for (const field of ALL_DEP_FIELDS) {
        for (const [name, spec] of Object.entries(record(ctx.manifest[field]))) {
          const why = nonRegistrySpec(spec);
          if (why) out.push({ file: ctx.manifestPath, excerpt: `${field}.${name}: ${JSON.stringify(spec)}`, message: why });
        }
      }
      return out;
    },
  },
  {
    id: 'manifest/files-field', family: 'manifest', scope: 'any',
    title: 'A `files` allowlist is declared',
    reason: 'Without `files`, npm packs the whole folder minus a few ignores: `.env`, keys, `src/`, build state.',
    fix: 'Declare `"files"` with the build output folder only.',
    run: (ctx) => {
      if (!ctx.manifest) return [];
      const files = ctx.manifest.files;
      const ok = Array.isArray(files) && files.length > 0 && files.every((f) => typeof f === 'string' && f.trim());
      return ok ? [] : [{ file: ctx.manifestPath, excerpt: `"files": ${JSON.stringify(files) ?? 'absent'}`, message: 'no non-empty `files` array' }];
    },
  },
  {
    id: 'manifest/new-runtime-dependency', family: 'manifest', scope: 'project',
    title: 'No runtime dependency the previous release did not have',
    reason: 'A hijacked maintainer token published axios 1.14.1 with one new dependency whose postinstall dropped a RAT; a new dependency must be a deliberate, reviewed decision.',
    fix: 'Bundle it instead, or approve it in scripts/release/policy/approved-dependencies.json (name, spec, reason) in a reviewed commit.',
    run: (ctx) => {
      if (!ctx.manifest) return [];
      const previous = ctx.policy.previous?.dependencies ?? {};
      const out: Finding[] = [];
      for (const [name, spec] of runtimeDependencies(ctx.manifest)) {
        if (previous[name] === spec) continue;
        if (ctx.policy.approvedDependencies.some((a) => a.name === name && a.spec === spec)) continue;
        const was = previous[name];
        out.push({ file: ctx.manifestPath, excerpt: `${name}: ${spec}`, message: was === undefined ? 'new runtime dependency, not approved' : `runtime dependency changed from ${was}, not approved` });
      }
      return out;
    },
  },
];
