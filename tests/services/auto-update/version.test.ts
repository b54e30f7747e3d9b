import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { compareVersions, isVersion } from '../../../src/services/auto-update/index.ts';

// Ordered ascending; every pair is checked both ways.
const ORDER = ['0.0.1', '0.1.0-alpha', '0.1.0-alpha.1', '0.1.0-alpha.beta', '0.1.0-beta.2', '0.1.0-beta.11', '0.1.0-rc.1', '0.1.0', '0.1.1', '0.2.0', '0.10.0', '1.0.0', '10.0.0'];

describe('compareVersions', () => {
  test('orders releases and pre-releases as semver does', () => {
    for (let i = 0; i < ORDER.length; i++) {
      for (let j = 0; j < ORDER.length; j++) {
        expect(compareVersions(ORDER[i]!, ORDER[j]!), `${ORDER[i]} vs ${ORDER[j]}`).toBe(Math.sign(i - j));
      }
    }
  });

  test('isVersion accepts release versions only', () => {
    for (const v of ORDER) expect(isVersion(v), v).toBe(true);
    for (const v of ['1.0', '01.0.0', '1.0.0+build', 'v1.0.0', '1.0.0-', '../1.0.0', '1.0.0 ', '']) expect(isVersion(v), v).toBe(false);
  });

  test('install.sh orders versions exactly the same way (its vercmp, run by dash)', () => {
    const script = readFileSync(new URL('../../../scripts/install.sh', import.meta.url), 'utf8');
    const vercmp = /^vercmp\(\) \{[\s\S]*?^\}$/m.exec(script)?.[0];
    expect(vercmp).toBeDefined();
    const pairs = ORDER.flatMap((a) => ORDER.map((b) => `${a} ${b}`));
    const r = spawnSync('dash', ['-c', `${vercmp}\nwhile read a b; do vercmp "$a" "$b"; done`], { input: `${pairs.join('\n')}\n`, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const results = r.stdout.trim().split('\n').map(Number);
    expect(results).toEqual(pairs.map((p) => compareVersions(p.split(' ')[0]!, p.split(' ')[1]!)));
  });
});
