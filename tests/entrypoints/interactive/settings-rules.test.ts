import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { editSettingsRule } from '../../../src/entrypoints/interactive/settings-rules.ts';
import { testdir } from '../../support/testdir.ts';

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

describe('editSettingsRule: the "allow always" and /permissions writer', () => {
  test('creates a missing settings file (0600) with the rule', () => {
    const file = join(testdir(), '.wren', 'settings.local.json');
    expect(editSettingsRule(file, 'allow', 'Bash(npm test:*)', 'add')).toEqual({ ok: true });
    expect(read(file)).toEqual({ permissions: { allow: ['Bash(npm test:*)'] } });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  test('keeps every other key, does not duplicate a rule, keeps the file mode', () => {
    const dir = testdir({ 'settings.json': JSON.stringify({ model: 'x', permissions: { allow: ['Read'], deny: ['Bash(rm:*)'] }, hooks: {} }) });
    const file = join(dir, 'settings.json');
    editSettingsRule(file, 'allow', 'Edit', 'add');
    editSettingsRule(file, 'allow', 'Edit', 'add');
    expect(read(file)).toEqual({ model: 'x', permissions: { allow: ['Read', 'Edit'], deny: ['Bash(rm:*)'] }, hooks: {} });
    expect(statSync(file).mode & 0o777).toBe(0o644);
  });

  test('removes a rule, and says when it is not there', () => {
    const dir = testdir({ 'settings.json': JSON.stringify({ permissions: { deny: ['Bash(rm:*)', 'WebFetch'] } }) });
    const file = join(dir, 'settings.json');
    expect(editSettingsRule(file, 'deny', 'WebFetch', 'remove')).toEqual({ ok: true });
    expect(read(file)).toEqual({ permissions: { deny: ['Bash(rm:*)'] } });
    expect(editSettingsRule(file, 'deny', 'WebFetch', 'remove')).toMatchObject({ ok: false, message: expect.stringContaining('is not in') });
  });

  test('refuses to overwrite a file that is not a JSON object', () => {
    const dir = testdir({ 'settings.json': '{ "permissions": [oops' });
    const file = join(dir, 'settings.json');
    expect(editSettingsRule(file, 'allow', 'Edit', 'add')).toMatchObject({ ok: false, message: expect.stringContaining('fix it by hand') });
    expect(readFileSync(file, 'utf8')).toBe('{ "permissions": [oops');
    writeFileSync(file, '[]');
    expect(editSettingsRule(file, 'allow', 'Edit', 'add')).toMatchObject({ ok: false });
  });
});
