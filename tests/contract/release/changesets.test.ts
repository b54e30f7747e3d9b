import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pendingChangesets, release } from '../../../scripts/release/flow.ts';
import { ROOT, runProgram } from '../../support/release-run.ts';

/*
 * Versioning is changesets' job (with the committed .changeset/config.json);
 * publishing is ours, and it refuses to run while changesets are pending.
 */

let repo: string;

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'wren-changesets-'));
  mkdirSync(join(repo, '.changeset'));
  copyFileSync(join(ROOT, '.changeset/config.json'), join(repo, '.changeset/config.json'));
  copyFileSync(join(ROOT, '.changeset/README.md'), join(repo, '.changeset/README.md'));
  writeFileSync(join(repo, 'package.json'), `${JSON.stringify({ name: 'wren-code', version: '0.1.0' }, null, 2)}\n`);
  symlinkSync(join(ROOT, 'node_modules'), join(repo, 'node_modules'), 'dir');
  writeFileSync(join(repo, '.changeset/brave-wren.md'), '---\n"wren-code": minor\n---\n\nShip the verified release pipeline.\n');
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('changesets', () => {
  it('`changeset version` with the committed config bumps the version and writes the changelog', async () => {
    const r = await runProgram(process.execPath, [join(ROOT, 'node_modules/@changesets/cli/bin.js'), 'version'], { cwd: repo });
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string }).version).toBe('0.2.0');
    expect(readFileSync(join(repo, 'CHANGELOG.md'), 'utf8')).toMatch(/## 0\.2\.0[\s\S]*Ship the verified release pipeline\./);
    expect(pendingChangesets(repo)).toEqual([]);
    expect(readdirSync(join(repo, '.changeset')).sort()).toEqual(['README.md', 'config.json']);
  });

  it('the release refuses to run while changesets are pending, before building anything', async () => {
    expect(pendingChangesets(repo)).toEqual(['brave-wren.md']);
    const lines: string[] = [];
    await expect(release({ root: repo, dryRun: true, log: (l) => lines.push(l) })).rejects.toMatchObject({ code: 'PENDING_CHANGESETS' });
    expect(lines.join('\n')).not.toContain('build');
  });
});
