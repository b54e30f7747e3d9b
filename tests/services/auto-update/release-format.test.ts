import { describe, expect, test } from 'vitest';
import {
  isUpdateError, parseManifest, parsePointer, serializeDocument, type ChannelPointer, type ReleaseManifest, type UpdateErrorCode,
} from '../../../src/services/auto-update/index.ts';
import { assetFor, checkPointerFresh, checkUpdaterVersion } from '../../../src/services/auto-update/release-format.ts';

const MANIFEST: ReleaseManifest = {
  kind: 'wren-release-manifest', schema: 1, version: '1.2.3', buildDate: '2026-11-01T00:00:00Z', minimumUpdaterVersion: '1.0.0',
  platforms: { 'linux-x64': { file: 'linux-x64/wren', sha256: 'a'.repeat(64), size: 10 } },
};
const POINTER: ChannelPointer = {
  kind: 'wren-channel-pointer', schema: 1, channel: 'stable', version: '1.2.3', manifestSha256: 'b'.repeat(64),
  issued: '2026-11-01T00:00:00Z', expires: '2026-12-01T00:00:00Z',
};
const bytes = (doc: object) => Buffer.from(serializeDocument(doc as ReleaseManifest));

function code(run: () => unknown): UpdateErrorCode | undefined {
  try {
    run();
  } catch (error) {
    if (isUpdateError(error)) return error.code;
    throw error;
  }
  return undefined;
}

describe('release documents', () => {
  test('a well-formed manifest and pointer parse', () => {
    expect(parseManifest(bytes(MANIFEST))).toEqual(MANIFEST);
    expect(parsePointer(bytes(POINTER), 'stable')).toEqual(POINTER);
  });

  test.each([
    ['a pointer served as a manifest', { ...POINTER }],
    ['an unknown schema', { ...MANIFEST, schema: 2 }],
    ['a bad version', { ...MANIFEST, version: '1.2' }],
    ['an unknown platform', { ...MANIFEST, platforms: { 'plan9-x64': { file: 'plan9-x64/wren', sha256: 'a'.repeat(64), size: 1 } } }],
    ['a file outside its platform folder', { ...MANIFEST, platforms: { 'linux-x64': { file: '../../etc/passwd', sha256: 'a'.repeat(64), size: 1 } } }],
    ['an uppercase sha256', { ...MANIFEST, platforms: { 'linux-x64': { file: 'linux-x64/wren', sha256: 'A'.repeat(64), size: 1 } } }],
    ['a zero size', { ...MANIFEST, platforms: { 'linux-x64': { file: 'linux-x64/wren', sha256: 'a'.repeat(64), size: 0 } } }],
  ])('a manifest with %s is refused', (_, doc) => {
    expect(code(() => parseManifest(bytes(doc)))).toBe('bad-document');
  });

  test('a pointer is refused as a manifest, for another channel, or malformed', () => {
    expect(code(() => parsePointer(bytes(MANIFEST), 'stable'))).toBe('bad-document');
    expect(code(() => parsePointer(bytes(POINTER), 'latest'))).toBe('bad-document');
    expect(code(() => parsePointer(bytes({ ...POINTER, manifestSha256: 'x' }), 'stable'))).toBe('bad-document');
    expect(code(() => parsePointer(Buffer.from('not json'), 'stable'))).toBe('bad-document');
  });

  test('pointer freshness: expired is refused, and so is one issued in the far future', () => {
    expect(code(() => checkPointerFresh(POINTER, new Date('2026-11-15T00:00:00Z')))).toBeUndefined();
    expect(code(() => checkPointerFresh(POINTER, new Date('2026-12-01T00:00:00Z')))).toBe('expired');
    expect(code(() => checkPointerFresh(POINTER, new Date('2026-10-01T00:00:00Z')))).toBe('bad-document');
  });

  test('platform lookup and the minimum updater version', () => {
    expect(assetFor(MANIFEST, 'linux-x64').size).toBe(10);
    expect(code(() => assetFor(MANIFEST, 'darwin-arm64'))).toBe('no-platform');
    expect(code(() => checkUpdaterVersion(MANIFEST, '1.0.0'))).toBeUndefined();
    expect(code(() => checkUpdaterVersion(MANIFEST, '0.9.9'))).toBe('updater-too-old');
  });
});
