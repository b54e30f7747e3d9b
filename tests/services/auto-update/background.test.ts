import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CHECK_INTERVAL_MS, installLayout, maybeStartBackgroundCheck, type BackgroundDeps } from '../../../src/services/auto-update/index.ts';
import { switchLink } from '../../../src/services/auto-update/layout.ts';
import { testdir } from '../../support/testdir.ts';

function installedHome(): string {
  const home = testdir({
    '.local/share/wren/versions/1.0.0': '', '.local/bin/': '',
    '.local/share/wren/install.json': '{"baseUrl":"https://example.invalid","channel":"stable"}',
  });
  switchLink(installLayout(home), '1.0.0');
  return home;
}

function deps(home: string, over: Partial<BackgroundDeps> = {}): BackgroundDeps & { started: number } {
  const d = {
    layout: installLayout(home), env: {}, home, now: () => new Date('2026-11-20T12:00:00Z'), isNative: true, started: 0,
    startUpdate: () => {
      d.started++;
    },
    ...over,
  };
  return d;
}

const state = (home: string) => JSON.parse(readFileSync(join(home, '.local/share/wren/update-state.json'), 'utf8')) as { lastCheck?: string };

describe('the background update check', () => {
  test('starts at most once a day, recording the time before it starts', () => {
    const home = installedHome();
    const d = deps(home);
    expect(maybeStartBackgroundCheck(d)).toBe('started');
    expect(state(home).lastCheck).toBe('2026-11-20T12:00:00.000Z');
    expect(maybeStartBackgroundCheck(d)).toBe('not-due');
    const later = deps(home, { now: () => new Date(Date.parse('2026-11-20T12:00:00Z') + CHECK_INTERVAL_MS) });
    expect(maybeStartBackgroundCheck(later)).toBe('started');
    expect(d.started + later.started).toBe(2);
  });

  test('a last check in the future (clock moved back) does not block checks forever', () => {
    const home = installedHome();
    writeFileSync(join(home, '.local/share/wren/update-state.json'), '{"lastCheck":"2030-01-01T00:00:00.000Z"}');
    expect(maybeStartBackgroundCheck(deps(home))).toBe('started');
  });

  test('is off with DISABLE_AUTOUPDATER (true-ish values only) or autoUpdates: false, and outside a native install', () => {
    const home = installedHome();
    expect(maybeStartBackgroundCheck(deps(home, { env: { DISABLE_AUTOUPDATER: '1' } }))).toBe('disabled-env');
    expect(maybeStartBackgroundCheck(deps(home, { env: { DISABLE_AUTOUPDATER: 'true' } }))).toBe('disabled-env');
    mkdirSync(join(home, '.wren'));
    writeFileSync(join(home, '.wren', 'settings.json'), '{"autoUpdates": false}');
    expect(maybeStartBackgroundCheck(deps(home, { env: { DISABLE_AUTOUPDATER: '0' } }))).toBe('disabled-setting');
    writeFileSync(join(home, '.wren', 'settings.json'), '{"autoUpdates": true}');
    expect(maybeStartBackgroundCheck(deps(home, { isNative: false }))).toBe('not-native');
    expect(maybeStartBackgroundCheck(deps(testdir()))).toBe('not-installed');
    const custom = testdir({ 'cfg/settings.json': '{"autoUpdates": false}' });
    expect(maybeStartBackgroundCheck(deps(home, { env: { WREN_CONFIG_DIR: join(custom, 'cfg') } }))).toBe('disabled-setting');
  });
});
