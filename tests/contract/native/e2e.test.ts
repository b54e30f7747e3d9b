import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { offFlags, onFlags } from '../../../flags/profiles.ts';
import { startFakeApi } from '../../support/fake-api/index.ts';
import { testdir } from '../../support/testdir.ts';
import { ARTIFACTS, VERSION } from './support/artifacts.ts';

/*
 * The same end-to-end cases against the npm build and the native binary.
 * Add a case here and it runs against both. The binary is the one
 * `node build/native/build-sea.ts` made from the current dist/native/cli.js
 * (or, if that is stale or missing, the same build into the test cache).
 */

describe.each(ARTIFACTS)('$name', (artifact) => {
  beforeAll(() => artifact.prepare(), 300_000);

  test('--version and -v print the version and nothing else', async () => {
    for (const flag of ['--version', '-v']) {
      const r = await artifact.run([flag]);
      expect(r).toEqual({ code: 0, stdout: `${VERSION} (Wren)\n`, stderr: '' });
    }
  });

  test('--help shows usage and names no flag that is off in its profile', async () => {
    const r = await artifact.run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: wren');
    expect(r.stdout).toContain('flags');
    for (const name of offFlags(artifact.profile)) expect(r.stdout).not.toContain(name);
    // Self-update exists only where NATIVE_AUTO_UPDATE is compiled in.
    expect(/^\s+update \[options\]/m.test(r.stdout)).toBe(onFlags(artifact.profile).includes('NATIVE_AUTO_UPDATE'));
  });

  test('`wren flags --json` lists exactly the profile\'s on flags', async () => {
    const r = await artifact.run(['flags', '--json']);
    expect(r.code).toBe(0);
    const listed = JSON.parse(r.stdout) as { target: string; version: string; flags: { name: string }[] };
    expect(listed.target).toBe(artifact.profile);
    expect(listed.version).toBe(VERSION);
    expect(listed.flags.map((f) => f.name).sort()).toEqual([...onFlags(artifact.profile)].sort());
  });

  test('an unknown option is a usage error: exit 2, one error line, nothing on stdout', async () => {
    const r = await artifact.run(['--no-such-option']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe("error: unknown option '--no-such-option'");
  });

  test('headless: `wren -p` answers one turn from the (fake) Messages API', async () => {
    const api = await startFakeApi(['Done.']);
    try {
      const home = testdir();
      const work = join(home, 'project');
      mkdirSync(work);
      const env = { PATH: process.env['PATH'] ?? '', HOME: home, ANTHROPIC_BASE_URL: api.url, ANTHROPIC_API_KEY: 'sk-test-fake' };
      const r = await artifact.run(['-p', 'say done'], env, work);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('Done.\n');
      expect(api.messageRequests).toHaveLength(1);
    } finally {
      await api.close();
    }
  });
});
