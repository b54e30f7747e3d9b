import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { listFiles } from '../../build/prove.ts';
import type { BuildReport } from '../../build/build-targets.ts';
import { mustNotAppear, offFlags, onFlags } from '../../flags/profiles.ts';
import { TARGET_NAMES } from '../../flags/types.ts';

/*
 * Contract tests on the built artifacts in dist/ (`npm test` builds first).
 * They re-check what the build claims, independently of the build's own proof.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = join(root, 'dist');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

function wren(target: string, ...args: string[]) {
  return spawnSync(process.execPath, [join(dist, target, 'cli.js'), ...args], { encoding: 'utf8', timeout: 20_000 });
}

describe.each(TARGET_NAMES)('the %s artifact', (target) => {
  test('runs: --version prints the package version', () => {
    const r = wren(target, '--version');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${version} (Wren)\n`);
  });

  test('`wren flags` lists exactly the profile\'s on flags', () => {
    const listed = JSON.parse(wren(target, 'flags', '--json').stdout) as { target: string; flags: { name: string; status: string }[] };
    expect(listed.target).toBe(target);
    expect(listed.flags.map((f) => f.name).sort()).toEqual([...onFlags(target)].sort());
    const text = wren(target, 'flags').stdout;
    for (const name of onFlags(target)) expect(text).toContain(name);
  });

  test('MUST_NOT_APPEAR: no off flag name or marker (and, if public, no forbidden string) in any emitted byte', () => {
    const files = listFiles(join(dist, target));
    expect(files.length).toBeGreaterThan(0);
    const leaks: string[] = [];
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const item of mustNotAppear(target)) if (bytes.includes(item.text)) leaks.push(`${item.text} in ${file}`);
    }
    expect(leaks).toEqual([]);
  });
});

describe('the external artifact', () => {
  test('contains none of the 25 off flags\' names, and is not empty of the 19 on ones', () => {
    const bytes = Buffer.concat(listFiles(join(dist, 'external')).map((f) => readFileSync(f)));
    expect(offFlags('external')).toHaveLength(25);
    for (const name of offFlags('external')) expect(bytes.includes(name), name).toBe(false);
    expect(onFlags('external')).toHaveLength(19);
    for (const name of onFlags('external')) expect(bytes.includes(name), name).toBe(true);
  });

  test('names exactly the 19 ga flags in `wren flags`', () => {
    const listed = JSON.parse(wren('external', 'flags', '--json').stdout) as { flags: { name: string }[] };
    expect(listed.flags).toHaveLength(19);
  });

  test('has a shebang on its bin and no source maps anywhere', () => {
    expect(readFileSync(join(dist, 'external', 'cli.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    for (const target of ['external', 'native']) {
      for (const file of listFiles(join(dist, target))) {
        expect(file.endsWith('.map'), file).toBe(false);
        expect(readFileSync(file).includes('sourceMappingURL'), file).toBe(false);
      }
    }
  });

  test('--help names no off flag; an unknown option is a one-line error with exit 2', () => {
    const help = wren('external', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: wren');
    for (const name of offFlags('external')) expect(help.stdout).not.toContain(name);
    const bad = wren('external', '--no-such-option');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^error: unknown option '--no-such-option'\n/);
    expect(bad.stderr).not.toContain('    at ');
  });

  test('a closed stdout pipe is not an error', () => {
    const out = execFileSync('bash', ['-c', `"${process.execPath}" "${join(dist, 'external', 'cli.js')}" flags | head -1`], { encoding: 'utf8' });
    expect(out).toMatch(/^19 flags compiled into this build \(external\)/);
  });
});

describe('source maps and the native bundle', () => {
  test('internal carries linked maps, only under dist/internal', () => {
    const maps = listFiles(dist).filter((f) => f.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(0);
    for (const map of maps) expect(map.startsWith(join(dist, 'internal'))).toBe(true);
  });

  test('native is one CommonJS file (the input of the single-executable step)', () => {
    const files = listFiles(join(dist, 'native')).map((f) => f.slice(join(dist, 'native').length + 1));
    expect(files.sort()).toEqual(['cli.js', 'package.json']);
    expect(readFileSync(join(dist, 'native', 'cli.js'), 'utf8')).toMatch(/require\(/);
  });
});

describe('the build report', () => {
  test('dist/build-report.json records every target passing, with sizes, flags and scaffolds', () => {
    expect(existsSync(join(dist, 'build-report.json'))).toBe(true);
    const report = JSON.parse(readFileSync(join(dist, 'build-report.json'), 'utf8')) as BuildReport;
    expect(report.ok).toBe(true);
    expect(report.targets.map((t) => t.name)).toEqual(['external', 'internal', 'native']);
    for (const t of report.targets) {
      expect(t.proof.passed).toBe(true);
      expect(t.proof.checks).toBeGreaterThan(0);
      expect(t.bytes).toBeGreaterThan(0);
      expect(t.flagsOn.sort()).toEqual([...onFlags(t.name as 'external')].sort());
      for (const scaffold of t.scaffolds) expect(t.flagsOn).toContain(scaffold);
    }
  });
});
