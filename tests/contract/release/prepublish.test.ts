import { describe, expect, it } from 'vitest';
import { runNpm, runScript } from '../../support/release-run.ts';

/*
 * A direct `npm publish` of the source folder is refused by prepublishOnly,
 * pointing at the release command; `npm pack` keeps working. The registry is a
 * closed loopback port: if the guard did not refuse, npm would fail later with
 * a connection error instead of the guard's message.
 */

const CLOSED = 'http://127.0.0.1:9/';

describe('prepublishOnly guard', () => {
  it('refuses `npm publish` of the source folder and names the release command', async () => {
    const r = await runNpm(['publish', '--registry', CLOSED]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('npm publish of the source folder is refused');
    expect(r.stderr).toContain('npm run release -- --dry-run');
    expect(r.stderr).not.toMatch(/ECONNREFUSED/);
  });

  it('refuses `npm publish --dry-run` too (the folder path is never the release path)', async () => {
    const r = await runNpm(['publish', '--dry-run', '--registry', CLOSED]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('npm publish of the source folder is refused');
  });

  it('leaves `npm pack` working (the release flow packs)', async () => {
    const r = await runNpm(['pack', '--dry-run', '--json']);
    expect(r.code).toBe(0);
    const [packed] = JSON.parse(r.stdout) as { name: string; files: { path: string }[] }[];
    expect(packed!.name).toBe('wren-code');
    expect(packed!.files.map((f) => f.path)).toContain('dist/external/cli.js');
  });

  it('decides on npm_command: publish refused, anything else allowed', async () => {
    const env = (command: string): NodeJS.ProcessEnv => ({ ...process.env, npm_command: command, npm_lifecycle_event: 'prepublishOnly' });
    expect((await runScript('scripts/release/prepublish-guard.ts', [], { env: env('publish') })).code).toBe(1);
    expect((await runScript('scripts/release/prepublish-guard.ts', [], { env: env('run-script') })).code).toBe(0);
    expect((await runScript('scripts/release/prepublish-guard.ts', [], { env: env('pack') })).code).toBe(0);
  });
});
