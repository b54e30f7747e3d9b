import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTargets } from '../../../../build/build-targets.ts';
import { buildNativeBinary, type NativeBuildInfo } from '../../../../build/native/native-build.ts';
import { hostPlatform } from '../../../../build/native/platforms.ts';
import { pinnedNodeVersion } from '../../../../build/native/runtime.ts';
import { TARGETS } from '../../../../build/targets.ts';
import { FORBIDDEN_STRINGS } from '../../../../flags/forbidden.ts';
import { FLAGS } from '../../../../flags/registry.ts';
import { generateSigningKey, readPublicKey } from '../../../../scripts/release/native/keys.ts';
import { withCacheLock } from './cache-lock.ts';

/*
 * Native binaries for tests. A SEA build takes seconds and ~105 MB, so each
 * distinct binary is built once and cached by content hash (bundle bytes,
 * embedded key, Node version, code cache) under the OS temp folder, shared by
 * the vitest workers and kept between runs. The throwaway test key lives
 * there too: it is generated on first use and never enters the repository.
 */

export const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
const CACHE = join(tmpdir(), 'wren-native-test-cache');
/** Entries kept; older ones are removed (each is ~105 MB). */
const KEEP_ENTRIES = 6;

export interface TestKey {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
}

/** The throwaway release key pair of the test suite. */
export async function testKey(): Promise<TestKey> {
  mkdirSync(CACHE, { recursive: true });
  const file = join(CACHE, 'test-release-key.json');
  return withCacheLock(join(CACHE, '.key.lock'), async () => {
    if (!existsSync(file)) {
      const key = generateSigningKey();
      writeFileSync(file, JSON.stringify({ privateKeyPem: key.privateKeyPem, publicKeyPem: key.publicKeyPem }), { mode: 0o600 });
    }
    return JSON.parse(readFileSync(file, 'utf8')) as TestKey;
  });
}

/**
 * The native bundle (built exactly as `npm run build` builds it) with another
 * version string. Cached by a hash of everything that goes into it (src/,
 * flags/, build/, the lockfile), so an unchanged tree skips esbuild.
 */
export async function nativeBundle(version: string): Promise<string> {
  const key = inputsHash(version);
  const dir = join(CACHE, 'bundles', key);
  const bundle = join(dir, 'native', 'cli.js');
  mkdirSync(join(CACHE, 'bundles'), { recursive: true });
  return withCacheLock(join(CACHE, 'bundles', `.${key}.lock`), async () => {
    if (existsSync(bundle)) return bundle;
    const out = mkdtempSync(join(CACHE, 'bundles', '.build-'));
    const native = TARGETS.find((t) => t.name === 'native')!;
    const report = await buildTargets({ root: ROOT, flags: FLAGS, forbidden: FORBIDDEN_STRINGS, targets: [native], outRoot: out, version, smoke: false });
    if (!report.ok) {
      rmSync(out, { recursive: true, force: true });
      throw new Error(`native bundle ${version} failed its proof: ${JSON.stringify(report.targets[0]?.proof.violations)}`);
    }
    renameSync(out, dir);
    return bundle;
  });
}

function inputsHash(version: string): string {
  const hash = createHash('sha256').update(version).update('\0');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(path.slice(ROOT.length)).update('\0').update(readFileSync(path)).update('\0');
    }
  };
  for (const dir of ['src', 'flags', 'build']) walk(join(ROOT, dir));
  hash.update(readFileSync(join(ROOT, 'package-lock.json')));
  return hash.digest('hex').slice(0, 24);
}

export interface CachedBinary {
  readonly path: string;
  readonly info: NativeBuildInfo;
}

/** A host binary from `bundle` embedding `publicKeyPem`, from the cache or built now. */
export async function cachedBinary(bundle: string, publicKeyPem: string, useCodeCache = true): Promise<CachedBinary> {
  const host = hostPlatform();
  if (!host) throw new Error('no native platform for this host');
  const hash = createHash('sha256')
    .update(readFileSync(bundle)).update('\0').update(publicKeyPem.trim()).update('\0')
    .update(pinnedNodeVersion(ROOT)).update(String(useCodeCache)).update(nativeStepSources())
    .digest('hex').slice(0, 24);
  const dir = join(CACHE, hash);
  const path = join(dir, host.exe);
  mkdirSync(CACHE, { recursive: true });
  return withCacheLock(join(CACHE, `.${hash}.lock`), async () => {
    if (!existsSync(join(dir, 'build.json')) || !existsSync(path)) {
      rmSync(dir, { recursive: true, force: true });
      await buildNativeBinary({ root: ROOT, bundle, platform: host, out: path, publicKeyPem, useCodeCache });
      prune();
    }
    const now = new Date();
    utimesSync(dir, now, now); // recently used: kept by prune()
    return { path, info: JSON.parse(readFileSync(join(dir, 'build.json'), 'utf8')) as NativeBuildInfo };
  });
}

/** A test binary of `version` trusting the throwaway test key. */
export async function testBinary(version: string): Promise<CachedBinary> {
  const key = await testKey();
  return cachedBinary(await nativeBundle(version), key.publicKeyPem);
}

/**
 * The production binary: dist/bin/<host>/wren when `build-sea.ts` made it from
 * the current dist/native/cli.js, else the same build into the cache.
 */
export async function productionBinary(): Promise<CachedBinary> {
  const host = hostPlatform()!;
  const bundle = join(ROOT, 'dist', 'native', 'cli.js');
  if (!existsSync(bundle)) throw new Error('dist/native/cli.js is missing: run npm run build first');
  const built = join(ROOT, 'dist', 'bin', host.id, host.exe);
  const infoFile = join(ROOT, 'dist', 'bin', host.id, 'build.json');
  if (existsSync(built) && existsSync(infoFile)) {
    const info = JSON.parse(readFileSync(infoFile, 'utf8')) as NativeBuildInfo;
    const bundleSha = createHash('sha256').update(readFileSync(bundle)).digest('hex');
    if (info.bundleSha256 === bundleSha) return { path: built, info };
  }
  return cachedBinary(bundle, readPublicKey());
}

/** The SEA step's own code: a change to it must rebuild the binaries. */
function nativeStepSources(): Buffer {
  const dir = join(ROOT, 'build', 'native');
  return Buffer.concat(readdirSync(dir).sort().map((name) => readFileSync(join(dir, name))));
}

function prune(): void {
  for (const base of [CACHE, join(CACHE, 'bundles')]) pruneIn(base);
}

function pruneIn(base: string): void {
  if (!existsSync(base)) return;
  const entries = readdirSync(base, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^[0-9a-f]{24}$/.test(e.name))
    .map((e) => ({ dir: join(base, e.name), mtime: statSync(join(base, e.name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of entries.slice(KEEP_ENTRIES)) rmSync(old.dir, { recursive: true, force: true });
}
