import semver from 'semver';
import type { CompromisedPackage, LockEntry } from '../policy.ts';
import type { Finding, Rule, RuleContext } from './types.ts';

/** The package name of a lockfile key (`node_modules/a/node_modules/@s/b` -> `@s/b`). */
export function lockName(key: string): string {
  const at = key.lastIndexOf('node_modules/');
  return at === -1 ? key : key.slice(at + 'node_modules/'.length);
}

/** Whether a spec (exact version or range) can resolve to a denylisted version. */
function hits(bad: CompromisedPackage, spec: string): boolean {
  if (bad.versions === '*') return true;
  if (semver.valid(spec)) return bad.versions.includes(semver.clean(spec) ?? spec);
  if (!semver.validRange(spec)) return false;
  return bad.versions.some((v) => semver.satisfies(v, spec, { includePrerelease: true }));
}

function lockEntries(ctx: RuleContext): [string, LockEntry][] {
  return Object.entries(ctx.policy.lockfile?.packages ?? {}).filter(([key]) => key !== '');
}

export const SUPPLY_CHAIN_RULES: readonly Rule[] = [
  {
    id: 'supply-chain/compromised', family: 'supply-chain', scope: 'any',
    title: 'No known-compromised package versions',
    reason: 'axios 1.14.1 and 0.30.4 (2026-03-31) shipped plain-crypto-js@4.2.1, whose postinstall dropped a RAT; known-bad versions must never be depended on, bundled or locked.',
    fix: 'Pin a safe version (and regenerate the lockfile); the denylist is scripts/release/policy/compromised-packages.json.',
    run: (ctx) => {
      const out: Finding[] = [];
      const deny = ctx.policy.compromised;
      if (ctx.manifest) {
        for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'devDependencies'] as const) {
          const deps = ctx.manifest[field];
          if (!deps || typeof deps !== 'object') continue;
          for (const [name, spec] of Object.entries(deps as Record<string, unknown>)) {
            const bad = deny.find((d) => d.name === name && hits(d, String(spec)));
            if (bad) out.push({ file: ctx.manifestPath, excerpt: `${field}.${name}: ${String(spec)}`, message: `can resolve to a compromised version (${bad.advisory})` });
          }
        }
      }
      for (const entry of ctx.tarball.entries) {
        const name = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(entry.path)?.[1];
        const bad = name && deny.find((d) => d.name === name);
        if (bad) out.push({ file: entry.path, message: `bundles ${name} (${bad.advisory})` });
      }
      for (const [key, lock] of lockEntries(ctx)) {
        const name = lockName(key);
        const bad = deny.find((d) => d.name === name && lock.version !== undefined && hits(d, lock.version));
        if (bad) out.push({ file: ctx.policy.lockfile!.file, excerpt: `${key}@${lock.version}`, message: `locked to a compromised version (${bad.advisory})` });
      }
      return out;
    },
  },
  {
    id: 'supply-chain/lockfile-integrity', family: 'supply-chain', scope: 'any', needsLockfile: true,
    title: 'Every locked package has a sha512 integrity',
    reason: 'Without an integrity hash a tampered tarball of a dependency installs, and is then bundled into our artifact, unnoticed.',
    fix: 'Regenerate the lockfile from the registry (`npm install` with Node 24 on PATH) so every entry records `integrity`.',
    run: (ctx) => lockEntries(ctx)
      .filter(([, lock]) => !lock.link && !lock.inBundle && !(lock.integrity ?? '').split(/\s+/).some((i) => i.startsWith('sha512-')))
      .map(([key, lock]) => ({ file: ctx.policy.lockfile!.file, excerpt: key, message: lock.integrity ? `weak integrity (${lock.integrity.split('-')[0]})` : 'no integrity' })),
  },
  {
    id: 'supply-chain/lockfile-registry', family: 'supply-chain', scope: 'any', needsLockfile: true,
    title: 'Locked packages come from the registry only',
    reason: 'A locked git, file, link or foreign-host source bypasses the registry and its integrity and audit trail.',
    fix: 'Replace the dependency by a registry version and regenerate the lockfile.',
    run: (ctx) => {
      const out: Finding[] = [];
      for (const [key, lock] of lockEntries(ctx)) {
        if (lock.link) { out.push({ file: ctx.policy.lockfile!.file, excerpt: key, message: 'linked local package' }); continue; }
        // No `resolved` means "the configured registry" (omit-lockfile-registry-resolved).
        if (lock.resolved === undefined || lock.inBundle) continue;
        if (!ctx.policy.allowedRegistries.some((r) => lock.resolved!.startsWith(r))) {
          out.push({ file: ctx.policy.lockfile!.file, excerpt: `${key}: ${lock.resolved}`, message: 'resolved outside the allowed registries' });
        }
      }
      return out;
    },
  },
];
