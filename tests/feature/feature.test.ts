import { afterEach, describe, expect, test, vi } from 'vitest';
import { feature } from '../../src/feature/index.ts';
import { buildInfo } from '../../src/build-info/index.ts';
import { runFlagsCommand } from '../../src/entrypoints/flags-command.ts';
import { onFlags } from '../../flags/profiles.ts';

// Unbundled, feature() reads the target profile named by WREN_TARGET.
describe('feature() in tests and dev runs', () => {
  afterEach(() => vi.unstubAllEnvs());

  test('follows the chosen target profile', () => {
    vi.stubEnv('WREN_TARGET', 'external');
    expect(feature('HOOKS')).toBe(true);
    expect(feature('KAIROS')).toBe(false);
    expect(feature('NATIVE_AUTO_UPDATE')).toBe(false);
    vi.stubEnv('WREN_TARGET', 'native');
    expect(feature('NATIVE_AUTO_UPDATE')).toBe(true);
    expect(feature('KAIROS')).toBe(false);
    vi.stubEnv('WREN_TARGET', 'internal');
    expect(feature('KAIROS')).toBe(true);
  });

  test('refuses an unknown target profile', () => {
    vi.stubEnv('WREN_TARGET', 'staging');
    expect(() => feature('HOOKS')).toThrow("WREN_TARGET must be one of external, internal, native, not 'staging'");
  });

  test('an unknown flag name is a type error', () => {
    // @ts-expect-error: 'KAIRSO' is not a FlagName
    expect(() => feature('KAIRSO')).toThrow();
  });

  test('`wren flags` unbundled lists the dev profile through the same gate points', async () => {
    vi.stubEnv('WREN_TARGET', 'external');
    let out = '';
    await runFlagsCommand({ json: true, stdout: { write: (t: string) => (out += t) } });
    const listed = JSON.parse(out) as { target: string; version: string; flags: { name: string; status: string }[] };
    expect(listed.target).toBe('dev');
    expect(listed.version).toBe(buildInfo().version);
    expect(listed.flags.map((f) => f.name)).toEqual(onFlags('external'));
  });
});
