import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { base64Runs, excerpt, fileViews, locate } from '../../../scripts/release/content.ts';
import { redact } from '../../../scripts/release/secret-patterns.ts';
import { readTarball } from '../../../scripts/release/tarball.ts';
import { SECRETS } from '../../support/release-corpus.ts';
import { makeTgz } from '../../support/release-tarball.ts';

/* The verifier's building blocks: decoding views, excerpts that never leak a secret, the tar reader. */

/** Every maximal base64-alphabet run of 64+ characters, the slow obvious way. */
function naiveRuns(text: string): [number, number][] {
  const out: [number, number][] = [];
  const re = /[A-Za-z0-9+/_-]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) if (m[0].length >= 64) out.push([m.index, m.index + m[0].length]);
  return out;
}

describe('content views', () => {
  it('base64Runs finds exactly the runs a full scan finds (probing every 64th character)', () => {
    let seed = 7;
    const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    for (let round = 0; round < 200; round++) {
      let text = '';
      while (text.length < 2000) text += rand(4) === 0 ? ' ;"'[rand(3)] : 'aZ9+/_-'.repeat(30).slice(0, 1 + rand(150));
      expect([...base64Runs(text)]).toEqual(naiveRuns(text));
    }
  });

  it('decodes a base64 map inside a data: URI inside base64, and says where each piece came from', () => {
    const inner = `//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify({ sourcesContent: ['needle-in-map'], padding: 'x'.repeat(40) })).toString('base64')}`;
    const outer = `const s = "${Buffer.from(inner).toString('base64')}";`;
    const views = fileViews(Buffer.from(outer));
    const deepest = views[views.length - 1]!;
    const at = deepest.text.indexOf('needle-in-map');
    expect(at).toBeGreaterThan(-1);
    expect(locate(deepest, at)).toBe('in base64 at offset 11, then data: URI at offset 21');
  });

  it('excerpts redact a secret even when the excerpt window cuts through it', () => {
    const text = `${'x'.repeat(100)}const k = "${SECRETS.anthropic}"; const marker = 1;`;
    const at = text.indexOf('marker');
    const shown = excerpt({ text, segments: [] }, at, 6, 60);
    expect(shown).toContain('marker');
    expect(shown).not.toContain(SECRETS.anthropic.slice(10, 30));
    expect(redact(`a ${SECRETS.privateKey} b`)).toMatch(/^a -----BEGIN RSA PRIVATE KEY-----\[REDACTED \d+ chars\] b$/);
  });
});

describe('tarball reader', () => {
  it('reads raw header paths and types, unnormalised', async () => {
    const t = await readTarball(makeTgz([
      { path: 'package/../x.js', content: 'a' },
      { path: 'package/l', type: 'SymbolicLink', linkpath: '/etc/passwd' },
    ]));
    expect(t.problems).toEqual([]);
    expect(t.entries.map((e) => [e.path, e.type, e.linkpath ?? ''])).toEqual([['package/../x.js', 'File', ''], ['package/l', 'SymbolicLink', '/etc/passwd']]);
    expect(t.integrity).toMatch(/^sha512-/);
  });

  it('stops inflating at its limit (a gzip bomb is a problem, not an out-of-memory)', async () => {
    const t = await readTarball(gzipSync(Buffer.alloc(2 * 1024 * 1024)), { maxUnpackedBytes: 1024 * 1024 });
    expect(t.problems.map((p) => p.code)).toEqual(['TOO_LARGE']);
    expect(t.entries).toEqual([]);
  });
});
