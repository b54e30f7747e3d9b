import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportJsonSchema, VerifyReportSchema } from '../../../scripts/release/report-schema.ts';
import { RULES } from '../../../scripts/release/rules/index.ts';
import { CORPUS, SECRETS } from '../../support/release-corpus.ts';
import { runScript } from '../../support/release-run.ts';
import { makeTgz } from '../../support/release-tarball.ts';

/* `npm run release:verify` as a program: exit codes, human and JSON reports, redaction, options. */

const CLI = 'scripts/release/verify-cli.ts';
let dir: string;
let bad: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wren-verify-cli-'));
  bad = join(dir, 'bad.tgz');
  writeFileSync(bad, makeTgz(CORPUS.find((c) => c.name === 'inline base64 map holding a key')!.entries!));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('release:verify', () => {
  it('human report: a table of rules, then every violation with rule id, file, excerpt and fix; the key redacted', async () => {
    const r = await runScript(CLI, [bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^\s+shape\/tar-format\s+pass$/m);
    expect(r.stdout).toMatch(/^\s+secrets\/anthropic\s+FAIL \(1\)$/m);
    expect(r.stdout).toContain('[secrets/anthropic] package/dist/external/chunks/main-ABCDEFGH.js');
    expect(r.stdout).toContain('in data: URI at offset');
    expect(r.stdout).toContain('fix: Revoke and rotate');
    expect(r.stdout).toContain('sk-ant-[REDACTED');
    expect(r.stdout).toMatch(/^REFUSED: \d+ passed, \d+ failed/m);
    expect(r.stdout + r.stderr).not.toContain(SECRETS.anthropic);
  });

  it('--json follows the documented schema and redacts too', async () => {
    const r = await runScript(CLI, [bad, '--json']);
    expect(r.code).toBe(1);
    const report = VerifyReportSchema.parse(JSON.parse(r.stdout));
    expect(report.ok).toBe(false);
    const ids = new Set(report.violations.map((v) => v.rule));
    for (const id of ['maps/sourcemap-comment', 'maps/sources-content', 'secrets/anthropic']) expect(ids).toContain(id);
    expect(r.stdout).not.toContain(SECRETS.anthropic);
  });

  it('--only and --policy generic select rules; skipped rules say why', async () => {
    const r = await runScript(CLI, [bad, '--json', '--policy', 'generic', '--only', 'secrets,maps/sourcemap-comment']);
    const report = VerifyReportSchema.parse(JSON.parse(r.stdout));
    const byId = Object.fromEntries(report.rules.map((x) => [x.id, x]));
    expect(byId['secrets/anthropic']!.status).toBe('fail');
    expect(byId['maps/sourcemap-comment']!.status).toBe('fail');
    expect(byId['maps/sources-content']!.skipped).toBe('not selected (--only)');
    expect(report.policy).toBe('generic');
    expect(r.code).toBe(1);
  });

  it('usage errors and unreadable input exit 2', async () => {
    expect((await runScript(CLI, [join(dir, 'missing.tgz')])).code).toBe(2);
    expect((await runScript(CLI, [bad, '--policy', 'public'])).code).toBe(2);
    const unknown = await runScript(CLI, [bad, '--only', 'no-such-rule']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("no rule or family 'no-such-rule'");
    expect((await runScript(CLI, [])).code).toBe(2);
  });

  it('a file that is not a tarball is a violation, not a crash', async () => {
    const junk = join(dir, 'junk.tgz');
    writeFileSync(junk, 'not a tarball at all');
    const r = await runScript(CLI, [junk, '--json', '--policy', 'generic']);
    expect(r.code).toBe(1);
    const report = VerifyReportSchema.parse(JSON.parse(r.stdout));
    expect(report.violations.some((v) => v.rule === 'shape/tar-format')).toBe(true);
  });

  it('the committed report.schema.json is generated from the zod schema', () => {
    const committed = JSON.parse(readFileSync(new URL('../../../scripts/release/report.schema.json', import.meta.url), 'utf8')) as unknown;
    expect(committed).toEqual(reportJsonSchema());
  });
});

describe('documentation', () => {
  it('scripts/release/README.md lists every rule id', () => {
    const readme = readFileSync(new URL('../../../scripts/release/README.md', import.meta.url), 'utf8');
    expect(RULES.map((r) => r.id).filter((id) => !readme.includes(`| \`${id}\` |`))).toEqual([]);
  });
});
