import { describe, expect, it } from 'vitest';
import { loadPolicy, type Policy } from '../../../scripts/release/policy.ts';
import { RULES } from '../../../scripts/release/rules/index.ts';
import { verifyTarball, type VerifyReport } from '../../../scripts/release/verify.ts';
import { CLEAN_CASES, CODENAME, CORPUS, GOOD_LOCK, SECRETS, type CorpusCase } from '../../support/release-corpus.ts';
import { makeTgz } from '../../support/release-tarball.ts';

/*
 * The bad-package corpus: each package carries one flaw (or one evasion of a
 * naive check) and must be refused by exactly the rules the case names; the
 * clean packages must pass. Policies come from the committed records, with the
 * expected-files list derived from each case so only the targeted rule fires.
 */

const committed = loadPolicy('external', { lockfile: false });

function policyFor(c: CorpusCase, base: Policy = committed): Policy {
  const expected = c.expected ?? (c.entries ?? []).filter((e) => e.type !== 'Directory' && !e.unlisted).map((e) => e.path);
  const policy: Policy = {
    ...base,
    expectedFiles: expected,
    previous: { version: '0.9.0', integrity: null, packedSize: null, unpackedSize: null, dependencies: {} },
    approvedDependencies: [],
    lockfile: { file: 'package-lock.json', packages: GOOD_LOCK },
  };
  return c.policy ? c.policy(policy) : policy;
}

async function verifyCase(c: CorpusCase, base?: Policy): Promise<VerifyReport> {
  const bytes = c.bytes ? c.bytes() : makeTgz(c.entries ?? []);
  return verifyTarball(bytes, { policy: policyFor(c, base), file: `${c.name}.tgz` });
}

const failed = (report: VerifyReport): string[] => report.rules.filter((r) => r.status === 'fail').map((r) => r.id).sort();

describe('bad-package corpus', () => {
  it('holds at least 40 packages and targets every rule', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    const targeted = new Set(CORPUS.map((c) => c.rule));
    expect(RULES.map((r) => r.id).filter((id) => !targeted.has(id))).toEqual([]);
  });

  it.each(CORPUS.map((c) => [c.name, c] as const))('%s: refused by its rule', async (_name, c) => {
    const report = await verifyCase(c);
    expect(report.ok).toBe(false);
    expect(failed(report)).toEqual([c.rule, ...(c.also ?? [])].sort());
    for (const v of report.violations) {
      expect(v.file).not.toBe('');
      expect(v.message).not.toBe('');
      expect(v.fix.length).toBeGreaterThan(10);
    }
    // Whatever was found, no secret leaves the verifier unredacted.
    const printed = JSON.stringify(report);
    for (const secret of Object.values(SECRETS)) expect(printed).not.toContain(secret.split('\n')[1] ?? secret);
  });

  it.each(CLEAN_CASES.map((c) => [c.name, c] as const))('%s: passes', async (_name, c) => {
    const report = await verifyCase(c);
    expect(report.violations).toEqual([]);
    expect(report.ok).toBe(true);
  });
});

describe('policies', () => {
  const codename = CORPUS.find((c) => c.name === 'codename in a string')!;

  it('internal: codenames may appear (every flag is on and the target is not public)', async () => {
    const report = await verifyCase(codename, loadPolicy('internal', { lockfile: false }));
    expect(report.rules.find((r) => r.id === 'internal/forbidden-strings')!.status).toBe('pass');
    expect(JSON.stringify(report)).not.toContain('"status":"fail"');
  });

  it('external: the same package is refused and the report names the string and why', async () => {
    const report = await verifyCase(codename);
    const v = report.violations.find((x) => x.rule === 'internal/forbidden-strings')!;
    expect(v.message).toContain(CODENAME);
    expect(v.message).toContain('forbidden string');
    expect(v.excerpt).toMatch(/^line 1: /);
  });

  it('generic: project rules are skipped, the rest still run', async () => {
    const generic = loadPolicy('generic');
    const report = await verifyTarball(makeTgz(CORPUS.find((c) => c.name === 'Anthropic key in a string')!.entries!), { policy: generic });
    const status = Object.fromEntries(report.rules.map((r) => [r.id, r.status]));
    expect(status['shape/allowlist']).toBe('skip');
    expect(status['internal/forbidden-strings']).toBe('skip');
    expect(status['manifest/new-runtime-dependency']).toBe('skip');
    expect(status['supply-chain/lockfile-integrity']).toBe('skip');
    expect(status['secrets/anthropic']).toBe('fail');
    expect(failed(report)).toEqual(['secrets/anthropic']);
  });

  it('--only runs a subset: by family and by id', async () => {
    const c = CORPUS.find((x) => x.name === 'inline base64 map holding a key')!;
    const byFamily = await verifyTarball(makeTgz(c.entries!), { policy: policyFor(c), only: ['maps'] });
    expect(failed(byFamily)).toEqual(['maps/sourcemap-comment', 'maps/sources-content']);
    expect(byFamily.rules.filter((r) => r.status !== 'skip').every((r) => r.family === 'maps')).toBe(true);
    const byId = await verifyTarball(makeTgz(c.entries!), { policy: policyFor(c), only: ['secrets/anthropic'] });
    expect(failed(byId)).toEqual(['secrets/anthropic']);
    await expect(verifyTarball(makeTgz(c.entries!), { policy: policyFor(c), only: ['nope'] })).rejects.toMatchObject({ code: 'USAGE' });
  });
});
