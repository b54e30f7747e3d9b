import { existsSync, readdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPlaceholderRegistry } from '../../../src/tools/bash-sandbox/index.ts';
import { testdir } from '../../support/testdir.ts';

function setup() {
  const root = realpathSync(testdir());
  const state = join(realpathSync(testdir()), 'placeholders');
  return { root, state, registry: createPlaceholderRegistry(state) };
}

describe('placeholders for missing protected paths', () => {
  it('are created for a command and removed when it lets go', () => {
    const { root, state, registry } = setup();
    const release = registry.hold([
      { path: join(root, '.wren'), placeholder: { kind: 'dir' } },
      { path: join(root, 'commondir'), placeholder: { kind: 'file', content: '.\n' } },
    ]);
    expect(readdirSync(join(root, '.wren'))).toEqual([]);
    expect(readFileSync(join(root, 'commondir'), 'utf8')).toBe('.\n');
    release();
    release(); // twice is harmless
    expect(readdirSync(root)).toEqual([]);
    expect(readdirSync(state)).toEqual([]);
  });

  it('stay while another command (in any process) still holds them', () => {
    const { root, state } = setup();
    const a = createPlaceholderRegistry(state);
    const b = createPlaceholderRegistry(state); // another Wren process, as far as the records go
    const target = [{ path: join(root, '.mcp.json'), placeholder: { kind: 'dir' } as const }];
    const releaseA = a.hold(target);
    const releaseB = b.hold(target); // finds A's placeholder and holds it too
    releaseA();
    expect(existsSync(join(root, '.mcp.json'))).toBe(true);
    releaseB();
    expect(existsSync(join(root, '.mcp.json'))).toBe(false);
  });

  it('are left alone once someone changed them, and real files are never touched', () => {
    const { root, registry } = setup();
    writeFileSync(join(root, '.mcp.json'), '{"mcpServers":{}}');
    const release = registry.hold([
      { path: join(root, '.wren'), placeholder: { kind: 'dir' } },
      { path: join(root, '.mcp.json'), placeholder: { kind: 'dir' } },
    ]);
    writeFileSync(join(root, '.wren/settings.json'), '{}'); // the user, outside any sandbox, meanwhile
    release();
    expect(readFileSync(join(root, '.wren/settings.json'), 'utf8')).toBe('{}');
    expect(readFileSync(join(root, '.mcp.json'), 'utf8')).toBe('{"mcpServers":{}}');
  });

  it('left by a Wren that was killed are swept; a lock it died holding is broken', () => {
    const { root, state, registry } = setup();
    registry.hold([{ path: join(root, '.wren'), placeholder: { kind: 'dir' } }]); // never released
    const [entry] = readdirSync(state);
    const [holder] = readdirSync(join(state, entry!)).filter((f) => f.startsWith('h.'));
    // Make the holder a process that is gone: pid 4194305 is above Linux's pid_max ceiling.
    renameSync(join(state, entry!, holder!), join(state, entry!, 'h.4194305-1-1'));
    writeFileSync(join(state, 'lock'), '4194305-1-1');
    expect(existsSync(join(root, '.wren'))).toBe(true);
    createPlaceholderRegistry(state).sweep();
    expect(existsSync(join(root, '.wren'))).toBe(false);
    expect(readdirSync(state)).toEqual([]);
  });

  it('fail with a typed error when the records cannot be kept', () => {
    const { root } = setup();
    const file = join(root, 'not-a-dir');
    writeFileSync(file, '');
    const registry = createPlaceholderRegistry(join(file, 'state'));
    expect(() => registry.hold([{ path: join(root, '.wren'), placeholder: { kind: 'dir' } }])).toThrow(expect.objectContaining({ code: 'PLACEHOLDERS_UNAVAILABLE' }));
  });
});
